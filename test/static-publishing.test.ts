// Static publishing on every database in the matrix: `dateline static build` writes every public
// page with .gz and .br beside it, and with STATIC_DIR set the same content events that purge the
// page cache rewrite or delete exactly the affected files. Plus the bad days: hostile slugs, a
// full disk, a folder that cannot be written.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCorrection } from '../src/articles/articles.service.ts'
import { applyWorkflowStep } from '../src/articles/workflow.service.ts'
import { systemActor } from '../src/context.ts'
import { realFileSystem } from '../src/static/atomic-files.ts'
import { buildStaticFolder } from '../src/static/static-build.ts'
import { liveStaticPublishing } from '../src/static/static-live.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const actor = systemActor('test')

function read(folder: string, file: string): string {
  return fs.readFileSync(path.join(folder, file), 'utf8')
}

function listFiles(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(folder, f)).isFile(),
  )
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: static publishing`, () => {
    let t: TestApp
    let folder: string
    const ids: Record<string, number> = {}

    beforeAll(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-static-'))
      t = await startTestApp(engine, { env: { STATIC_DIR: folder } })
      ids.news = await makeSection(t.ctx, { slug: 'news', name: 'News', position: 1 })
      ids.sport = await makeSection(t.ctx, { slug: 'sport', name: 'Sport', position: 2 })
      ids.author = await makeAuthor(t.ctx, { slug: 'reporter', name: 'Reporter' })
      ids.bridge = await makeArticle(t.ctx, {
        headline: 'Road works close the old bridge',
        slug: 'road-works-close-the-old-bridge',
        bodyHtml: paragraphs('The old bridge will be closed for two weeks while crews repair its deck.'),
        sectionId: ids.news,
        authorIds: [ids.author],
        tagNames: ['Roads'],
        publishedAt: '2026-11-25T06:00:00.000Z',
      })
      ids.cup = await makeArticle(t.ctx, {
        headline: 'Local side wins the autumn cup',
        slug: 'local-side-wins-the-autumn-cup',
        sectionId: ids.sport,
        authorIds: [ids.author],
        publishedAt: '2026-11-24T06:00:00.000Z',
      })
      await liveStaticPublishing(t.app)?.idle()
    })

    afterAll(async () => {
      await t?.close()
      fs.rmSync(folder, { recursive: true, force: true })
    })

    it('keeps every kind of public page as a file, with .gz and .br of the same bytes', async () => {
      const files = listFiles(folder)
      for (const file of [
        'index.html',
        'latest/index.html',
        'lite/index.html',
        'news/index.html',
        'news/road-works-close-the-old-bridge.html',
        'lite/news/road-works-close-the-old-bridge.html',
        'tag/roads/index.html',
        'author/reporter/index.html',
        '2026/11/index.html',
        'feed/rss.xml',
        'feed/atom.xml',
        'feed/feed.json',
        'feed/section/news/rss.xml',
        'feed/tag/roads/atom.xml',
        'feed/author/reporter/feed.json',
        'sitemap.xml',
        'sitemaps/pages.xml',
        'sitemaps/news.xml',
        'sitemaps/posts-2026-11.xml',
        'robots.txt',
      ]) {
        expect(files, file).toContain(file)
        expect(files, `${file}.gz`).toContain(`${file}.gz`)
        expect(files, `${file}.br`).toContain(`${file}.br`)
      }
      const page = fs.readFileSync(path.join(folder, 'news/road-works-close-the-old-bridge.html'))
      const live = Buffer.from(await (await t.get('/news/road-works-close-the-old-bridge')).arrayBuffer())
      expect(page.equals(live)).toBe(true)
      expect(
        gunzipSync(fs.readFileSync(path.join(folder, 'news/road-works-close-the-old-bridge.html.gz'))),
      ).toEqual(page)
      expect(
        brotliDecompressSync(
          fs.readFileSync(path.join(folder, 'news/road-works-close-the-old-bridge.html.br')),
        ),
      ).toEqual(page)
      // Nothing of the admin, nothing half-written, nothing outside the layout.
      expect(files.some((f) => f.startsWith('admin'))).toBe(false)
      expect(files.some((f) => f.endsWith('.tmp'))).toBe(false)
    })

    it('rewrites exactly the affected files when a story is published, updated and unpublished', async () => {
      const live = liveStaticPublishing(t.app)
      if (!live) throw new Error('static publishing is not on')
      const sportFile = path.join(folder, 'sport/local-side-wins-the-autumn-cup.html')
      const sportBefore = fs.statSync(sportFile).mtimeMs

      ids.wells = await makeArticle(t.ctx, {
        headline: 'Water board opens new wells',
        slug: 'water-board-opens-new-wells',
        sectionId: ids.news!,
        authorIds: [ids.author!],
        publishedAt: '2026-11-26T06:00:00.000Z',
      })
      await live.idle()
      expect(read(folder, 'news/water-board-opens-new-wells.html')).toContain('Water board opens new wells')
      expect(read(folder, 'index.html')).toContain('Water board opens new wells')
      expect(read(folder, 'news/index.html')).toContain('Water board opens new wells')
      expect(read(folder, 'feed/rss.xml')).toContain('Water board opens new wells')
      expect(live.lastReport()?.failed).toEqual([])

      await recordCorrection(t.ctx, actor, ids.wells, 'An earlier version misnamed the district.')
      await live.idle()
      expect(read(folder, 'news/water-board-opens-new-wells.html')).toContain('misnamed the district')

      await applyWorkflowStep(t.ctx, actor, ids.wells, 'unpublish')
      await live.idle()
      for (const suffix of ['', '.gz', '.br'])
        expect(fs.existsSync(path.join(folder, `news/water-board-opens-new-wells.html${suffix}`))).toBe(false)
      expect(fs.existsSync(path.join(folder, 'lite/news/water-board-opens-new-wells.html'))).toBe(false)
      expect(read(folder, 'index.html')).not.toContain('Water board opens new wells')
      // A story in another section was never touched by any of it.
      expect(fs.statSync(sportFile).mtimeMs).toBe(sportBefore)
    })

    it('rewrites nothing on a second build of an unchanged site', async () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-static-build-'))
      try {
        const first = await buildStaticFolder(t.ctx, copy)
        expect(first.failed).toEqual([])
        expect(first.written).toBeGreaterThan(20)
        const second = await buildStaticFolder(t.ctx, copy)
        expect(second.written).toBe(0)
        expect(second.removed).toBe(0)
        expect(second.unchanged).toBe(first.written)
      } finally {
        fs.rmSync(copy, { recursive: true, force: true })
      }
    })

    it('never writes outside the folder, whatever slug the database holds', async () => {
      const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-hostile-'))
      const copy = path.join(parent, 'site')
      const hostile = ['../../escaped', '..', 'a/../../b', '.hidden', 'x\\..\\y']
      // Straight into the table: the services would refuse these slugs.
      for (const [i, slug] of hostile.entries()) {
        await t.ctx.db
          .insertInto('articles')
          .values({
            language: 'en',
            slug,
            headline: `Hostile ${i}`,
            dek: '',
            body_html: '<p>x</p>',
            excerpt: null,
            auto_excerpt: 'x',
            dateline: '',
            section_id: ids.news!,
            featured_media_id: null,
            featured_caption: '',
            featured_credit: '',
            status: 'published',
            published_at: '2026-11-20T06:00:00.000Z',
            updated_at: '2026-11-20T06:00:00.000Z',
            created_at: '2026-11-20T06:00:00.000Z',
            correction_note: '',
            word_count: 1,
          })
          .execute()
      }
      try {
        const report = await buildStaticFolder(t.ctx, copy)
        expect(report.refused.length).toBeGreaterThanOrEqual(hostile.length)
        expect(fs.readdirSync(parent)).toEqual(['site'])
        for (const file of listFiles(copy))
          expect(path.resolve(copy, file).startsWith(copy + path.sep)).toBe(true)
      } finally {
        await t.ctx.db.deleteFrom('articles').where('slug', 'in', hostile).execute()
        fs.rmSync(parent, { recursive: true, force: true })
      }
    })

    it('keeps the previous good file when the disk fills up half-way, and says what failed', async () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-full-'))
      try {
        await buildStaticFolder(t.ctx, copy)
        const storyFile = path.join(copy, 'news/road-works-close-the-old-bridge.html')
        const before = fs.readFileSync(storyFile)
        await recordCorrection(t.ctx, actor, ids.bridge!, 'The bridge reopens a week earlier.')
        // An injected writer: the disk is "full" for the story's page (after its .gz was written).
        const fullDisk = {
          ...realFileSystem,
          writeFile: async (file: string, body: Buffer) => {
            if (
              path.basename(file).startsWith('.road-works-close-the-old-bridge.html.') &&
              !file.includes('.gz.')
            )
              throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
            return realFileSystem.writeFile(file, body)
          },
        }
        const report = await buildStaticFolder(t.ctx, copy, { fileSystem: fullDisk })
        expect(report.failed).toContainEqual({
          path: '/news/road-works-close-the-old-bridge',
          reason: 'the disk is full (ENOSPC)',
        })
        expect(fs.readFileSync(storyFile).equals(before)).toBe(true)
        expect(gunzipSync(fs.readFileSync(`${storyFile}.gz`)).equals(before)).toBe(true)
        expect(listFiles(copy).some((f) => f.endsWith('.tmp'))).toBe(false)
        // The next run, with room again, catches up.
        const retry = await buildStaticFolder(t.ctx, copy)
        expect(retry.failed).toEqual([])
        expect(fs.readFileSync(storyFile, 'utf8')).toContain('reopens a week earlier')
      } finally {
        fs.rmSync(copy, { recursive: true, force: true })
      }
    })
  })
}

// Real file systems that refuse: a tiny tmpfs that fills up, and a read-only one (which refuses
// root too, unlike chmod). Mounting needs root and a kernel that lets us; skipped with a reason otherwise.
function tryMount(target: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const canMount = (() => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-mount-probe-'))
  const isMounted = tryMount(probe, 'size=64k')
  if (isMounted) execFileSync('umount', [probe])
  fs.rmSync(probe, { recursive: true, force: true })
  if (!isMounted)
    console.log(
      'static publishing on real full/read-only disks skipped: cannot mount a tmpfs here (needs root)',
    )
  return isMounted
})()

describe.skipIf(!canMount)('sqlite: static publishing on a full and on a read-only disk', () => {
  let t: TestApp
  const mounts: string[] = []

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    const news = await makeSection(t.ctx, { slug: 'news', name: 'News' })
    const author = await makeAuthor(t.ctx, { slug: 'reporter', name: 'Reporter' })
    for (let i = 0; i < 3; i++)
      await makeArticle(t.ctx, {
        headline: `A story long enough to need room number ${i}`,
        bodyHtml: paragraphs('Words that take up room on a small disk. '.repeat(200)),
        sectionId: news,
        authorIds: [author],
      })
  })

  afterAll(async () => {
    for (const mount of mounts) {
      execFileSync('umount', [mount])
      fs.rmSync(mount, { recursive: true, force: true })
    }
    await t?.close()
  })

  it('reports a full disk by name and leaves no half-written file', async () => {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-tiny-'))
    expect(tryMount(target, 'size=48k')).toBe(true)
    mounts.push(target)
    const report = await buildStaticFolder(t.ctx, target)
    expect(report.failed.length).toBeGreaterThan(0)
    expect(report.failed.map((f) => f.reason)).toContain('the disk is full (ENOSPC)')
    // Every page that is there is whole: its bytes are exactly what the site serves.
    for (const file of listFiles(target).filter((f) => f.endsWith('.html') && !f.startsWith('.'))) {
      const html = read(target, file)
      expect(html.trimEnd().endsWith('</html>'), file).toBe(true)
    }
    expect(listFiles(target).some((f) => f.endsWith('.tmp'))).toBe(false)
  })

  it('refuses a read-only folder with a plain message, even as root', async () => {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-readonly-'))
    expect(tryMount(target, 'ro,size=64k')).toBe(true)
    mounts.push(target)
    await expect(buildStaticFolder(t.ctx, target)).rejects.toThrow(
      `Cannot write to ${target}: the file system is read-only (EROFS)`,
    )
  })
})
