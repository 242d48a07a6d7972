import type SQLite from 'better-sqlite3'

/**
 * Puts a database in WAL mode. Switching a new file needs an exclusive lock, and SQLite answers
 * "database is locked" at once, without its busy timeout, when another process opening the same
 * new file at the same moment (two instances starting, `migrate` run twice) holds it for a few
 * milliseconds: so it is tried again, for up to a second, before giving up.
 */
export function switchToWal(sqlite: SQLite.Database, schema: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma(`${schema}.journal_mode = WAL`)
      return
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 50) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20)
    }
  }
}
