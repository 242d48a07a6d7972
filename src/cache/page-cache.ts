// The in-memory page cache: rendered responses with their gzip and brotli forms, bounded by bytes,
// found by key and purged by surrogate key. One instance per app (never module state); it is also
// the first CachePurger, so a CDN purger sits beside it and receives the same keys.
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { createByteLru } from './byte-lru.ts'
import type { Encoding } from './cache-key.ts'
import { createConcurrencyLimit } from './concurrency-limit.ts'
import { createSingleFlight, type SingleFlight } from './single-flight.ts'

const gzip = promisify(zlib.gzip)
const brotliCompress = promisify(zlib.brotliCompress)

/** Anything that can forget responses by surrogate key: this cache, a CDN in front of the app. */
export interface CachePurger {
  purge(keys: readonly string[]): Promise<unknown>
  /** For changes whose reach is unknown (a story deleted outright). */
  purgeAll(): Promise<unknown>
}

export interface CachedVariant {
  body: Buffer
  /** Strong, and different per encoding: each encoding is a different representation. */
  etag: string
}

export interface CachedPage {
  /** Headers to replay (content-type, cache-control, vary, surrogate-key, security headers). */
  headers: Record<string, string>
  surrogateKeys: readonly string[]
  variants: Record<Encoding, CachedVariant>
  storedAt: number
  expiresAt: number
}

export interface PurgeReport {
  keys: readonly string[]
  /** Cache keys of the entries that were removed. */
  removed: string[]
}

export interface PageCacheStats {
  entries: number
  bytes: number
  maxBytes: number
  hits: number
  misses: number
  stores: number
  purges: number
  purgedEntries: number
  /** Stores compressing now, and stores waiting for a turn (see maxConcurrentCompressions). */
  compressing: number
  compressionsWaiting: number
}

export interface PageCache extends CachePurger {
  lookup(key: string): CachedPage | undefined
  /**
   * Compresses and stores a rendered body. Stores nothing (and returns undefined) when one of its
   * surrogate keys was purged since `renderEpoch`: the render may have read the database before
   * the change.
   */
  store(
    key: string,
    page: { body: Buffer; headers: Record<string, string>; surrogateKeys: readonly string[] },
    renderEpoch: number,
  ): Promise<CachedPage | undefined>
  purge(keys: readonly string[]): Promise<PurgeReport>
  purgeAll(): Promise<PurgeReport>
  /** Increases with every purge; a render records it when it starts (see store). */
  readonly epoch: number
  readonly flights: SingleFlight<CachedPage | undefined>
  /** Cache keys of the entries stored under a surrogate key (tests, diagnostics). */
  keysFor(surrogateKey: string): string[]
  has(key: string): boolean
  countMiss(): void
  stats(): PageCacheStats
}

export interface PageCacheOptions {
  /** Bound on the bytes of all bodies, all encodings counted. */
  maxBytes?: number
  /** How long an entry is served without a purge; bounds staleness no event covers (scheduled stories). */
  maxAgeMs?: number
  /** 0–11. Compression runs once per render, off the event loop; 6 is within ~10% of 11 at a tenth of the time. */
  brotliQuality?: number
  /**
   * Compressions in flight at once. Each gzip stream allocates its native state when it is created,
   * not when the thread pool reaches it; under a burst of renders on a busy CPU, hundreds queued at
   * once and left the process's native heap hundreds of MB larger (bench/load.ts, docs/performance.md).
   */
  maxConcurrentCompressions?: number
  now?: () => number
}

export const DEFAULT_PAGE_CACHE_BYTES = 64 * 1024 * 1024
export const DEFAULT_PAGE_CACHE_MAX_AGE_MS = 5 * 60 * 1000
const MAX_ITEMISED_PURGES = 10_000

/**
 * Brotli's window sized to the page (a 30 KB page needs 2^15, not the default 2^22): the same
 * output, a fraction of the encoder's memory and time.
 */
function brotliWindowBits(bytes: number): number {
  const { BROTLI_MIN_WINDOW_BITS, BROTLI_MAX_WINDOW_BITS } = zlib.constants
  return Math.min(BROTLI_MAX_WINDOW_BITS, Math.max(BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 1))))
}

async function compress(body: Buffer, brotliQuality: number): Promise<[gzipped: Buffer, brotli: Buffer]> {
  return Promise.all([
    gzip(body, { level: 9 }),
    brotliCompress(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlib.constants.BROTLI_PARAM_LGWIN]: brotliWindowBits(body.length),
      },
    }),
  ])
}

/** Same form as @fastify/etag's default (quoted base64 SHA-1), so a miss and a hit agree. */
function strongEtag(body: Buffer, suffix = ''): string {
  return `"${createHash('sha1').update(body).digest('base64')}${suffix}"`
}

