// What every operation receives: explicit dependencies instead of module-level singletons, so any
// number of app instances (and tests) can live in one process.
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { createListingCounts, type ListingCounts } from './articles/listing-counts.ts'
import type { Config } from './config/config.ts'
import type { DbHandle, PoolStats } from './db/create-db.ts'
import type { Engine } from './db/dialect.ts'
import type { Database, UserRole } from './db/tables.ts'
import { type ContentEvents, createContentEvents } from './events/content-events.ts'
import { type Clock, systemClock } from './lib/clock.ts'
import { createRememberedRead } from './lib/remembered-read.ts'
import { createSecretBox, type SecretBox, secretsKeyMaterial } from './lib/secret-box.ts'
import { createLocalMediaStorage, type MediaStorage } from './media/storage.ts'
import { createMostReadCache, type MostReadCache } from './most-read/most-read-cache.ts'
import type { SearchIndexWriter } from './search/sqlite-index-writer.ts'
import { SECTIONS_CACHE_MS, type SectionsCache, type StoredSections } from './sections/sections-cache.ts'
import { createSettingsCache, type SettingsCache } from './settings/settings-cache.ts'

export interface AppContext {
  db: Kysely<Database>
  engine: Engine
  config: Config
  clock: Clock
  log: Logger
  events: ContentEvents
  /** Seals and opens the secrets the app stores and must read back (src/lib/secret-box.ts). */
  secrets: SecretBox
  /**
   * The stored site settings, remembered per app (src/settings/settings.service.ts). Optional so
   * that a hand-made context still works: without it, settings are read on every call.
   */
  settingsCache?: SettingsCache
  /** The sections and their translations, remembered per app likewise (src/sections/sections-cache.ts). */
  sectionsCache?: SectionsCache
  /** "Most read" lists, remembered per app for a minute (src/most-read/most-read-cache.ts). */
  mostReadCache?: MostReadCache
  /** Listings' published-story counts, remembered until a content event (articles/listing-counts.ts). */
  listingCounts?: ListingCounts
  /** The database pool's use, for /metrics; optional so that a hand-made context still works. */
  poolStats?: () => PoolStats
  /** SQLite: who writes the full-text index (src/search/sqlite-index-writer.ts); inline without it. */
  searchWriter?: SearchIndexWriter
  /** Where media files are kept (src/media/storage.ts); default: the local folder config.mediaDir. */
  mediaStorage?: MediaStorage
}

export function createContext(deps: {
  config: Config
  db: DbHandle
  log: Logger
  clock?: Clock
  mediaStorage?: MediaStorage
}): AppContext {
  const events = createContentEvents((error, event) =>
    deps.log.error({ err: error, event }, 'content event listener failed'),
  )
  const sectionsCache = createRememberedRead<StoredSections>(SECTIONS_CACHE_MS)
  // A change of sections on another instance reaches this one as a site change (the PostgreSQL
  // bridge); this instance's own writes clear the cache themselves (sections.service.ts).
  events.onSiteChange(() => sectionsCache.clear())
  const mostReadCache = createMostReadCache()
  // A story published or withdrawn enters or leaves the lists.
  events.on(() => mostReadCache.clear())
  // Any story's change may move any listing's count; a change of sections may too.
  const listingCounts = createListingCounts()
  events.on(() => listingCounts.clear())
  events.onSiteChange(() => listingCounts.clear())
  return {
    db: deps.db.db,
    engine: deps.db.engine,
    config: deps.config,
    clock: deps.clock ?? systemClock,
    log: deps.log,
    events,
    secrets: createSecretBox(secretsKeyMaterial(deps.config)),
    settingsCache: createSettingsCache(),
    sectionsCache,
    mostReadCache,
    listingCounts,
    poolStats: () => deps.db.poolStats(),
    ...(deps.db.searchWriter ? { searchWriter: deps.db.searchWriter } : {}),
    mediaStorage: deps.mediaStorage ?? createLocalMediaStorage(deps.config.mediaDir),
  }
}

/**
 * Who performs a write: a staff user, or the system itself (seed, importer, scheduler).
 * `sessionId` (the session's stored id, a hash of its token) is set for requests made in the
 * admin, so that the audit log can tell which sign-in did what.
 */
export type Actor =
  | { kind: 'system'; name: string }
  | { kind: 'user'; userId: number; role: UserRole; sessionId?: string }

export type UserActor = Extract<Actor, { kind: 'user' }>

export const systemActor = (name: string): Actor => ({ kind: 'system', name })
