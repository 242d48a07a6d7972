// The page cache as Fastify hooks. Every GET route registered in a scope given to
// registerPageCache opts in: a hit is answered in onRequest, before any handler or query runs; a
// miss renders as usual and its response is stored in onSend when it may be — a 200 that declares
// surrogate keys, sets no cookie and does not forbid caching. Concurrent misses for one key wait
// for the first render (single flight).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hitResponse } from './cache-hit.ts'
import {
  hasSessionCookie,
  isCacheableRequest,
  negotiateEncoding,
  pageCacheKey,
  requestVariant,
  VARY_HEADER,
} from './cache-key.ts'
import { createConcurrencyLimit } from './concurrency-limit.ts'
import type { CachedPage, PageCache } from './page-cache.ts'
import { parseSurrogateKeyHeader } from './surrogate-keys.ts'

export interface PageCacheScopeOptions {
  cache: PageCache
  /**
   * The language a request is for (part of the key): on the site, its /{code}/ prefix, else the
   * default language as the settings say now, so that a root page rendered before the default
   * changed is never served after it (http/public-routes.ts urlLanguage).
   */
  languageOf(request: FastifyRequest): string | Promise<string>
  /** Whether responses in this scope depend on the query string (search will). */
  isQuerySignificant?: boolean
  /** Cache misses rendered at once; the rest queue (concurrency-limit.ts). */
  maxConcurrentRenders?: number
}

type RequestState =
  | { kind: 'hit' }
  | { kind: 'private' }
  | {
      kind: 'miss'
      key: string
      epoch: number
      isStorable: boolean
      settle?: (page: CachedPage | undefined) => void
      release?: () => void
    }

/** Headers that belong to one response, not to the stored page. */
const UNSTORED_HEADERS = new Set([
  'etag',
  'content-length',
  'content-encoding',
  'x-cache',
  'age',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'set-cookie',
  // Each response's own id (src/ops/request-id.ts), never the id of the request that rendered the page.
  'x-request-id',
])

function storedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || UNSTORED_HEADERS.has(name)) continue
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return headers
}

function cacheControlForbidsStore(value: unknown): boolean {
  return typeof value === 'string' && /\b(no-store|private|no-cache)\b/i.test(value)
}

export function registerPageCache(scope: FastifyInstance, options: PageCacheScopeOptions): void {
  const { cache } = options
  // Per request, without decorating Fastify's objects; entries go with their requests.
  const states = new WeakMap<FastifyRequest, RequestState>()
  const renders = createConcurrencyLimit(options.maxConcurrentRenders ?? 4)

  const serve = (request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply => {
    states.set(request, { kind: 'hit' })
    const hit = hitResponse(page, request.headers, Date.now())
    return reply.headers(hit.headers).code(hit.status).send(hit.body)
  }

  scope.addHook('onRequest', async (request, reply) => {
    if (!isCacheableRequest(request.method, request.url, request.headers)) {
      if (hasSessionCookie(request.headers.cookie)) states.set(request, { kind: 'private' })
      return
    }
    const key = pageCacheKey({
      url: request.url,
      language: await options.languageOf(request),
      variant: requestVariant(request.headers),
      isQuerySignificant: options.isQuerySignificant,
    })
    const page = cache.lookup(key)
    if (page) return serve(request, reply, page)
    cache.countMiss()
    const epoch = cache.epoch
    if (request.method !== 'GET') {
      states.set(request, { kind: 'miss', key, epoch, isStorable: false })
      return
    }
    // A request that arrives after a purge may join a render that began before it: if the purge
    // touched that page, the render is refused by the cache and this request renders its own.
    const ticket = cache.flights.join(key)
    if (ticket.isLeader) {
      const release = await renders.acquire()
      states.set(request, { kind: 'miss', key, epoch, isStorable: true, settle: ticket.settle, release })
      return
    }
    const landed = await ticket.result
    if (landed) return serve(request, reply, landed)
    // The first render was not cacheable (an error page, say): render this one ourselves.
    const release = await renders.acquire()
    states.set(request, { kind: 'miss', key, epoch: cache.epoch, isStorable: true, release })
  })

  scope.addHook('onSend', async (request, reply, payload) => {
    const state = states.get(request)
    if (!state || state.kind === 'hit') return payload
    if (state.kind === 'private') {
      // An editor's view of a page may one day differ from a reader's: keep it out of every cache.
      reply.header('cache-control', 'private, no-store')
      reply.removeHeader('surrogate-key')
      return payload
    }
    // Rendering is done once the payload is here; compression runs off the event loop.
    state.release?.()
    reply.header('x-cache', 'MISS')
    if (reply.statusCode === 200) reply.header('vary', VARY_HEADER)
    const surrogateKeys = parseSurrogateKeyHeader(reply.getHeader('surrogate-key'))
    const isStorable =
      state.isStorable &&
      reply.statusCode === 200 &&
      surrogateKeys.length > 0 &&
      reply.getHeader('set-cookie') === undefined &&
      !cacheControlForbidsStore(reply.getHeader('cache-control')) &&
      (typeof payload === 'string' || Buffer.isBuffer(payload))
    if (!isStorable) {
      state.settle?.(undefined)
      return payload
    }
    const body = typeof payload === 'string' ? Buffer.from(payload) : (payload as Buffer)
    let page: CachedPage | undefined
    try {
      page = await cache.store(state.key, { body, headers: storedHeaders(reply), surrogateKeys }, state.epoch)
    } finally {
      state.settle?.(page)
    }
    if (!page) return payload
    // Answer this reader as a hit would have: the encoding they accept, the stored ETag.
    const encoding = negotiateEncoding(request.headers['accept-encoding'])
    const variant = page.variants[encoding]
    reply.header('etag', variant.etag)
    if (encoding === 'identity') return payload
    reply.header('content-encoding', encoding)
    return variant.body
  })

  // Waiters must never hang on a render that ended without onSend (an aborted request).
  const release = async (request: FastifyRequest): Promise<void> => {
    const state = states.get(request)
    if (state?.kind !== 'miss') return
    state.release?.()
    state.settle?.(undefined)
  }
  scope.addHook('onResponse', release)
  scope.addHook('onRequestAbort', release)
}
