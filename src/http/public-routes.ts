// The public site's URL map in one place. Handlers live in their features; this file only decides
// which one a path belongs to, since several share a shape (/{section}/ and /{year}/ for example).
//
// Languages: the default language (admin → Site settings) lives at the root; every other one
// under /{code}/ (/fa/, /ps/, and /en/ when English is not the default). The same map is
// registered once per prefix, and each handler is told the page's language. A prefixed address of
// the default language (/en/… while English is the default) answers 301 with the root address, so
// each page has one address; the choice is made per request, so a change of the setting moves the
// root at once, without a restart.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { showMonthArchive } from '../archive/archive.site.tsx'
import { showArticle } from '../articles/articles.site.tsx'
import { showAuthor } from '../authors/authors.site.tsx'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { registerFeedRoutes } from '../feeds/feeds.site.ts'
import { showHome } from '../home/home.site.tsx'
import { SITE_LANGUAGES, type SiteLanguage } from '../i18n/languages.ts'
import { parsePageNumber } from '../lib/pagination.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { showLiteArticle, showLiteFront } from '../lite/lite.site.tsx'
import { registerViewBeacon } from '../most-read/most-read.site.ts'
import type { ViewCounter } from '../most-read/view-counter.ts'
import { findRedirect } from '../redirects/redirects.service.ts'
import { showSearch } from '../search/search.site.tsx'
import { showLatest, showSection } from '../sections/sections.site.tsx'
import { registerLogoRoute } from '../seo/logo.site.ts'
import { readerLanguage } from '../settings/settings.service.ts'
import { registerLanguageSitemapRoutes, registerSitemapRoutes } from '../sitemaps/sitemaps.site.ts'
import { showTag } from '../tags/tags.site.tsx'
import { redirectTo } from './site-pages.ts'

type Params = Record<string, string>

/**
 * The language of a request under `prefix` ('' or '/fa'), or undefined when the reply has been
 * sent as a redirect: the default language's own prefix is not an address of its own.
 */
export type PageLanguageOf = (request: FastifyRequest, reply: FastifyReply) => Promise<string | undefined>

function languageResolver(ctx: AppContext, code: SiteLanguage | undefined): PageLanguageOf {
  return async (request, reply) => {
    const defaultLanguage = await readerLanguage(ctx)
    if (code === undefined) return defaultLanguage
    if (code !== defaultLanguage) return code
    const rest = request.url.slice(code.length + 1)
    await redirectTo(reply, rest === '' || rest.startsWith('?') ? `/${rest}` : rest)
    return undefined
  }
}

/** The language of a public URL as the page cache keys it: its prefix, else the default language. */
export function urlLanguage(url: string, defaultLanguage: string): string {
  const match = /^\/([a-z]{2})(?:[/?]|$)/.exec(url)
  const code = match?.[1]
  return code !== undefined && (SITE_LANGUAGES as readonly string[]).includes(code) ? code : defaultLanguage
}

// /x/page/1/ is the same page as /x/, so it redirects there: one canonical address per page.
export function registerPublicRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: { views: ViewCounter },
): void {
  // Sitemaps (one index for every language), /robots.txt and /logo.png: the root only.
  registerSitemapRoutes(app, ctx)
  registerLogoRoute(app)
  // The "Most read" view beacon, under /api/ which no section can take.
  registerViewBeacon(app, ctx, services.views)

  registerLanguageRoutes(app, ctx, '', languageResolver(ctx, undefined))
  for (const code of SITE_LANGUAGES) registerLanguageRoutes(app, ctx, `/${code}`, languageResolver(ctx, code))
}

