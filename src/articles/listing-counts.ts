// How many published stories a listing holds, remembered per app (AppContext.listingCounts). A
// listing page or API list counts its stories for its pagination, and the count is most of such a
// page's cost at 100,000 stories (an index scan of every story it holds: ~8 ms for /latest/ on
// PostgreSQL), while the rows of the page are ~1 ms. Counts change only when a story is
// published, changed or withdrawn, which clears them all (context.ts); the time bound covers what
// no event announces here (another instance's change while the bridge is down, a row written by
// hand). Apart from the service so that context.ts can make one without importing it.
import { createRememberedReads, type RememberedReads } from '../lib/remembered-reads.ts'

export type ListingCounts = RememberedReads<number>

export const LISTING_COUNTS_MS = 60_000
/** Listings are per section, tag, byline, language and month. */
const MAX_REMEMBERED = 2_000

export function createListingCounts(maxAgeMs = LISTING_COUNTS_MS): ListingCounts {
  return createRememberedReads<number>(maxAgeMs, MAX_REMEMBERED)
}
