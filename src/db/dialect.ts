// The only place that branches on the database engine. Everything else speaks Kysely and stays
// engine-agnostic (the Kysely maxim: outside the dialect implementations, be dialect-agnostic).
import type { CreateTableBuilder, Kysely } from 'kysely'
import { createPostgresSearchBackend } from '../search/postgres-search.ts'
import type { SearchBackend, SearchBackendOptions } from '../search/search-index.ts'
import { createSqliteSearchBackend } from '../search/sqlite-search.ts'
import type { Database } from './tables.ts'

export type Engine = 'sqlite' | 'postgres'

/** Adds an auto-incrementing integer primary key named "id". */
export function withIdColumn<T extends string>(engine: Engine, table: CreateTableBuilder<T, never>) {
  return engine === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
}

/** Whether a driver error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = (error as { code?: unknown }).code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}

/** Full-text search: FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL. */
export function createSearchBackend(
  db: Kysely<Database>,
  engine: Engine,
  options: SearchBackendOptions = {},
): SearchBackend {
  return engine === 'sqlite'
    ? createSqliteSearchBackend(db, options)
    : createPostgresSearchBackend(db, options)
}
