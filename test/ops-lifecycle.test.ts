// Safe start and stop, with the real `dateline` process: migrations under a lock when two
// instances start together, a database from a newer version refused, a clean SIGTERM.
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createTestDatabase, type TestDatabase, testEngines } from './helpers/databases.ts'
import { runDateline, serveDateline } from './helpers/spawn-dateline.ts'

function databaseUrl(database: TestDatabase): string {
  return database.config.engine === 'sqlite' ? database.config.filename : database.config.connectionString
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: safe start`, () => {
    let database: TestDatabase | undefined
    afterEach(async () => {
      await database?.drop()
      database = undefined
    })

    it('migrates once when two instances migrate at the same moment', async () => {
      database = await createTestDatabase(engine)
      const env = { DATABASE_URL: databaseUrl(database), MEDIA_DIR: `${database.dir}/media` }
      const [a, b] = await Promise.all([runDateline(['migrate'], env), runDateline(['migrate'], env)])
      expect(a.code, a.stderr).toBe(0)
      expect(b.code, b.stderr).toBe(0)
      // Exactly one of them applied the migrations; the other found the schema current.
      const applied = [a, b].filter((r) => r.stdout.startsWith('Applied:'))
      expect(applied).toHaveLength(1)
      expect([a, b].filter((r) => r.stdout.includes('up to date'))).toHaveLength(1)
      const handle = createDb(database.config)
      try {
        const rows = await handle.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute()
        const names = rows.map((r) => (r as { name: string }).name)
        expect(new Set(names).size).toBe(names.length)
        expect(names.length).toBeGreaterThan(5)
      } finally {
        await handle.close()
      }
    })

    it('refuses to start on a database migrated by a newer version, with exit code 3', async () => {
      database = await createTestDatabase(engine)
      const handle = createDb(database.config)
      try {
        await migrateToLatest(handle.db, handle.engine)
        await handle.db
          .insertInto('kysely_migration' as never)
          .values({ name: '2099-01-01-0001-from-the-future', timestamp: new Date().toISOString() } as never)
          .execute()
      } finally {
        await handle.close()
      }
      const env = { DATABASE_URL: databaseUrl(database), MEDIA_DIR: `${database.dir}/media`, PORT: '0' }
      const served = await runDateline(['serve'], env)
      expect(served.code).toBe(3)
      expect(served.stderr).toContain('migrated by a newer version of Dateline')
      expect(served.stderr).toContain('2099-01-01-0001-from-the-future')
      expect(served.stderr).not.toMatch(/at .+\.ts:\d+/)
      expect((await runDateline(['migrate'], env)).code).toBe(3)
    })
  })
}

describe('sqlite: safe stop', () => {
  it('on SIGTERM finishes the requests in flight, closes the database and exits 0', async () => {
    const database = await createTestDatabase('sqlite')
    try {
      const filename = databaseUrl(database)
      const server = await serveDateline({ DATABASE_URL: filename, MEDIA_DIR: `${database.dir}/media` })
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      const inFlight = Array.from({ length: 20 }, () =>
        fetch(`${server.url}/latest/`).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          (error: unknown) => ({ status: 0, body: String(error) }),
        ),
      )
      server.child.kill('SIGTERM')
      const results = await Promise.all(inFlight)
      expect(await server.exited).toBe(0)
      expect(server.output()).toContain('shutting down')
      expect(server.output()).toContain('"msg":"stopped"')
      // A request answered is answered whole; one sent after the close may be refused outright.
      for (const r of results) {
        if (r.status === 200) expect(r.body).toContain('</html>')
        else expect([0, 503]).toContain(r.status)
      }
      // SQLite folds the write-ahead log into the file when the last connection closes cleanly.
      expect(fs.existsSync(`${filename}-wal`)).toBe(false)
    } finally {
      await database.drop()
    }
  })
})