export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const now = options.now ?? Date.now
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_PAGE_CACHE_MAX_AGE_MS
  const brotliQuality = options.brotliQuality ?? 6
  // surrogate key → cache keys, kept in step with the LRU through its eviction callback.
  const index = new Map<string, Set<string>>()
  const unindex = (key: string, page: CachedPage): void => {
    for (const surrogateKey of page.surrogateKeys) {
      const keys = index.get(surrogateKey)
      if (!keys) continue
      keys.delete(key)
      if (keys.size === 0) index.delete(surrogateKey)
    }
  }
  const lru = createByteLru<CachedPage>(options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES, unindex)
  const flights = createSingleFlight<CachedPage | undefined>()
  const compressions = createConcurrencyLimit(options.maxConcurrentCompressions ?? 2)
  const counters = { hits: 0, misses: 0, stores: 0, purges: 0, purgedEntries: 0 }
  let epoch = 0
  // surrogate key → epoch of its latest purge, oldest first. A render is refused only if a key it
  // shows was purged while it ran: with a story published every second and renders queued behind
  // each other, refusing every render that overlapped *any* purge would leave pages uncached.
  const purgedAt = new Map<string, number>()
  // Purges at or before this epoch are no longer itemised (the map is bounded): renders that began
  // before it are refused, which is always safe.
  let forgottenBefore = 0
  const isStale = (surrogateKeys: readonly string[], renderEpoch: number): boolean =>
    renderEpoch < forgottenBefore || surrogateKeys.some((key) => (purgedAt.get(key) ?? 0) > renderEpoch)

  return {
    lookup(key) {
      const page = lru.get(key)
      if (!page) return undefined
      if (page.expiresAt <= now()) {
        lru.delete(key)
        return undefined
      }
      counters.hits++
      return page
    },

    async store(key, page, renderEpoch) {
      if (isStale(page.surrogateKeys, renderEpoch)) return undefined
      const release = await compressions.acquire()
      let gzipped: Buffer
      let brotli: Buffer
      try {
        // A purge may have landed while this waited for its turn.
        if (isStale(page.surrogateKeys, renderEpoch)) return undefined
        ;[gzipped, brotli] = await compress(page.body, brotliQuality)
      } finally {
        release()
      }
      // A purge may have landed while we compressed.
      if (isStale(page.surrogateKeys, renderEpoch)) return undefined
      const storedAt = now()
      const cached: CachedPage = {
        headers: page.headers,
        surrogateKeys: [...new Set(page.surrogateKeys)],
        variants: {
          identity: { body: page.body, etag: strongEtag(page.body) },
          gzip: { body: gzipped, etag: strongEtag(page.body, '-gzip') },
          br: { body: brotli, etag: strongEtag(page.body, '-br') },
        },
        storedAt,
        expiresAt: storedAt + maxAgeMs,
      }
      // Headers and keys are small next to the bodies; a flat allowance stands for them.
      const bytes = page.body.length + gzipped.length + brotli.length + 1024
      if (!lru.set(key, cached, bytes)) return undefined
      for (const surrogateKey of cached.surrogateKeys) {
        let keys = index.get(surrogateKey)
        if (!keys) {
          keys = new Set()
          index.set(surrogateKey, keys)
        }
        keys.add(key)
      }
      counters.stores++
      return cached
    },

    async purge(keys) {
      epoch++
      counters.purges++
      for (const surrogateKey of keys) {
        purgedAt.delete(surrogateKey)
        purgedAt.set(surrogateKey, epoch)
      }
      for (const [oldest, at] of purgedAt) {
        if (purgedAt.size <= MAX_ITEMISED_PURGES) break
        purgedAt.delete(oldest)
        forgottenBefore = at
      }
      const removed = new Set<string>()
      for (const surrogateKey of keys) {
        for (const key of [...(index.get(surrogateKey) ?? [])]) {
          if (lru.delete(key)) removed.add(key)
        }
      }
      counters.purgedEntries += removed.size
      return { keys, removed: [...removed] }
    },

    async purgeAll() {
      epoch++
      counters.purges++
      purgedAt.clear()
      forgottenBefore = epoch
      const removed = [...lru.keys()]
      for (const key of removed) lru.delete(key)
      counters.purgedEntries += removed.length
      return { keys: ['*'], removed }
    },

    get epoch() {
      return epoch
    },
    flights,
    keysFor: (surrogateKey) => [...(index.get(surrogateKey) ?? [])],
    has: (key) => lru.has(key),
    countMiss() {
      counters.misses++
    },
    stats: () => ({
      entries: lru.size,
      bytes: lru.bytes,
      maxBytes: lru.maxBytes,
      compressing: compressions.active,
      compressionsWaiting: compressions.waiting,
      ...counters,
    }),
  }
}
