// The public site's URL map in one place. Handlers live in their features; this file only decides
// which one a path belongs to, since several share a shape (/{section}/ and /{year}/ for example).
import type { FastifyInstance } from 'fastify'
import { showMonthArchive } from '../archive/archive.site.tsx'
import { showArticle } from '../articles/articles.site.tsx'
import { showAuthor } from '../authors/authors.site.tsx'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { registerFeedRoutes } from '../feeds/feeds.site.ts'
import { showHome } from '../home/home.site.tsx'
import { parsePageNumber } from '../lib/pagination.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { showLiteArticle, showLiteFront } from '../lite/lite.site.tsx'
import { registerViewBeacon } from '../most-read/most-read.site.ts'
import type { ViewCounter } from '../most-read/view-counter.ts'
import { findRedirect } from '../redirects/redirects.service.ts'
import { showSearch } from '../search/search.site.tsx'
import { showLatest, showSection } from '../sections/sections.site.tsx'
import { registerLogoRoute } from '../seo/logo.site.ts'
import { registerSitemapRoutes } from '../sitemaps/sitemaps.site.ts'
import { showTag } from '../tags/tags.site.tsx'
import { redirectTo } from './site-pages.ts'

type Params = Record<string, string>

// /x/page/1/ is the same page as /x/, so it redirects there: one canonical address per page.
export function registerPublicRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: { views: ViewCounter },
): void {
  app.get('/', (_request, reply) => showHome(ctx, reply))

  // Feeds under /feed/, sitemaps under /sitemaps/ (both reserved section slugs), /sitemap.xml,
  // /robots.txt and /logo.png: static paths, so they win over the shapes below.
  registerFeedRoutes(app, ctx)
  registerSitemapRoutes(app, ctx)
  registerLogoRoute(app)

  // Readers' search ("search" is a reserved section slug); never cached, see search.site.tsx.
  app.get('/search', (request, reply) => showSearch(ctx, request, reply))
  app.get('/search/', (request, reply) => {
    const query = request.url.indexOf('?')
    return redirectTo(reply, query === -1 ? '/search' : `/search${request.url.slice(query)}`)
  })
  // The "Most read" view beacon, under /api/ which no section can take.
  registerViewBeacon(app, ctx, services.views)

  // The text-only lite edition ("lite" is a reserved section slug); /lite itself gets its slash
  // from the catch-all below.
  app.get('/lite/', (_request, reply) => showLiteFront(ctx, reply))
  app.get('/lite/:section/:slug', (request, reply) => {
    const { section = '', slug = '' } = request.params as Params
    return showLiteArticle(ctx, reply, section, slug)
  })

  app.get('/latest/', (_request, reply) => showLatest(ctx, reply, 1))
  app.get('/latest/page/:n/', (request, reply) => {
    const page = parsePageNumber((request.params as Params).n)
    return page === 1 ? redirectTo(reply, '/latest/') : showLatest(ctx, reply, page)
  })

  app.get('/tag/:slug/', (request, reply) => showTag(ctx, reply, (request.params as Params).slug ?? '', 1))
  app.get('/tag/:slug/page/:n/', (request, reply) => {
    const { slug = '', n } = request.params as Params
    const page = parsePageNumber(n)
    return page === 1
      ? redirectTo(reply, `/tag/${encodeURIComponent(slug)}/`)
      : showTag(ctx, reply, slug, page)
  })

  app.get('/author/:slug/', (request, reply) =>
    showAuthor(ctx, reply, (request.params as Params).slug ?? '', 1),
  )
  app.get('/author/:slug/page/:n/', (request, reply) => {
    const { slug = '', n } = request.params as Params
    const page = parsePageNumber(n)
    return page === 1
      ? redirectTo(reply, `/author/${encodeURIComponent(slug)}/`)
      : showAuthor(ctx, reply, slug, page)
  })

  // /{section}/ — a section's front; /{yyyy}/ has no page of its own yet, so it is a 404.
  app.get('/:first/', (request, reply) => showSection(ctx, reply, (request.params as Params).first ?? '', 1))
  app.get('/:first/page/:n/', (request, reply) => {
    const { first = '', n } = request.params as Params
    const page = parsePageNumber(n)
    return page === 1
      ? redirectTo(reply, `/${encodeURIComponent(first)}/`)
      : showSection(ctx, reply, first, page)
  })

  // /{yyyy}/{mm}/ — a month's archive; any other /{a}/{b}/ is a story address with a stray slash.
  app.get('/:first/:second/', async (request, reply) => {
    const { first = '', second = '' } = request.params as Params
    if (/^\d{4}$/.test(first) && /^\d{2}$/.test(second)) return showMonthArchive(ctx, reply, first, second, 1)
    if (!isPlausibleSlug(first) || !isPlausibleSlug(second)) throw new NotFoundError()
    // An old address of this shape (an imported site's /category/news/, /feed/atom/) goes
    // straight to its new home rather than through the slash redirect first.
    const redirect = await findRedirect(ctx, request.url)
    if (redirect) return reply.redirect(redirect.location, redirect.status)
    return redirectTo(reply, `/${encodeURIComponent(first)}/${encodeURIComponent(second)}`)
  })
  app.get('/:first/:second/page/:n/', (request, reply) => {
    const { first = '', second = '', n } = request.params as Params
    const page = parsePageNumber(n)
    if (page === 1) return redirectTo(reply, `/${first}/${second}/`.replace(/[^\w/-]/g, ''))
    return showMonthArchive(ctx, reply, first, second, page)
  })

  // /{section}/{slug} — a story.
  app.get('/:first/:second', (request, reply) => {
    const { first = '', second = '' } = request.params as Params
    return showArticle(ctx, reply, first, second)
  })

  // /{section} without its slash.
  app.get('/:first', (request, reply) => {
    const { first = '' } = request.params as Params
    if (!isPlausibleSlug(first)) throw new NotFoundError()
    return redirectTo(reply, `/${encodeURIComponent(first)}/`)
  })
}
