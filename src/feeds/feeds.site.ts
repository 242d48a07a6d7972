// GET /feed/{rss.xml|atom.xml|feed.json} and /feed/{section|tag|author}/{slug}/…: the feeds.
// Cached under the `feeds` surrogate key, which every story event purges (cache/content-
// invalidation.ts), plus the key of the section, tag or byline they list (feeds.service.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.ts'
import { sendDocument } from '../http/send-document.ts'
import { redirectTo } from '../http/site-pages.ts'
import { renderAtom } from './atom.ts'
import {
  FEED_FILE_NAMES,
  FEED_FORMATS,
  FEED_MEDIA_TYPES,
  type FeedFormat,
  type FeedScopeRef,
  feedPath,
} from './feed-urls.ts'
import { buildFeed } from './feeds.service.ts'
import { renderJsonFeed } from './json-feed.ts'
import { renderRss } from './rss.ts'

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const

async function showFeed(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: FeedScopeRef,
  format: FeedFormat,
): Promise<FastifyReply> {
  const feed = await buildFeed(ctx, scope)
  return sendDocument(request, reply, {
    body: RENDERERS[format](feed),
    contentType: `${FEED_MEDIA_TYPES[format]}; charset=utf-8`,
    lastModified: feed.updatedAt,
    surrogateKeys: feed.surrogateKeys,
  })
}

export function registerFeedRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The addresses readers and other software guess first.
  for (const path of ['/feed', '/feed/', '/feed.xml', '/rss.xml', '/rss', '/atom.xml']) {
    const format: FeedFormat = path === '/atom.xml' ? 'atom' : 'rss'
    app.get(path, (_request, reply) => redirectTo(reply, feedPath({ kind: 'site' }, format)))
  }
  for (const format of FEED_FORMATS) {
    const file = FEED_FILE_NAMES[format]
    app.get(`/feed/${file}`, (request, reply) => showFeed(ctx, request, reply, { kind: 'site' }, format))
    for (const kind of ['section', 'tag', 'author'] as const) {
      app.get(`/feed/${kind}/:slug/${file}`, (request, reply) =>
        showFeed(ctx, request, reply, { kind, slug: (request.params as { slug: string }).slug }, format),
      )
    }
  }
}
