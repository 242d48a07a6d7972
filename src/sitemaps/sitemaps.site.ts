// GET /sitemap.xml, /sitemaps/*.xml and /robots.txt, cached under the `sitemaps` surrogate key
// that every story event purges (cache/content-invalidation.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SITEMAPS_KEY } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import type { PageLanguageOf } from '../http/public-routes.ts'
import { sendDocument } from '../http/send-document.ts'
import {
  buildNewsSitemap,
  buildPagesSitemap,
  buildPostSitemap,
  buildRobotsTxt,
  buildSitemapIndex,
  NEWS_SITEMAP_PATH,
  PAGES_SITEMAP_PATH,
  SITEMAP_INDEX_PATH,
  type SitemapDocument,
} from './sitemaps.service.ts'

const XML_TYPE = 'application/xml; charset=utf-8'

const serve =
  (build: () => Promise<SitemapDocument>) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const document = await build()
    return sendDocument(request, reply, {
      body: document.xml,
      contentType: XML_TYPE,
      lastModified: document.lastModified,
      surrogateKeys: [SITEMAPS_KEY],
    })
  }

/** /fa/sitemaps/pages.xml and /fa/sitemaps/posts-….xml: a non-default language's own sitemaps. */
export function registerLanguageSitemapRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  prefix: string,
  languageOf: PageLanguageOf,
): void {
  app.get(`${prefix}${PAGES_SITEMAP_PATH}`, async (request, reply) => {
    const language = await languageOf(request, reply)
    return language === undefined ? reply : serve(() => buildPagesSitemap(ctx, language))(request, reply)
  })
  app.get(`${prefix}/sitemaps/:name`, async (request, reply) => {
    const language = await languageOf(request, reply)
    const { name } = request.params as { name: string }
    return language === undefined ? reply : serve(() => buildPostSitemap(ctx, name, language))(request, reply)
  })
}

/** The index, the default language's sitemaps, the news sitemap and robots.txt, at the root. */
export function registerSitemapRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    SITEMAP_INDEX_PATH,
    serve(() => buildSitemapIndex(ctx)),
  )
  app.get(
    PAGES_SITEMAP_PATH,
    serve(() => buildPagesSitemap(ctx)),
  )
  app.get(
    NEWS_SITEMAP_PATH,
    serve(() => buildNewsSitemap(ctx)),
  )
  app.get('/sitemaps/:name', (request, reply) =>
    serve(() => buildPostSitemap(ctx, (request.params as { name: string }).name))(request, reply),
  )
  app.get('/robots.txt', (request, reply) =>
    sendDocument(request, reply, {
      body: buildRobotsTxt(ctx.config.siteUrl),
      contentType: 'text/plain; charset=utf-8',
      surrogateKeys: [SITEMAPS_KEY],
    }),
  )
}
