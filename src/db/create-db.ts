import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type pg from 'pg'
import type { DatabaseConfig } from '../config/config.ts'
import {
  createInlineIndexWriter,
  createWorkerIndexWriter,
  type SearchIndexWriter,
} from '../search/sqlite-index-writer.ts'
import { attachSearchDatabase, searchDatabasePath } from '../search/sqlite-search-database.ts'
import type { Engine } from './dialect.ts'
import { withPreparedStatements } from './postgres-prepared.ts'
import { withStatementCache } from './sqlite-statements.ts'
import { switchToWal } from './sqlite-wal.ts'
import type { Database } from './tables.ts'

/** Connections in the pool, for /metrics. SQLite has one connection, always open. */
export interface PoolStats {
  total: number
  idle: number
  waiting: number
}

export interface DbHandle {
  db: Kysely<Database>
  engine: Engine
  close(): Promise<void>
  poolStats(): PoolStats
  /** SQLite: who writes the full-text index (a worker thread for a database file). */
  searchWriter?: SearchIndexWriter
}

// pg is loaded when a PostgreSQL database is opened, not by every process: a SQLite site never
// needs it, and on Node 20 loading it costs 50–100 ms of a start (it probes for Cloudflare Workers
// with `new Response()`, which loads Node's whole fetch implementation). It is CommonJS, so it can
// be required synchronously and createDb stays synchronous.
const requirePackage = createRequire(import.meta.url)
function loadPg(): typeof pg {
  const postgres = requirePackage('pg') as typeof pg
  // PostgreSQL returns COUNT(*) and BIGINT as strings; our counts fit in a JS number.
  postgres.types.setTypeParser(postgres.types.builtins.INT8, (value: string) => Number.parseInt(value, 10))
  return postgres
}

/**
 * Opens a site's SQLite database as the app does: its pragmas, and the search database attached
 * (src/search/sqlite-search-database.ts). The bench's profilers open it this way too.
 */
export function openSqlite(filename: string): SQLite.Database {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true })
  const sqlite = new SQLite(filename)
  sqlite.pragma('busy_timeout = 5000')
  // WAL lets readers go on while a writer writes; foreign keys are off by default in SQLite.
  switchToWal(sqlite, 'main')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  // 32 MB of page cache (the default is 2 MB): the upper levels of the articles table and its
  // listing indexes stay in memory at 100,000 stories, so an uncached page reads fewer pages
  // through the operating system. Within the memory budget of docs/performance.md.
  sqlite.pragma('cache_size = -32000')
  attachSearchDatabase(sqlite, filename)
  return sqlite
}

export function createDb(config: DatabaseConfig, onIdleError: (error: Error) => void = () => {}): DbHandle {
  if (config.engine === 'sqlite') {
    const sqlite = openSqlite(config.filename)
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    const searchFile = searchDatabasePath(config.filename)
    const searchWriter = searchFile ? createWorkerIndexWriter(searchFile) : createInlineIndexWriter(db)
    return {
      db,
      engine: 'sqlite',
      close: async () => {
        await searchWriter.close()
        await db.destroy()
      },
      poolStats: () => ({ total: 1, idle: 0, waiting: 0 }),
      searchWriter,
    }
  }
  // Connections stay open while idle (as HikariCP's default does): readers served from the page
  // cache never touch the database, so after a quiet spell the next publication and the pages it
  // re-renders would wait for new connections, each a new server process with cold catalog caches.
  // At 100,000 stories, publish to visible after 12 s idle: 60–92 ms with the default (idle
  // connections closed after 10 s), 56–58 with 4 kept, 36–43 with all 10 kept (30–40 warm).
  const pool = new (loadPg().Pool)({ connectionString: config.connectionString, max: 10, min: 10 })
  // An idle connection that the server closes (a restart, a failover, an administrator) is
  // dropped from the pool and replaced on the next query; without a listener it would crash us.
  pool.on('error', (error) => onIdleError(error))
  // Readers' statements are prepared once per connection (postgres-prepared.ts) unless turned off.
  const dialectPool = config.isPreparedStatements === false ? pool : withPreparedStatements(pool)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: dialectPool }) })
  return {
    db,
    engine: 'postgres',
    close: () => db.destroy(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  }
}
