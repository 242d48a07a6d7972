// PostgreSQL: readers' SELECTs run as named prepared statements (src/db/postgres-prepared.ts), and
// only where that is safe. Each test reads PostgreSQL's own list of a connection's prepared
// statements (pg_prepared_statements), on a real server. Skipped without DATELINE_TEST_POSTGRES_URL.
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/config.ts'
import { createDb } from '../src/db/create-db.ts'
import { withPreparedStatements } from '../src/db/postgres-prepared.ts'
import { createTestDatabase, type TestDatabase, testEngines } from './helpers/databases.ts'

const postgres = testEngines().find((e) => e.engine === 'postgres')

interface Tables {
  notes: { id: number; body: string }
}

/** The statements prepared on the connection that runs `read`, as their SQL text. */
async function preparedOn(
  db: Kysely<Tables>,
  read: (conn: Kysely<Tables>) => Promise<unknown>,
): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await read(conn)
    const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(
      conn,
    )
    return rows.map((r) => r.statement)
  })
}

describe.skipIf(!postgres?.isAvailable)('postgres: prepared statements', () => {
  let database: TestDatabase
  let connectionString: string
  const opened: { destroy(): Promise<void> }[] = []

  /** A Kysely on a pool of one connection, so that every query of a test meets the same session. */
  function openDb(maxNamed?: number): { db: Kysely<Tables>; pool: pg.Pool } {
    const pool = new pg.Pool({ connectionString, max: 1 })
    // pg-pool's end() returns once it has asked its connections to close, not once they have: the
    // test database, dropped WITH (FORCE) right after, may still terminate one, and a pool without
    // an error listener throws that as an unhandled error (the app's pool logs it: create-db.ts).
    pool.on('error', () => undefined)
    const db = new Kysely<Tables>({
      dialect: new PostgresDialect({ pool: withPreparedStatements(pool, maxNamed) }),
    })
    opened.push(db)
    return { db, pool }
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    if (database.config.engine !== 'postgres') throw new Error('expected PostgreSQL')
    connectionString = database.config.connectionString
    const admin = new pg.Client({ connectionString })
    await admin.connect()
    await admin.query('CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL)')
    await admin.query(`INSERT INTO notes VALUES (1, 'one'), (2, 'two')`)
    await admin.end()
  })

  afterAll(async () => {
    for (const db of opened) await db.destroy()
    await database?.drop()
  })

  it('prepares a read once per connection and runs it by name after that', async () => {
    const { db } = openDb()
    const statements = await preparedOn(db, async (conn) => {
      for (const id of [1, 2, 1]) {
        const row = await conn.selectFrom('notes').select('body').where('id', '=', id).executeTakeFirst()
        expect(row?.body).toBe(id === 1 ? 'one' : 'two')
      }
    })
    expect(statements.filter((s) => s.includes('from "notes" where "id" = $1'))).toHaveLength(1)
  })

  it('leaves writes, transactions and full-text searches unnamed', async () => {
    const { db } = openDb()
    await db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('notes')
        .select('body')
        .where('id', '=', 2)
        .where('body', '<>', 'in a transaction')
        .execute()
    })
    const statements = await preparedOn(db, async (conn) => {
      await conn.updateTable('notes').set({ body: 'two' }).where('id', '=', 2).execute()
      await sql`SELECT id FROM notes WHERE to_tsvector('simple', body) @@ plainto_tsquery('simple', ${'two'})`.execute(
        conn,
      )
    })
    expect(statements.some((s) => s.includes('in a transaction') || s.includes('<>'))).toBe(false)
    expect(statements.some((s) => s.startsWith('update'))).toBe(false)
    expect(statements.some((s) => s.includes('plainto_tsquery'))).toBe(false)
    // The first read after the transaction is named again: the flag ends with COMMIT.
    const after = await preparedOn(db, (conn) =>
      conn.selectFrom('notes').select('id').where('body', '=', 'one').execute(),
    )
    expect(after.some((s) => s.includes('where "body" = $1'))).toBe(true)
  })

  it('names at most the bound of different texts; the rest run unnamed and still answer', async () => {
    const { db } = openDb(2)
    const statements = await preparedOn(db, async (conn) => {
      for (const length of [1, 2, 3, 4]) {
        const ids = [1, 2, 3, 4].slice(0, length)
        const rows = await conn.selectFrom('notes').select('id').where('id', 'in', ids).execute()
        expect(rows.length).toBe(Math.min(length, 2))
      }
    })
    // Two texts took the two names; the check of pg_prepared_statements is the third, unnamed.
    expect(statements).toHaveLength(2)
  })

  it('answers with the new columns after another connection alters the table, and replaces the connection', async () => {
    const { db } = openDb()
    const backendOf = async () =>
      (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]?.pid
    const before = await db.connection().execute(async (conn) => {
      for (let i = 0; i < 7; i++) await conn.selectFrom('notes').selectAll().where('id', '=', 1).execute()
      return (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(conn)).rows[0]?.pid
    })
    const admin = new pg.Client({ connectionString })
    await admin.connect()
    await admin.query(`ALTER TABLE notes ADD COLUMN tone text NOT NULL DEFAULT 'calm'`)
    await admin.end()
    const row = await db.selectFrom('notes').selectAll().where('id', '=', 1).executeTakeFirst()
    expect(row).toMatchObject({ id: 1, body: 'one', tone: 'calm' })
    // The connection whose statement went stale was closed when it went back to the pool.
    expect(await backendOf()).not.toBe(before)
    const again = await db.selectFrom('notes').selectAll().where('id', '=', 2).executeTakeFirst()
    expect(again).toMatchObject({ id: 2, tone: 'calm' })
  })

  it('is how the app reads by default, and DATABASE_PREPARED_STATEMENTS=off turns it off', async () => {
    const countPrepared = async (env: Record<string, string>) => {
      const config = loadConfig({ DATABASE_URL: connectionString, ...env })
      const handle = createDb(config.database)
      try {
        return await handle.db.connection().execute(async (conn) => {
          await conn
            .selectFrom('notes' as never)
            .select('id' as never)
            .execute()
          const { rows } = await sql<{
            n: number
          }>`SELECT count(*)::int AS n FROM pg_prepared_statements`.execute(conn)
          return rows[0]?.n
        })
      } finally {
        await handle.close()
      }
    }
    expect(await countPrepared({})).toBeGreaterThanOrEqual(1)
    expect(await countPrepared({ DATABASE_PREPARED_STATEMENTS: 'off' })).toBe(0)
    expect(() =>
      loadConfig({ DATABASE_URL: connectionString, DATABASE_PREPARED_STATEMENTS: 'maybe' }),
    ).toThrow(/DATABASE_PREPARED_STATEMENTS must be on or off/)
  })
})
