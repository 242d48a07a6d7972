// `dateline search reindex` as an operator runs it: on a seeded SQLite file, in a child process.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/config.ts'
import { createContext } from '../src/context.ts'
import { createDb } from '../src/db/create-db.ts'
import { searchStories } from '../src/search/search.service.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-search-cli-'))
const env = {
  ...process.env,
  DATABASE_URL: path.join(dir, 'cli.db'),
  MEDIA_DIR: path.join(dir, 'media'),
  LOG_LEVEL: 'silent',
}
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/dateline.js', ...args], { env, encoding: 'utf8', timeout: 120_000 })

describe('dateline search reindex', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('rebuilds the index of a seeded database with progress and a report', async () => {
    expect(run('seed').status).toBe(0)
    const result = run('search', 'reindex')
    expect(result.status, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/Indexing stories: \d+\/\d+ \(100%\)/)
    const indexed = Number(/Indexed (\d+) stories/.exec(result.stdout)?.[1])
    expect(indexed).toBeGreaterThan(10)

    const config = loadConfig({ DATABASE_URL: env.DATABASE_URL, MEDIA_DIR: env.MEDIA_DIR }, dir)
    const db = createDb(config.database)
    try {
      const ctx = createContext({ config, db, log: pino({ level: 'silent' }) })
      const stories = await ctx.db.selectFrom('articles').select('id').execute()
      expect(indexed).toBe(stories.length)
      const first = await ctx.db
        .selectFrom('articles')
        .select('headline')
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const results = await searchStories(ctx, first.headline, { includeUnpublished: true })
      expect(results.items.map((r) => r.headline)).toContain(first.headline)
    } finally {
      await db.close()
    }
  })
})
