// GET /search: readers' search. Never cached (Cache-Control: no-store, and no surrogate keys, so
// the page cache never stores it): results change with every content event, a withdrawn story
// must vanish from them at once, and every query string would be a cache entry of its own.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { findAuthorBySlug } from '../authors/authors.service.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { buildChrome } from '../http/site-pages.ts'
import { findSectionBySlug, sectionWithDescendantIds } from '../sections/sections.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { renderDocument } from '../views/render.ts'
import { type SearchOptions, searchStories } from './search.service.ts'
import { SearchPage } from './search-page.tsx'
import { publishedRange, readSearchParams, searchUrl } from './search-params.ts'
import { parseSearchQuery } from './search-query.ts'

/** GET /search (/fa/search in Dari): searches the stories of the page's language. */
export async function showSearch(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  language: string,
): Promise<FastifyReply> {
  const { params, problems } = readSearchParams(request.query)
  const settings = await getSiteSettings(ctx)
  const options: SearchOptions = {
    language,
    page: params.page,
  }
  const range = problems.length === 0 ? publishedRange(params.from, params.to, settings.timeZone) : undefined
  if (range) options.publishedBetween = range
  if (params.section !== '' && problems.length === 0) {
    const section = await findSectionBySlug(ctx, params.section)
    if (section) options.sectionIds = await sectionWithDescendantIds(ctx, section.id)
    else problems.push({ key: 'site.searchUnknownSection', values: { section: params.section } })
  }
  if (params.author !== '' && problems.length === 0) {
    const author = await findAuthorBySlug(ctx, params.author)
    if (author) options.authorId = author.id
    else problems.push({ key: 'site.searchUnknownAuthor', values: { author: params.author } })
  }
  const chrome = await buildChrome(ctx, language, reply.request)
  const urlFor = (page: number) => chrome.locale.path(searchUrl(params, page))
  const isSearch = problems.length === 0 && parseSearchQuery(params.q) !== undefined
  const found = isSearch ? await searchStories(ctx, params.q, options) : undefined
  // Results are stories of this language: their addresses take its prefix.
  const results = found && {
    ...found,
    items: found.items.map((item) => ({
      ...item,
      url: item.url === '' ? '' : chrome.locale.path(item.url),
      section: chrome.sections.find((s) => s.id === item.section?.id) ?? item.section,
      authors: item.authors.map((a) => ({ ...a, url: chrome.locale.path(a.url) })),
    })),
  }
  if (results && params.page > results.pageCount) {
    throw new NotFoundError('There are not that many pages of results.')
  }
  return reply
    .status(problems.length > 0 ? 400 : 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      renderDocument(
        <SearchPage chrome={chrome} params={params} problems={problems} results={results} urlFor={urlFor} />,
      ),
    )
}
