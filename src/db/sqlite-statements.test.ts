import SQLite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { withStatementCache } from './sqlite-statements.ts'

function database() {
  const sqlite = new SQLite(':memory:')
  sqlite.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)')
  return sqlite
}

describe('SQLite statement cache', () => {
  it('compiles a query once and reuses it, with fresh parameters each time', () => {
    const db = withStatementCache(database())
    const first = db.prepare('SELECT n FROM t WHERE n >= ? ORDER BY n')
    const again = db.prepare('SELECT n FROM t WHERE n >= ? ORDER BY n')
    expect(again).toBe(first)
    expect(first.all([2])).toEqual([{ n: 2 }, { n: 3 }])
    expect(again.all([3])).toEqual([{ n: 3 }])
  })

  it('never hands out a statement that is still being iterated', () => {
    const db = withStatementCache(database())
    const sql = 'SELECT n FROM t ORDER BY n'
    const streaming = db.prepare(sql)
    const rows = streaming.iterate([])
    expect(rows.next().value).toEqual({ n: 1 })
    const meanwhile = db.prepare(sql)
    expect(meanwhile).not.toBe(streaming)
    expect(meanwhile.all([])).toHaveLength(3)
    rows.return?.()
    expect(db.prepare(sql)).toBe(streaming)
  })

  it('keeps at most its bound, forgetting the least recently used', () => {
    const db = withStatementCache(database(), 2)
    const a = db.prepare('SELECT 1')
    const b = db.prepare('SELECT 2')
    expect(db.prepare('SELECT 1')).toBe(a)
    db.prepare('SELECT 3')
    expect(db.prepare('SELECT 1')).toBe(a)
    expect(db.prepare('SELECT 2')).not.toBe(b)
  })
})
