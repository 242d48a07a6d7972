// `dateline import wordpress …` and `dateline export` / `dateline import json …` as a newsroom runs
// them: the real command in a child process against temporary SQLite files, including runs killed
// with SIGKILL half-way and started again.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateWxr } from '../bench/generate-wxr.ts'
import { fixture, makeUploads } from './helpers/wxr-uploads.ts'

const bin = path.resolve(import.meta.dirname, '..', 'bin', 'dateline.js')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function dateline(args: string[], env: Record<string, string>): { done: Promise<Run>; kill(): void } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
  return { done, kill: () => child.kill('SIGKILL') }
}

function counts(file: string): {
  articles: number
  mapped: number
  bylines: number
  slugs: number
  orphans: number
} {
  const db = new SQLite(file, { readonly: true })
  try {
    const one = (query: string) => (db.prepare(query).get() as { n: number }).n
    return {
      articles: one('SELECT COUNT(*) AS n FROM articles'),
      mapped: one("SELECT COUNT(*) AS n FROM wp_import_map WHERE kind = 'post'"),
      bylines: one('SELECT COUNT(DISTINCT article_id) AS n FROM article_authors'),
      slugs: one('SELECT COUNT(DISTINCT slug) AS n FROM articles'),
      orphans: one(
        "SELECT COUNT(*) AS n FROM articles WHERE id NOT IN (SELECT local_id FROM wp_import_map WHERE kind = 'post')",
      ),
    }
  } finally {
    db.close()
  }
}

describe('dateline import wordpress', () => {
  let dir: string
  let env: Record<string, string>

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-cli-import-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  function freshEnv(name: string): Record<string, string> {
    env = {
      DATABASE_URL: path.join(dir, `${name}.db`),
      MEDIA_DIR: path.join(dir, `${name}-media`),
      SITE_URL: 'https://news.example',
      DEMO_CONTENT: 'off',
      LOG_LEVEL: 'silent',
    }
    return env
  }

  it('checks a file with --dry-run and writes nothing', async () => {
    const run = await dateline(['import', 'wordpress', fixture('newsroom.xml'), '--dry-run'], freshEnv('dry'))
      .done
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Dry run (nothing was written)')
    expect(run.stdout).toContain('Would import: 7 stories, 1 pages')
    expect(counts(env.DATABASE_URL ?? '').articles).toBe(0)
  })

  it('imports, prints the report and writes it as JSON with --report', async () => {
    const reportFile = path.join(dir, 'report.json')
    const run = await dateline(
      ['import', 'wordpress', fixture('newsroom.xml'), '--report', reportFile, '--no-reindex'],
      freshEnv('real'),
    ).done
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Imported: 7 stories, 1 pages')
    expect(run.stdout).toContain('1 private editorial notes (never imported)')
    // Plain progress lines when stderr is not a terminal.
    expect(run.stderr).toContain('Stories: 9/9')
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'))
    expect(report.imported.stories).toBe(7)
    expect(report.comments.notes).toBe(1)
  })

  it('refuses a bad file with the line, exit code 1 and nothing written', async () => {
    const bad = path.join(dir, 'bad.xml')
    fs.writeFileSync(
      bad,
      fs.readFileSync(fixture('newsroom.xml'), 'utf8').replace('</wp:post_name>', '</wp:post_nam>'),
    )
    const run = await dateline(['import', 'wordpress', bad], freshEnv('bad')).done
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/not well-formed XML.*line \d+, column \d+/)
    expect(counts(env.DATABASE_URL ?? '').articles).toBe(0)
    const xxe = await dateline(['import', 'wordpress', fixture('doctype-xxe.xml')], env).done
    expect(xxe.code).toBe(1)
    expect(xxe.stderr).toContain('DOCTYPE')
    const missing = await dateline(['import', 'wordpress', path.join(dir, 'nope.xml')], env).done
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('There is no file at')
  })

  it('ends complete and consistent after a run killed with SIGKILL half-way', {
    timeout: 300_000,
  }, async () => {
    const big = path.join(dir, 'big.xml')
    const posts = 6000
    await generateWxr(big, posts)
    const killedEnv = freshEnv('killed')
    const first = dateline(['import', 'wordpress', big, '--no-reindex'], killedEnv)
    // Kill it once some batches are in, well before the end.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      // Until the migrations have run, the file may exist without the tables.
      const now = (() => {
        try {
          return counts(killedEnv.DATABASE_URL ?? '')
        } catch {
          return undefined
        }
      })()
      if ((now?.mapped ?? 0) > 0) break
    }
    first.kill()
    await first.done
    const after = counts(killedEnv.DATABASE_URL ?? '')
    expect(after.mapped).toBeLessThan(posts)
    // Whole batches or nothing: every story has its map row and its bylines.
    expect(after.articles).toBe(after.mapped)
    expect(after.bylines).toBe(after.articles)
    expect(after.orphans).toBe(0)

    const second = await dateline(['import', 'wordpress', big, '--no-reindex'], killedEnv).done
    expect(second.code).toBe(0)
    const end = counts(killedEnv.DATABASE_URL ?? '')
    expect(end).toEqual({ articles: posts, mapped: posts, bylines: posts, slugs: posts, orphans: 0 })
    expect(second.stdout).toContain(
      `Already imported by an earlier run (left as they are): ${after.mapped} stories`,
    )
  })
})