/** Every page of one language under `prefix` ('' for the root). */
function registerLanguageRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  prefix: string,
  languageOf: PageLanguageOf,
): void {
  const get = (
    path: string,
    handler: (
      request: FastifyRequest,
      reply: FastifyReply,
      language: string,
    ) => Promise<FastifyReply> | FastifyReply,
  ): void => {
    app.get(prefix + path, async (request, reply) => {
      const language = await languageOf(request, reply)
      return language === undefined ? reply : handler(request, reply, language)
    })
  }
  /** A site path under this prefix, for redirects. */
  const at = (path: string): string => prefix + path

  get('/', (_request, reply, language) => showHome(ctx, reply, language))

  // Feeds under /feed/ ("feed" is a reserved section slug), per language: static paths, so they
  // win over the shapes below.
  registerFeedRoutes(app, ctx, prefix, languageOf)
  if (prefix !== '') registerLanguageSitemapRoutes(app, ctx, prefix, languageOf)

  // Readers' search ("search" is a reserved section slug); never cached, see search.site.tsx.
  get('/search', (request, reply, language) => showSearch(ctx, request, reply, language))
  get('/search/', (request, reply) => {
    const query = request.url.indexOf('?')
    return redirectTo(reply, query === -1 ? at('/search') : at(`/search${request.url.slice(query)}`))
  })

  // The text-only lite edition ("lite" is a reserved section slug); /lite itself gets its slash
  // from the catch-all below.
  get('/lite/', (_request, reply, language) => showLiteFront(ctx, reply, language))
  get('/lite/:section/:slug', (request, reply, language) => {
    const { section = '', slug = '' } = request.params as Params
    return showLiteArticle(ctx, reply, section, slug, language)
  })

  get('/latest/', (_request, reply, language) => showLatest(ctx, reply, 1, language))
  get('/latest/page/:n/', (request, reply, language) => {
    const page = parsePageNumber((request.params as Params).n)
    return page === 1 ? redirectTo(reply, at('/latest/')) : showLatest(ctx, reply, page, language)
  })

  get('/tag/:slug/', (request, reply, language) =>
    showTag(ctx, reply, (request.params as Params).slug ?? '', 1, language),
  )
  get('/tag/:slug/page/:n/', (request, reply, language) => {
    const { slug = '', n } = request.params as Params
    const page = parsePageNumber(n)
    return page === 1
      ? redirectTo(reply, at(`/tag/${encodeURIComponent(slug)}/`))
      : showTag(ctx, reply, slug, page, language)
  })

  get('/author/:slug/', (request, reply, language) =>
    showAuthor(ctx, reply, (request.params as Params).slug ?? '', 1, language),
  )
  get('/author/:slug/page/:n/', (request, reply, language) => {
    const { slug = '', n } = request.params as Params
    const page = parsePageNumber(n)
    return page === 1
      ? redirectTo(reply, at(`/author/${encodeURIComponent(slug)}/`))
      : showAuthor(ctx, reply, slug, page, language)
  })

  // /{section}/ — a section's front; /{yyyy}/ has no page of its own yet, so it is a 404.
  get('/:first/', (request, reply, language) =>
    showSection(ctx, reply, (request.params as Params).first ?? '', 1, language),
  )
  get('/:first/page/:n/', (request, reply, language) => {
    const { first = '', n } = request.params as Params
    const page = parsePageNumber(n)
    return page === 1
      ? redirectTo(reply, at(`/${encodeURIComponent(first)}/`))
      : showSection(ctx, reply, first, page, language)
  })

  // /{yyyy}/{mm}/ — a month's archive; any other /{a}/{b}/ is a story address with a stray slash.
  get('/:first/:second/', async (request, reply, language) => {
    const { first = '', second = '' } = request.params as Params
    if (/^\d{4}$/.test(first) && /^\d{2}$/.test(second))
      return showMonthArchive(ctx, reply, first, second, 1, language)
    if (!isPlausibleSlug(first) || !isPlausibleSlug(second)) throw new NotFoundError()
    // An old address of this shape (an imported site's /category/news/, /feed/atom/) goes
    // straight to its new home rather than through the slash redirect first.
    const redirect = await findRedirect(ctx, request.url)
    if (redirect) return reply.redirect(redirect.location, redirect.status)
    return redirectTo(reply, at(`/${encodeURIComponent(first)}/${encodeURIComponent(second)}`))
  })
  get('/:first/:second/page/:n/', (request, reply, language) => {
    const { first = '', second = '', n } = request.params as Params
    const page = parsePageNumber(n)
    if (page === 1) return redirectTo(reply, at(`/${first}/${second}/`.replace(/[^\w/-]/g, '')))
    return showMonthArchive(ctx, reply, first, second, page, language)
  })

  // /{section}/{slug} — a story.
  get('/:first/:second', (request, reply, language) => {
    const { first = '', second = '' } = request.params as Params
    return showArticle(ctx, reply, first, second, language)
  })

  // /{section} without its slash (and /fa without its own).
  if (prefix === '') {
    app.get('/:first', (request, reply) => {
      const { first = '' } = request.params as Params
      if (!isPlausibleSlug(first)) throw new NotFoundError()
      return redirectTo(reply, `/${encodeURIComponent(first)}/`)
    })
  } else {
    get('/:first', (request, reply) => {
      const { first = '' } = request.params as Params
      if (!isPlausibleSlug(first)) throw new NotFoundError()
      return redirectTo(reply, at(`/${encodeURIComponent(first)}/`))
    })
  }
}
