// The page cache's front door: a reader's request for a page the cache holds is answered by the
// HTTP server's own request listener, before Fastify builds its request and reply, routes, and
// runs a dozen hooks for it. That work was most of a hit's cost (a hit answered by the hooks ran at
// ~0.4–0.55 of a bare node:http server's requests/s; issue 7 asks for 0.6). A reverse proxy's cache
// in front of the app does the same; this one shares the app's cache and purges.
//
// It answers only what it can answer exactly as the hooks would (page-cache-hooks.ts): GET or HEAD
// by a reader (no session, no credentials, not /admin or /preview), without a query string (those
// go to the framework: imported sites' /?p=123 redirects, the API's filters), not in lite mode
// (whose pages are made private on the way out), and only when the default language is known
// without waiting. The key is the one the site's hook computes, and a hit needs the exact key, so
// anything else falls through to the framework, which renders or answers from the cache as before.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { hitResponse } from './cache-hit.ts'
import { isCacheableRequest, pageCacheKey, requestVariant } from './cache-key.ts'
import type { PageCache } from './page-cache.ts'

export interface CacheFrontDoorOptions {
  cache: PageCache
  /**
   * The language of a site URL as the site's page cache keys it, or undefined when that needs a
   * wait (the settings are not in memory): the request then goes to the framework.
   */
  languageOf(url: string): string | undefined
  /** The X-Request-Id to answer with (src/ops/request-id.ts). */
  requestIdOf(request: IncomingMessage): string
  /** Called after each answer, for metrics. */
  onAnswered?(request: IncomingMessage, status: number, seconds: number): void
  now?: () => number
}

export interface CacheFrontDoor {
  /** Answers the request from the cache and returns true, or returns false and touches nothing. */
  answer(request: IncomingMessage, response: ServerResponse): boolean
  /** From now on every request goes to the framework (the app is closing). */
  close(): void
}

export function createCacheFrontDoor(options: CacheFrontDoorOptions): CacheFrontDoor {
  const now = options.now ?? Date.now
  let isOpen = true
  return {
    answer(request, response) {
      const { method, url = '', headers } = request
      if (!isOpen || url.includes('?') || !isCacheableRequest(method ?? '', url, headers)) return false
      const variant = requestVariant(headers)
      if (variant === 'lite') return false
      const language = options.languageOf(url)
      if (language === undefined) return false
      const page = options.cache.lookup(pageCacheKey({ url, language, variant }))
      if (!page) return false
      const started = performance.now()
      const hit = hitResponse(page, headers, now())
      const body = hit.body ?? Buffer.alloc(0)
      response.writeHead(hit.status, {
        ...hit.headers,
        'x-request-id': options.requestIdOf(request),
        ...(hit.status === 200 ? { 'content-length': String(body.length) } : {}),
      })
      response.end(method === 'HEAD' || hit.status === 304 ? undefined : body)
      options.onAnswered?.(request, hit.status, (performance.now() - started) / 1000)
      return true
    },
    close() {
      isOpen = false
    },
  }
}
