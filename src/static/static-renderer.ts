// Renders a public page the way a reader gets it, through the app itself (app.inject: no socket,
// the same routes, page cache and headers), and reads from it what publishing needs: the status,
// the body, the content type, the surrogate keys it declared, and the further addresses it names
// (a listing's rel="next", the sitemap index's sitemaps).
import type { FastifyInstance } from 'fastify'
import { parseSurrogateKeyHeader } from '../cache/surrogate-keys.ts'

export interface RenderedPage {
  status: number
  body: Buffer
  contentType: string
  surrogateKeys: string[]
  /** Site paths this page leads to that belong to the same inventory (next page, sitemaps). */
  discovered: string[]
}

export type PageRenderer = (urlPath: string) => Promise<RenderedPage>

function sitePath(siteUrl: string, href: string): string | undefined {
  const decoded = href.replace(/&amp;/g, '&')
  if (decoded.startsWith('/') && !decoded.startsWith('//')) return decoded
  if (decoded.startsWith(`${siteUrl}/`)) return decoded.slice(siteUrl.length)
  return undefined
}

function discoveredPaths(siteUrl: string, urlPath: string, contentType: string, body: string): string[] {
  const found: string[] = []
  if (contentType.startsWith('text/html')) {
    const next = /<link rel="next" href="([^"]+)"/.exec(body)
    const path = next?.[1] === undefined ? undefined : sitePath(siteUrl, next[1])
    if (path) found.push(path)
  } else if (urlPath === '/sitemap.xml') {
    for (const match of body.matchAll(/<loc>([^<]+)<\/loc>/g)) {
      const path = match[1] === undefined ? undefined : sitePath(siteUrl, match[1])
      if (path) found.push(path)
    }
  }
  return found
}

/** A renderer over a built app: a plain GET, as an anonymous reader without Save-Data. */
export function appRenderer(app: FastifyInstance, siteUrl: string): PageRenderer {
  return async (urlPath) => {
    const response = await app.inject({
      method: 'GET',
      url: urlPath,
      // An Authorization header keeps the render out of the page cache (cache/cache-key.ts) without
      // making it private: the publisher compresses on its own, and a full pass must not push
      // readers' hot pages out of the cache. Public pages ignore the header itself.
      headers: {
        'accept-encoding': 'identity',
        authorization: 'Dateline-Static-Publisher',
        'user-agent': 'Dateline static publisher',
      },
    })
    const contentType = String(response.headers['content-type'] ?? '')
    const body = response.rawPayload
    return {
      status: response.statusCode,
      body,
      contentType,
      surrogateKeys: parseSurrogateKeyHeader(response.headers['surrogate-key']),
      discovered:
        response.statusCode === 200
          ? discoveredPaths(siteUrl, urlPath, contentType, body.toString('utf8'))
          : [],
    }
  }
}
