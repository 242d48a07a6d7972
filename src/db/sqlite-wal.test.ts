import type SQLite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { switchToWal } from './sqlite-wal.ts'

/** A connection whose journal-mode switch fails with these codes first, then succeeds. */
function connection(failures: string[]) {
  const calls: string[] = []
  const fake = {
    pragma(text: string) {
      calls.push(text)
      const code = failures.shift()
      if (code)
        throw Object.assign(new Error(code === 'SQLITE_BUSY' ? 'database is locked' : 'broken'), { code })
      return 'wal'
    },
  }
  return { sqlite: fake as unknown as SQLite.Database, calls }
}

describe('switching to WAL', () => {
  it('tries again while another process opening the same new file holds its lock', () => {
    const { sqlite, calls } = connection(['SQLITE_BUSY', 'SQLITE_BUSY'])
    switchToWal(sqlite, 'search')
    expect(calls).toEqual(Array(3).fill('search.journal_mode = WAL'))
  })

  it('gives up after about a second, and never retries another error', () => {
    const busy = connection(Array(60).fill('SQLITE_BUSY'))
    expect(() => switchToWal(busy.sqlite, 'main')).toThrow(/database is locked/)
    expect(busy.calls).toHaveLength(50)
    const other = connection(['SQLITE_CORRUPT'])
    expect(() => switchToWal(other.sqlite, 'main')).toThrow(/broken/)
    expect(other.calls).toHaveLength(1)
  })
})
