// The per-app memory of the stored site settings. One is made with each AppContext (never module
// state), so two apps in one process never see each other's settings; saving clears it.
import { createRememberedRead, type RememberedRead } from '../lib/remembered-read.ts'

export interface StoredSettings {
  /** key → value, as in the settings table. */
  values: ReadonlyMap<string, string>
  /** Raised by every save: a form's version for stale-save checks. */
  version: string
}

export type SettingsCache = RememberedRead<StoredSettings>

/**
 * Another app instance (several behind a load balancer) may save settings; this bounds how long
 * one keeps serving its old copy. Within one instance a save clears the cache at once.
 */
export const SETTINGS_CACHE_MS = 30_000

export function createSettingsCache(now: () => number = Date.now): SettingsCache {
  return createRememberedRead<StoredSettings>(SETTINGS_CACHE_MS, now)
}
