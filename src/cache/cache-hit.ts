// What a cache hit answers: status, headers and body, from the stored page and the request's
// conditional and encoding headers. One pure function, so that the framework's hook
// (page-cache-hooks.ts) and the front door before the framework (cache-front-door.ts) can never
// answer the same request differently.
import type { IncomingHttpHeaders } from 'node:http'
import { isNotModifiedSince } from '../lib/conditional-get.ts'
import { negotiateEncoding } from './cache-key.ts'
import type { CachedPage } from './page-cache.ts'

export interface HitResponse {
  status: 200 | 304
  headers: Record<string, string>
  /** Absent for 304. */
  body: Buffer | undefined
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim()
    return value === etag || value === `W/${etag}`
  })
}

export function hitResponse(page: CachedPage, request: IncomingHttpHeaders, now: number): HitResponse {
  const encoding = negotiateEncoding(request['accept-encoding'])
  const variant = page.variants[encoding]
  const headers: Record<string, string> = {
    ...page.headers,
    etag: variant.etag,
    age: String(Math.max(0, Math.floor((now - page.storedAt) / 1000))),
    'x-cache': 'HIT',
  }
  const ifNoneMatch = request['if-none-match']
  if (matchesEtag(ifNoneMatch, variant.etag)) return { status: 304, headers, body: undefined }
  // Feed readers poll with If-Modified-Since; it counts only when If-None-Match is absent.
  if (
    ifNoneMatch === undefined &&
    isNotModifiedSince(request['if-modified-since'], page.headers['last-modified'])
  ) {
    return { status: 304, headers, body: undefined }
  }
  if (encoding !== 'identity') headers['content-encoding'] = encoding
  return { status: 200, headers, body: variant.body }
}