describe('dateline export and dateline import json', () => {
  let dir: string

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-cli-json-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const envFor = (name: string): Record<string, string> => ({
    DATABASE_URL: path.join(dir, `${name}.db`),
    MEDIA_DIR: path.join(dir, `${name}-media`),
    SITE_URL: 'https://news.example',
    DEMO_CONTENT: 'off',
    LOG_LEVEL: 'silent',
  })
  const table = (env: Record<string, string>, query: string): number => {
    const db = new SQLite(env.DATABASE_URL ?? '', { readonly: true })
    try {
      return (db.prepare(query).get() as { n: number }).n
    } finally {
      db.close()
    }
  }

  it('explains itself with --help', async () => {
    const run = await dateline(['import', 'json', '--help'], envFor('help')).done
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('--media-dir <folder>')
    expect(run.stdout).toContain('--dry-run')
    const exportHelp = await dateline(['export', '--help'], envFor('help')).done
    expect(exportHelp.stdout).toContain('--copy-media <folder>')
  })

  it('moves a site with its image files: export --copy-media, then import json --media-dir, twice', {
    timeout: 120_000,
  }, async () => {
    const source = envFor('source')
    const uploads = await makeUploads()
    try {
      expect(
        (
          await dateline(['import', 'wordpress', fixture('newsroom.xml'), '--media-dir', uploads], source)
            .done
        ).code,
      ).toBe(0)
    } finally {
      fs.rmSync(uploads, { recursive: true, force: true })
    }
    const file = path.join(dir, 'site.json')
    const copied = path.join(dir, 'copied-media')
    const exported = await dateline(['export', file, '--copy-media', copied], source).done
    expect(exported.code).toBe(0)
    expect(exported.stdout).toMatch(/Copied \d+ image files to/)

    const target = envFor('target')
    const dry = await dateline(['import', 'json', file, '--media-dir', copied, '--dry-run'], target).done
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('Dry run (nothing was written)')
    expect(dry.stdout).toContain('Would import: 8 stories')
    expect(table(target, 'SELECT COUNT(*) AS n FROM articles')).toBe(0)

    const reportFile = path.join(dir, 'json-report.json')
    const run = await dateline(
      ['import', 'json', file, '--media-dir', copied, '--report', reportFile],
      target,
    ).done
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Imported: 8 stories')
    expect(run.stdout).toContain('without passwords')
    expect(JSON.parse(fs.readFileSync(reportFile, 'utf8')).media.filesMissing).toBe(0)
    const again = await dateline(['import', 'json', file], target).done
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('Imported: 0 stories')
    expect(again.stdout).toContain(
      'Already on the site (same slug, address or key; left as they are): 8 stories',
    )
    for (const query of [
      'SELECT COUNT(*) AS n FROM articles',
      'SELECT COUNT(*) AS n FROM media_variants',
      'SELECT COUNT(*) AS n FROM redirects',
      'SELECT COUNT(*) AS n FROM authors',
    ])
      expect(table(target, query)).toBe(table(source, query))
    const media = new SQLite(target.DATABASE_URL ?? '', { readonly: true })
    const paths = media.prepare('SELECT path FROM media').all() as { path: string }[]
    media.close()
    for (const { path: relative } of paths)
      expect(fs.existsSync(path.join(target.MEDIA_DIR ?? '', relative))).toBe(true)
  })

  it('refuses a cut-short or foreign file with the line, exit code 1 and nothing written', async () => {
    const env = envFor('refused')
    const cut = path.join(dir, 'cut.json')
    const whole = fs.readFileSync(path.join(dir, 'site.json'), 'utf8')
    fs.writeFileSync(cut, whole.slice(0, Math.floor(whole.length * 0.8)))
    const run = await dateline(['import', 'json', cut], env).done
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/cut short.*line \d+/)
    expect(table(env, 'SELECT COUNT(*) AS n FROM articles')).toBe(0)
    expect(table(env, 'SELECT COUNT(*) AS n FROM sections')).toBe(0)
    const foreign = path.join(dir, 'foreign.json')
    fs.writeFileSync(foreign, JSON.stringify({ posts: [{ title: 'x' }] }))
    const other = await dateline(['import', 'json', foreign], env).done
    expect(other.code).toBe(1)
    expect(other.stderr).toContain('This is not a Dateline export')
  })

  it('ends complete and consistent after a run killed with SIGKILL half-way', {
    timeout: 300_000,
  }, async () => {
    const posts = 4000
    const wxr = path.join(dir, 'big.xml')
    await generateWxr(wxr, posts)
    const source = envFor('big-source')
    expect((await dateline(['import', 'wordpress', wxr, '--no-reindex'], source).done).code).toBe(0)
    const file = path.join(dir, 'big.json')
    expect((await dateline(['export', file], source).done).code).toBe(0)

    const target = envFor('big-target')
    const first = dateline(['import', 'json', file, '--no-reindex'], target)
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const now = (() => {
        try {
          return table(target, 'SELECT COUNT(*) AS n FROM articles')
        } catch {
          return 0
        }
      })()
      if (now > 0) break
    }
    first.kill()
    await first.done
    const stories = table(target, 'SELECT COUNT(*) AS n FROM articles')
    expect(stories).toBeLessThan(posts)
    // Whole batches or nothing: every story has its bylines.
    expect(table(target, 'SELECT COUNT(DISTINCT article_id) AS n FROM article_authors')).toBe(stories)

    const second = await dateline(['import', 'json', file, '--no-reindex'], target).done
    expect(second.code).toBe(0)
    expect(second.stdout).toContain(
      `Already on the site (same slug, address or key; left as they are): ${stories} stories`,
    )
    expect(table(target, 'SELECT COUNT(*) AS n FROM articles')).toBe(posts)
    expect(table(target, 'SELECT COUNT(DISTINCT article_id) AS n FROM article_authors')).toBe(posts)
    expect(table(target, 'SELECT COUNT(*) AS n FROM redirects')).toBe(
      table(source, 'SELECT COUNT(*) AS n FROM redirects'),
    )
  })
})
