// GET /feed/{rss.xml|atom.xml|feed.json} and /feed/{section|tag|author}/{slug}/…: the feeds, one
// set per language (/fa/feed/rss.xml lists the Dari stories). Cached under the `feeds` surrogate
// key, which every story event purges (cache/content-invalidation.ts), plus the key of the
// section, tag or byline they list (feeds.service.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.ts'
import type { PageLanguageOf } from '../http/public-routes.ts'
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
  language: string,
): Promise<FastifyReply> {
  const feed = await buildFeed(ctx, scope, language)
  return sendDocument(request, reply, {
    body: RENDERERS[format](feed),
    contentType: `${FEED_MEDIA_TYPES[format]}; charset=utf-8`,
    lastModified: feed.updatedAt,
    surrogateKeys: feed.surrogateKeys,
  })
}

/** The feeds of one language under `prefix` ('' for the default language at the root). */
export function registerFeedRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  prefix: string,
  languageOf: PageLanguageOf,
): void {
  const get = (
    path: string,
    handler: (request: FastifyRequest, reply: FastifyReply, language: string) => Promise<FastifyReply>,
  ): void => {
    app.get(prefix + path, async (request, reply) => {
      const language = await languageOf(request, reply)
      return language === undefined ? reply : handler(request, reply, language)
    })
  }
  // The addresses readers and other software guess first (the old ones at the root only).
  const guesses =
    prefix === '' ? ['/feed', '/feed/', '/feed.xml', '/rss.xml', '/rss', '/atom.xml'] : ['/feed', '/feed/']
  for (const path of guesses) {
    const format: FeedFormat = path === '/atom.xml' ? 'atom' : 'rss'
    app.get(prefix + path, (_request, reply) =>
      redirectTo(reply, prefix + feedPath({ kind: 'site' }, format)),
    )
  }
  for (const format of FEED_FORMATS) {
    const file = FEED_FILE_NAMES[format]
    get(`/feed/${file}`, (request, reply, language) =>
      showFeed(ctx, request, reply, { kind: 'site' }, format, language),
    )
    for (const kind of ['section', 'tag', 'author'] as const) {
      get(`/feed/${kind}/:slug/${file}`, (request, reply, language) =>
        showFeed(
          ctx,
          request,
          reply,
          { kind, slug: (request.params as { slug: string }).slug },
          format,
          language,
        ),
      )
    }
  }
}
