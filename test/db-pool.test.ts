// PostgreSQL's connection pool keeps its connections through a quiet spell (create-db.ts): after
// readers were served from the page cache for a while, the next publication must not wait for new
// server processes. pg-pool closes an idle connection above its minimum after 10 s.
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, type DbHandle } from '../src/db/create-db.ts'
import { createTestDatabase, type TestDatabase, testEngines } from './helpers/databases.ts'

const postgres = testEngines().find((e) => e.engine === 'postgres')

describe.skipIf(!postgres?.isAvailable)('postgres: connection pool', () => {
  let database: TestDatabase | undefined
  let handle: DbHandle | undefined

  afterAll(async () => {
    await handle?.close()
    await database?.drop()
  })

  it('keeps its open connections through more than the idle timeout', { timeout: 20_000 }, async () => {
    database = await createTestDatabase('postgres')
    handle = createDb(database.config)
    const db = handle.db
    await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(db)))
    expect(handle.poolStats?.()).toMatchObject({ total: 3, idle: 3 })
    await new Promise((resolve) => setTimeout(resolve, 11_000))
    expect(handle.poolStats?.()).toMatchObject({ total: 3, idle: 3 })
  })
})
