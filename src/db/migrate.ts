// Runs the migrations in order. Migrations are timestamped, immutable once merged and safe to
// run twice (every statement uses IF NOT EXISTS); they never import services.
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely'
import type { Engine } from './dialect.ts'
import * as initial from './migrations/2026-11-27-0001-initial.ts'
import * as accounts from './migrations/2026-11-27-0002-accounts.ts'
import * as editorial from './migrations/2026-11-27-0004-editorial.ts'
import * as listingIndexes from './migrations/2026-11-27-0003-listing-indexes.ts'
import * as mediaVariants from './migrations/2026-11-27-0005-media-variants.ts'
import * as search from './migrations/2026-11-27-0006-search.ts'
import * as newsroomAdmin from './migrations/2026-11-27-0007-newsroom-admin.ts'
import * as apiWebhooks from './migrations/2026-11-27-0008-api-webhooks.ts'
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
}

function toKysely(engine: Engine): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, engine) }]),
  )
}

export interface MigrationReport {
  applied: string[]
}

export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => toKysely(engine) },
  })
  const result: MigrationResultSet = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Migration ${failed} failed`, { cause: result.error })
  }
  return { applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

/** Names of migrations that have not yet run, so `serve` can refuse to start on an old schema. */
export async function pendingMigrations(db: Kysely<Database>, engine: Engine): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => toKysely(engine) } })
  const all = await migrator.getMigrations()
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name)
}
