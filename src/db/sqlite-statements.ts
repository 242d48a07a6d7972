// Prepared statements kept by their SQL text. Kysely's SQLite driver prepares every query it runs,
// and better-sqlite3's prepare compiles the SQL each time: 7% of an uncached story page's time at
// 100,000 stories (bench/profile-story.ts). The same few dozen queries serve every page, so each
// is compiled once and reused; the bound covers queries whose text varies (IN lists of any length).
import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

export const STATEMENT_CACHE_SIZE = 500

export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  // Oldest use first: a Map keeps insertion order, and a hit moves its entry to the end.
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql)
      // A statement still being iterated (a streamed query) cannot run again until it is done.
      if (cached && !cached.busy) {
        statements.delete(sql)
        statements.set(sql, cached)
        return cached
      }
      const statement = sqlite.prepare(sql)
      if (!cached) {
        statements.set(sql, statement)
        if (statements.size > size) {
          const oldest = statements.keys().next().value
          if (oldest !== undefined) statements.delete(oldest)
        }
      }
      return statement
    },
  }
}
