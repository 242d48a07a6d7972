// WordPress's query-string addresses of an imported site (/?p=123, /?page_id=7, /?cat=5…) all
// share the path "/", where the home page answers, so the 404-time redirect lookup never sees
// them. This hook looks them up first, before the page cache (which ignores query strings and
// would answer with the home page). Only requests to "/" carrying one of these keys pay a query.
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.ts'

const WORDPRESS_QUERY_KEYS = ['p', 'page_id', 'attachment_id', 'cat', 'author', 'feed'] as const

/** The redirects-table keys ("/?p=123") a home-page URL may match, best first. */
export function queryRedirectCandidates(url: string): string[] {
  if (!url.startsWith('/?') || url.length > 500) return []
  const params = new URLSearchParams(url.slice(2))
  return WORDPRESS_QUERY_KEYS.flatMap((key) => {
    const value = params.get(key)
    return value === null || value === '' ? [] : [`/?${key}=${encodeURIComponent(value)}`]
  })
}

export function registerQueryRedirects(scope: FastifyInstance, ctx: AppContext): void {
  scope.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return
    const candidates = queryRedirectCandidates(request.url)
    if (candidates.length === 0) return
    const rows = await ctx.db
      .selectFrom('redirects')
      .select(['from_path', 'to_path'])
      .where('from_path', 'in', candidates)
      .execute()
    const best = candidates.map((c) => rows.find((r) => r.from_path === c)).find((r) => r !== undefined)
    if (!best?.to_path.startsWith('/') || best.to_path.startsWith('//')) return
    return reply.redirect(best.to_path, 301)
  })
}
