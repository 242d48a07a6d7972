// The per-app memory of the stored site settings. One is made with each AppContext (never module
// state), so two apps in one process never see each other's settings; saving clears it.

export interface StoredSettings {
  /** key → value, as in the settings table. */
  values: ReadonlyMap<string, string>
  /** Raised by every save: a form's version for stale-save checks. */
  version: string
}

export interface SettingsCache {
  /** The cached read, if one is fresh; `load` runs (once, shared by concurrent callers) otherwise. */
  get(load: () => Promise<StoredSettings>): Promise<StoredSettings>
  /**
   * The cached read when it is loaded and fresh, without waiting: for the page cache's front door
   * (src/cache/cache-front-door.ts), which answers before any await. Undefined otherwise.
   */
  peek(): StoredSettings | undefined
  clear(): void
}

/**
 * Another app instance (several behind a load balancer) may save settings; this bounds how long
 * one keeps serving its old copy. Within one instance a save clears the cache at once.
 */
export const SETTINGS_CACHE_MS = 30_000

export function createSettingsCache(now: () => number = Date.now): SettingsCache {
  let entry: { value: Promise<StoredSettings>; loadedAt: number; loaded?: StoredSettings } | undefined
  return {
    get(load) {
      if (entry && now() - entry.loadedAt < SETTINGS_CACHE_MS) return entry.value
      const value = load()
      const current: NonNullable<typeof entry> = { value, loadedAt: now() }
      entry = current
      value.then(
        (loaded) => {
          current.loaded = loaded
        },
        () => undefined,
      )
      // A failed read is not remembered: the next request tries again.
      value.catch(() => {
        if (entry === current) entry = undefined
      })
      return value
    },
    peek() {
      return entry && now() - entry.loadedAt < SETTINGS_CACHE_MS ? entry.loaded : undefined
    },
    clear() {
      entry = undefined
    },
  }
}
