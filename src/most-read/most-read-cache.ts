// The "Most read" lists remembered per app (AppContext.mostReadCache). Apart from the service so
// that context.ts can make one without importing the service's dependencies.
import { createRememberedReads, type RememberedReads } from '../lib/remembered-reads.ts'
import type { MostReadItem } from './most-read.service.ts'

/**
 * The lists mostRead answered lately, per language, first day and length. Every uncached story
 * page and front page shows one, and at a newsroom's traffic the query sums a week of daily counts
 * for thousands of stories; the counts change only when this instance writes views (every few
 * seconds, which clears this) or another instance does (the time bound covers that, as the page
 * cache's own lifetime does for whole pages). A publish or withdrawal clears it too (context.ts).
 */
export type MostReadCache = RememberedReads<MostReadItem[]>

export const MOST_READ_CACHE_MS = 60_000

/** A handful of languages and lengths; the day in the key moves once a day. */
export function createMostReadCache(maxAgeMs = MOST_READ_CACHE_MS): MostReadCache {
  return createRememberedReads<MostReadItem[]>(maxAgeMs, 64)
}
