// What every operation receives: explicit dependencies instead of module-level singletons, so any
// number of app instances (and tests) can live in one process.
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from './config/config.ts'
import type { Engine } from './db/dialect.ts'
import type { Database, UserRole } from './db/tables.ts'
import type { Clock } from './lib/clock.ts'

export interface AppContext {
  db: Kysely<Database>
  engine: Engine
  config: Config
  clock: Clock
  log: Logger
}

/** Who performs a write: a staff user, or the system itself (seed, importer, scheduler). */
export type Actor = { kind: 'system'; name: string } | { kind: 'user'; userId: number; role: UserRole }

export const systemActor = (name: string): Actor => ({ kind: 'system', name })
