import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type DbHandle } from '../db/create-db.ts'
import { migrateToLatest } from '../db/migrate.ts'
import * as searchDatabaseMigration from '../db/migrations/2026-11-28-0016-search-database.ts'
import { searchDatabasePath } from './sqlite-search-database.ts'

const dirs: string[] = []
const handles: DbHandle[] = []

function open(filename = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-writer-')), 'site.db')) {
  dirs.push(path.dirname(filename))
  const handle = createDb({ engine: 'sqlite', filename })
  handles.push(handle)
  const writer = handle.searchWriter
  if (!writer) throw new Error('a SQLite handle has a search writer')
  return { handle, writer, db: handle.db, filename }
}

const insert = (db: DbHandle['db'], rowid: number, headline: string) =>
  db
    .insertInto('search_fts')
    .values({ rowid, headline, dek: '', body: '', tags: '', authors: '', status: 'published' })
    .compile()

const count = async (db: DbHandle['db']) =>
  Number(
    (
      await db
        .selectFrom('search_fts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n,
  )

afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('the search index writer', () => {
  it('keeps the index in a file of its own beside the database', async () => {
    const { db, writer, filename } = open()
    await writer.write([insert(db, 1, 'Flood waters recede')])
    expect(searchDatabasePath(filename)).toBe(filename.replace(/\.db$/, '.search.db'))
    expect(fs.existsSync(searchDatabasePath(filename) ?? '')).toBe(true)
    // Not in the site's own database: a backup of it leaves the index out.
    const tables = await sql<{ name: string }>`SELECT name FROM main.sqlite_master`.execute(db)
    expect(tables.rows.map((r) => r.name)).not.toContain('search_fts')
  })

  it("leaves the search database's index alone when migration 0016 runs again", async () => {
    const { db, writer } = open()
    await migrateToLatest(db, 'sqlite')
    await writer.write([insert(db, 1, 'still here')])
    // Its DROPs name main: unqualified, they would have found the attached index.
    await searchDatabaseMigration.up(db as Kysely<unknown>, 'sqlite')
    expect(await count(db)).toBe(1)
  })

  it('writes batches in order, each in one transaction, and a read sees every write asked before it', async () => {
    const { db, writer } = open()
    const writes = [
      writer.write([insert(db, 1, 'first'), insert(db, 2, 'second')]),
      writer.write([db.deleteFrom('search_fts').where('rowid', '=', 1).compile()]),
      writer.write([insert(db, 3, 'third')]),
    ]
    await writer.settled()
    const rows = await db.selectFrom('search_fts').select(['rowid', 'headline']).orderBy('rowid').execute()
    expect(rows).toEqual([
      { rowid: 2, headline: 'second' },
      { rowid: 3, headline: 'third' },
    ])
    await Promise.all(writes)
  })

  it('writes on another thread: while a long write runs, the main thread goes on and reads the index as it was', async () => {
    const { db, writer } = open()
    // ~200,000 rows into FTS5 in one statement: long enough (seconds) to be caught under way.
    const long = sql`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)
      INSERT INTO search_fts(rowid, headline, dek, body, tags, authors, status)
      SELECT x, 'bulletin ' || x, 'dek ' || (x % 97), 'body of story ' || x || ' about water', '', '', 'published'
      FROM n`.compile(db)
    let isDone = false
    const writing = writer.write([long]).then(() => {
      isDone = true
    })
    // Timers fire and the main connection answers while the thread writes (WAL: the last
    // committed index, empty here). Inline, neither could happen before the write was done.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(isDone).toBe(false)
    expect(await count(db)).toBe(0)
    await writing
    expect(await count(db)).toBe(200_000)
  })

  it('fails a bad batch alone, with the reason, and goes on with the next', async () => {
    const { db, writer } = open()
    const bad = sql`INSERT INTO no_such_table VALUES (1)`.compile(db)
    await expect(writer.write([insert(db, 1, 'kept out'), bad])).rejects.toThrow(/no such table/)
    await writer.write([insert(db, 2, 'kept')])
    // The failed batch's first statement was rolled back with it.
    expect(await db.selectFrom('search_fts').select('rowid').execute()).toEqual([{ rowid: 2 }])
  })

  it('closes after the writes under way, which are then in the file', async () => {
    const { db, writer, filename, handle } = open()
    const written = writer.write([insert(db, 7, 'written before closing')])
    await handle.close()
    handles.splice(handles.indexOf(handle), 1)
    await written
    const reopened = open(filename)
    expect(await count(reopened.db)).toBe(1)
  })

  it('warms up before the first write without keeping an idle process alive', async () => {
    const { writer, db } = open()
    writer.warmUp()
    writer.warmUp()
    await writer.write([insert(db, 1, 'after warming up')])
    expect(await count(db)).toBe(1)
    // A process that warmed its writer up and never closed it still ends when its work is done.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-warm-'))
    dirs.push(dir)
    const script = `import { createDb } from ${JSON.stringify(new URL('../db/create-db.ts', import.meta.url).href)}
      createDb({ engine: 'sqlite', filename: ${JSON.stringify(path.join(dir, 'site.db'))} }).searchWriter.warmUp()`
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
      encoding: 'utf8',
    })
    expect(child.error, child.stderr).toBeUndefined()
    expect(child.status, child.stderr).toBe(0)
  })

  it('writes inline for an in-memory database, which a thread cannot share', async () => {
    const handle = createDb({ engine: 'sqlite', filename: ':memory:' })
    handles.push(handle)
    await handle.searchWriter?.write([insert(handle.db, 1, 'in memory')])
    expect(await count(handle.db)).toBe(1)
  })
})
