// Runs the migrations in order. Migrations are timestamped, immutable once merged and safe to
// run twice (every statement uses IF NOT EXISTS); they never import services.
import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely'
import type { Engine } from './dialect.ts'
import * as initial from './migrations/2026-11-27-0001-initial.ts'
import * as accounts from './migrations/2026-11-27-0002-accounts.ts'
import * as listingIndexes from './migrations/2026-11-27-0003-listing-indexes.ts'
import * as editorial from './migrations/2026-11-27-0004-editorial.ts'
import * as mediaVariants from './migrations/2026-11-27-0005-media-variants.ts'
import * as search from './migrations/2026-11-27-0006-search.ts'
import * as newsroomAdmin from './migrations/2026-11-27-0007-newsroom-admin.ts'
import * as apiWebhooks from './migrations/2026-11-27-0008-api-webhooks.ts'
import * as wordpressImport from './migrations/2026-11-27-0009-wordpress-import.ts'
import * as translations from './migrations/2026-11-28-0010-translations.ts'
import * as adminLanguage from './migrations/2026-11-28-0011-admin-language.ts'
import * as tagListing from './migrations/2026-11-28-0012-tag-listing.ts'
import * as searchVocabulary from './migrations/2026-11-28-0013-search-vocabulary.ts'
import * as searchVectorsInline from './migrations/2026-11-28-0014-search-vectors-inline.ts'
import * as searchIndexColumnDetail from './migrations/2026-11-28-0015-search-index-column-detail.ts'
import * as searchDatabase from './migrations/2026-11-28-0016-search-database.ts'
import type { Database } from './tables.ts'

type MigrationModule = { up(db: Kysely<unknown>, engine: Engine): Promise<void> }

const migrations: Record<string, MigrationModule> = {
  '2026-11-27-0001-initial': initial,
  '2026-11-27-0002-accounts': accounts,
  '2026-11-27-0004-editorial': editorial,
  '2026-11-27-0003-listing-indexes': listingIndexes,
  '2026-11-27-0005-media-variants': mediaVariants,
  '2026-11-27-0007-newsroom-admin': newsroomAdmin,
  '2026-11-27-0006-search': search,
  '2026-11-27-0008-api-webhooks': apiWebhooks,
  '2026-11-27-0009-wordpress-import': wordpressImport,
  '2026-11-28-0010-translations': translations,
  '2026-11-28-0011-admin-language': adminLanguage,
  '2026-11-28-0012-tag-listing': tagListing,
  '2026-11-28-0013-search-vocabulary': searchVocabulary,
  '2026-11-28-0014-search-vectors-inline': searchVectorsInline,
  '2026-11-28-0015-search-index-column-detail': searchIndexColumnDetail,
  '2026-11-28-0016-search-database': searchDatabase,
}

function toKysely(engine: Engine): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, engine) }]),
  )
}

export interface MigrationReport {
  applied: string[]
}

/**
 * The database holds migrations this code does not know: it was migrated by a newer Dateline.
 * Running older code on it could corrupt data, so start-up stops (exit code 3 from the CLI).
 */
export class DatabaseNewerThanCodeError extends Error {
  readonly code = 'DATABASE_NEWER_THAN_CODE'
  readonly unknownMigrations: string[]
  constructor(unknown: string[]) {
    super(
      `The database was migrated by a newer version of Dateline (unknown migrations: ${unknown.join(', ')}). ` +
        'Run the newer version, or restore a backup made by this one.',
    )
    this.name = 'DatabaseNewerThanCodeError'
    this.unknownMigrations = unknown
  }
}

/** Migrations recorded in the database that this code does not have (a newer version's). */
export async function unknownMigrations(db: Kysely<Database>): Promise<string[]> {
  let rows: { name: string }[]
  try {
    rows = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows
  } catch {
    // No migration table yet: an empty database.
    return []
  }
  return rows.map((r) => r.name).filter((name) => !(name in migrations))
}

// Any fixed number: every Dateline instance takes the same one.
const MIGRATION_LOCK_ID = 7_215_003_118

/**
 * Runs `work` so that instances starting together migrate one after another: the second finds
 * nothing left to do. Kysely's Migrator takes a lock of its own only around the migrations, and on
 * SQLite none at all (its lock is per process), so:
 * - PostgreSQL: a session advisory lock, which also covers the version check and the creation of
 *   the migration tables;
 * - SQLite: the whole run in one BEGIN IMMEDIATE transaction on the single connection. Other
 *   processes wait for the write lock, and SQLite's DDL is transactional, so a failed migration
 *   leaves nothing half-done.
 */
async function withMigrationLock<T>(
  db: Kysely<Database>,
  engine: Engine,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (engine === 'sqlite') {
    return db.connection().execute(async (connection) => {
      await beginImmediate(connection)
      try {
        const result = await work(connection)
        await sql`commit`.execute(connection)
        return result
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => undefined)
        throw error
      }
    })
  }
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(connection)
    try {
      return await work(db)
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(connection)
    }
  })
}

/** How long an instance waits for another one's migrations on SQLite before giving up. */
const SQLITE_MIGRATION_WAIT_MS = 120_000

async function beginImmediate(connection: Kysely<Database>): Promise<void> {
  const deadline = Date.now() + SQLITE_MIGRATION_WAIT_MS
  for (;;) {
    try {
      await sql`begin immediate`.execute(connection)
      return
    } catch (error) {
      const code = (error as { code?: unknown }).code
      // busy_timeout already waited a few seconds; a long migration elsewhere may need more.
      if (code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/** Names recorded as applied; undefined before the first migration (no table yet). */
async function appliedMigrations(db: Kysely<Database>): Promise<string[] | undefined> {
  try {
    return (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map(
      (r) => r.name,
    )
  } catch {
    return undefined
  }
}

export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<MigrationReport> {
  // Every start but the first after an upgrade finds nothing to do: that is one read, without the
  // write lock and Kysely's Migrator (which creates its tables and locks even then). Anything
  // pending, or a migration this code does not know, goes the locked way below, which decides.
  const applied = await appliedMigrations(db)
  if (applied && Object.keys(migrations).every((name) => applied.includes(name))) {
    const unknown = applied.filter((name) => !(name in migrations))
    if (unknown.length > 0) throw new DatabaseNewerThanCodeError(unknown)
    return { applied: [] }
  }
  return withMigrationLock(db, engine, async (locked) => {
    const unknown = await unknownMigrations(locked)
    if (unknown.length > 0) throw new DatabaseNewerThanCodeError(unknown)
    const migrator = new Migrator({
      db: locked,
      provider: { getMigrations: async () => toKysely(engine) },
    })
    const result: MigrationResultSet = await migrator.migrateToLatest()
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
      throw new Error(`Migration ${failed} failed`, { cause: result.error })
    }
    return {
      applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    }
  })
}

/** Names of migrations that have not yet run, so `serve` can refuse to start on an old schema. */
export async function pendingMigrations(db: Kysely<Database>, engine: Engine): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => toKysely(engine) } })
  const all = await migrator.getMigrations()
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name)
}
