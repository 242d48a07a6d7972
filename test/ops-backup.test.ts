// Backups: `dateline backup` → the database is wiped → `dateline restore` → every page and media
// file is served byte for byte as before. On both engines, through the real CLI.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.ts'
import { type Config, loadConfig } from '../src/config/config.ts'
import { type AppContext, createContext } from '../src/context.ts'
import { createDb } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { recordMedia } from '../src/media/media.service.ts'
import { searchDatabasePath } from '../src/search/sqlite-search-database.ts'
import { createTestDatabase, type TestDatabase, testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { runDateline } from './helpers/spawn-dateline.ts'
import { TEST_NOW } from './helpers/test-app.ts'

interface Running {
  ctx: AppContext
  baseUrl: string
  close(): Promise<void>
}

/** The real app on a database that already exists (startTestApp always makes a new one). */
async function serveOn(database: TestDatabase): Promise<Running> {
  const config: Config = {
    ...loadConfig({ MEDIA_DIR: `${database.dir}/media`, SITE_URL: 'https://news.example' }, database.dir),
    database: database.config,
  }
  const db = createDb(config.database)
  await migrateToLatest(db.db, db.engine)
  const ctx = createContext({ config, db, log: pino({ level: 'silent' }), clock: { now: () => TEST_NOW } })
  const app = await buildApp(ctx)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('no address')
  return {
    ctx,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close()
      await db.close()
    },
  }
}

function envFor(database: TestDatabase): Record<string, string> {
  const url =
    database.config.engine === 'sqlite' ? database.config.filename : database.config.connectionString
  return {
    DATABASE_URL: url,
    MEDIA_DIR: `${database.dir}/media`,
    PG_DUMP_PATH: '/usr/bin/pg_dump',
    PG_RESTORE_PATH: '/usr/bin/pg_restore',
  }
}

async function fetchAll(baseUrl: string, urls: string[]): Promise<Map<string, string>> {
  const bodies = new Map<string, string>()
  for (const url of urls) {
    const response = await fetch(baseUrl + url)
    expect(response.status, url).toBe(200)
    bodies.set(url, Buffer.from(await response.arrayBuffer()).toString('base64'))
  }
  return bodies
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: backup and restore`, () => {
    it('backs up, and after a wipe restores every page and media file identically', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-backups-'))
      const archive = path.join(folder, 'newsroom.tar.gz')
      const original = await createTestDatabase(engine)
      let replacement: TestDatabase | undefined
      try {
        const first = await serveOn(original)
        let before: Map<string, string>
        const urls = [
          '/',
          '/latest/',
          '/backup-desk/',
          '/backup-desk/river-story',
          '/media/2026/11/river.jpg',
        ]
        try {
          const sectionId = await makeSection(first.ctx, { slug: 'backup-desk', name: 'Backup desk' })
          const authorId = await makeAuthor(first.ctx, { slug: 'backup-reporter' })
          urls.push('/author/backup-reporter/')
          const picture = randomBytes(4096)
          fs.mkdirSync(`${original.dir}/media/2026/11`, { recursive: true })
          fs.writeFileSync(`${original.dir}/media/2026/11/river.jpg`, picture)
          const mediaId = await recordMedia(first.ctx, {
            path: '2026/11/river.jpg',
            mimeType: 'image/jpeg',
            width: 800,
            height: 600,
            bytes: picture.length,
            alt: 'The river at dawn',
          })
          await makeArticle(first.ctx, {
            sectionId,
            authorIds: [authorId],
            slug: 'river-story',
            featuredMediaId: mediaId,
          })
          for (let i = 0; i < 5; i++) await makeArticle(first.ctx, { sectionId, authorIds: [authorId] })
          before = await fetchAll(first.baseUrl, urls)
          // Made while the site is serving: the online backup does not need it stopped.
          const backup = await runDateline(['backup', archive], envFor(original))
          expect(backup.code, backup.stderr).toBe(0)
          expect(backup.stdout).toContain('1 media files')
        } finally {
          await first.close()
        }
        // The wipe: the database and the media folder are gone; restore into new, empty ones.
        await original.drop()
        replacement = await createTestDatabase(engine)
        const restored = await runDateline(['restore', archive], envFor(replacement))
        expect(restored.code, restored.stderr).toBe(0)
        const second = await serveOn(replacement)
        try {
          const after = await fetchAll(second.baseUrl, urls)
          for (const url of urls) expect(after.get(url), url).toBe(before.get(url))
        } finally {
          await second.close()
        }
        // Now that it holds content, a second restore is refused unless forced.
        const refused = await runDateline(['restore', archive], envFor(replacement))
        expect(refused.code).toBe(1)
        expect(refused.stderr).toContain('--force')
        const searchFile =
          replacement.config.engine === 'sqlite' ? searchDatabasePath(replacement.config.filename) : undefined
        if (searchFile) expect(fs.existsSync(searchFile)).toBe(true)
        const forced = await runDateline(['restore', archive, '--force'], envFor(replacement))
        expect(forced.code, forced.stderr).toBe(0)
        // SQLite: the search index of the replaced stories is deleted with them (rebuilt on start).
        if (searchFile) expect(fs.existsSync(searchFile)).toBe(false)
      } finally {
        await replacement?.drop()
        fs.rmSync(folder, { recursive: true, force: true })
      }
    }, 90_000)
  })
}
