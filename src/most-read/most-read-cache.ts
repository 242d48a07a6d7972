// The "Most read" lists remembered per app (AppContext.mostReadCache). Apart from the service so
// that context.ts can make one without importing the service's dependencies.
import type { MostReadItem } from './most-read.service.ts'

/**
 * The lists mostRead answered lately, per language, first day and length. Every uncached story
 * page and front page shows one, and at a newsroom's traffic the query sums a week of daily counts
 * for thousands of stories; the counts change only when this instance writes views (every few
 * seconds, which clears this) or another instance does (the time bound covers that, as the page
 * cache's own lifetime does for whole pages). A publish or withdrawal clears it too (context.ts).
 */
export interface MostReadCache {
  get(key: string, now: number): Promise<MostReadItem[]> | undefined
  set(key: string, value: Promise<MostReadItem[]>, now: number): void
  clear(): void
}

export const MOST_READ_CACHE_MS = 60_000

export function createMostReadCache(maxAgeMs = MOST_READ_CACHE_MS): MostReadCache {
  const lists = new Map<string, { value: Promise<MostReadItem[]>; at: number }>()
  return {
    get(key, now) {
      const entry = lists.get(key)
      return entry && now - entry.at < maxAgeMs ? entry.value : undefined
    },
    set(key, value, now) {
      // A handful of languages and lengths; the day in the key moves once a day.
      if (lists.size >= 64) lists.clear()
      lists.set(key, { value, at: now })
      value.catch(() => lists.delete(key))
    },
    clear() {
      lists.clear()
    },
  }
}
