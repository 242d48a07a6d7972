// How many published stories a listing holds, remembered per app (AppContext.listingCounts). A
// listing page or API list counts its stories for its pagination, and the count is most of such a
// page's cost at 100,000 stories (an index scan of every story it holds: ~8 ms for /latest/ on
// PostgreSQL), while the rows of the page are ~1 ms. Counts change only when a story is
// published, changed or withdrawn, which clears them all (context.ts); the time bound covers what
// no event announces here (another instance's change while the bridge is down, a row written by
// hand). Apart from the service so that context.ts can make one without importing it.

export interface ListingCounts {
  /** The remembered count, if fresh; `count` runs (once, shared by concurrent callers) otherwise. */
  get(key: string, now: number, count: () => Promise<number>): Promise<number>
  clear(): void
}

export const LISTING_COUNTS_MS = 60_000
/** Listings are per section, tag, byline, language and month: bounded, and started afresh when full. */
const MAX_REMEMBERED = 2_000

export function createListingCounts(maxAgeMs = LISTING_COUNTS_MS): ListingCounts {
  const counts = new Map<string, { value: Promise<number>; at: number }>()
  return {
    get(key, now, count) {
      const entry = counts.get(key)
      if (entry && now - entry.at < maxAgeMs) return entry.value
      if (counts.size >= MAX_REMEMBERED) counts.clear()
      const value = count()
      const current = { value, at: now }
      counts.set(key, current)
      // A failed count is not remembered: the next caller tries again.
      value.catch(() => {
        if (counts.get(key) === current) counts.delete(key)
      })
      return value
    },
    clear() {
      counts.clear()
    },
  }
}
