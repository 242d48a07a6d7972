// What a cached response is keyed by, and which requests may use the cache at all. Pure functions
// of the request line and headers, so they are unit-tested without a server.
import type { IncomingHttpHeaders } from 'node:http'

/** The admin's session cookie: a request carrying it is never answered from, nor stored in, the cache. */
export const SESSION_COOKIE = 'dateline_session'

export type Encoding = 'br' | 'gzip' | 'identity'

/** Paths whose responses are never cached whatever the route says: the newsroom's own pages. */
const NEVER_CACHED_PREFIXES = ['/admin', '/preview']

export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  if (cookieHeader === undefined || cookieHeader === '') return false
  return cookieHeader.split(';').some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`))
}

/**
 * Whether the request may be served from the cache and its response stored. Only reads by
 * readers: GET/HEAD, no credentials, not the newsroom's own paths.
 */
export function isCacheableRequest(method: string, url: string, headers: IncomingHttpHeaders): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false
  const path = stripQuery(url)
  if (NEVER_CACHED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false
  if (headers.authorization !== undefined) return false
  return !hasSessionCookie(headers.cookie)
}

/**
 * The reader's own "lite mode" switch (src/lite/lite-mode.site.ts), for browsers that never send
 * Save-Data (Safari, Firefox). It holds only the preference, nothing that identifies anyone.
 */
export const LITE_COOKIE = 'dateline_lite'

export type PageVariant = 'full' | 'save-data' | 'lite'

export function hasLiteCookie(cookieHeader: string | undefined): boolean {
  if (cookieHeader === undefined || cookieHeader === '') return false
  return cookieHeader.split(';').some((part) => part.trim() === `${LITE_COOKIE}=1`)
}

/**
 * The variant of a page the request asks for, beyond its URL and language: readers on metered
 * connections who sent Save-Data: on, or switched lite mode on, get pages without image bytes.
 * Save-Data is listed in `Vary`, so a shared cache keeps that variant apart. The lite cookie is
 * not (`Vary: Cookie` would make a CDN keep a copy per reader's cookies, that is, no copy): its
 * responses are `private` instead (lite-mode.site.ts), and our page cache keeps them under a key
 * of their own, so that neither is ever served to a reader who did not ask for it.
 */
export function requestVariant(headers: IncomingHttpHeaders): PageVariant {
  if (hasLiteCookie(headers.cookie)) return 'lite'
  const saveData = headers['save-data']
  return typeof saveData === 'string' && saveData.trim().toLowerCase() === 'on' ? 'save-data' : 'full'
}

/** Whether pages of this variant are rendered without images (each a link, shown when tapped). */
export function isImageFreeVariant(variant: PageVariant): boolean {
  return variant !== 'full'
}

export const VARY_HEADER = 'Accept-Encoding, Save-Data'

export function stripQuery(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

/**
 * The cache key. The query string is dropped unless the route reads it: no public page does yet,
 * and keeping it would let anyone fill the cache with `/?1`, `/?2`… and force a render each time.
 */
export function pageCacheKey(input: {
  url: string
  language: string
  variant: string
  isQuerySignificant?: boolean
}): string {
  const target = input.isQuerySignificant ? input.url : stripQuery(input.url)
  return `${input.language} ${input.variant} ${target}`
}

/** The best encoding the client accepts among those we precompress: brotli, then gzip, else none. */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  if (acceptEncoding === undefined) return 'identity'
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding
  if (header === '') return 'identity'
  let br = 0
  let gzip = 0
  let star = -1
  for (const part of header.toLowerCase().split(',')) {
    const [rawName = '', ...params] = part.split(';')
    const name = rawName.trim()
    let q = 1
    for (const param of params) {
      const [k, v] = param.split('=')
      if (k?.trim() === 'q' && v !== undefined) {
        const parsed = Number(v.trim())
        q = Number.isFinite(parsed) ? parsed : 0
      }
    }
    if (name === 'br') br = q
    else if (name === 'gzip' || name === 'x-gzip') gzip = q
    else if (name === '*') star = q
  }
  if (star > 0) {
    if (br === 0 && !header.includes('br')) br = star
    if (gzip === 0 && !header.includes('gzip')) gzip = star
  }
  if (br > 0 && br >= gzip) return 'br'
  if (gzip > 0) return 'gzip'
  return 'identity'
}
