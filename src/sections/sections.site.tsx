import type { FastifyReply } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import { LATEST_KEY, listedStoryKeys, sectionKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { listingAlternates } from '../seo/hreflang.ts'
import { listingPageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { ListingPage } from '../views/listing-page.tsx'
import { findSectionBySlug, sectionWithDescendantIds } from './sections.service.ts'

export function pagedUrl(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`
}

/**
 * GET /{section}/ and /{section}/page/{n}/ (under /fa/… in Dari): the section's stories in the
 * page's language, its subsections' included, under the section's name in that language.
 */
export async function showSection(
  ctx: AppContext,
  reply: FastifyReply,
  slug: string,
  page: number,
  language: string,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug)) throw new NotFoundError()
  const section = await findSectionBySlug(ctx, slug, language)
  if (!section) throw new NotFoundError()
  const sectionIds = await sectionWithDescendantIds(ctx, section.id)
  const result = await listPublishedSummaries(ctx, { language, sectionIds }, page)
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, language, reply.request)
  const urlFor = (n: number) => pagedUrl(section.url, n)
  const description =
    section.description ||
    chrome.locale.t('site.sectionDescription', { section: section.name, siteName: chrome.siteName })
  const meta = listingPageMeta(
    {
      publisher: await sitePublisher(ctx, language),
      siteUrl: ctx.config.siteUrl,
      alternates: listingAlternates(
        ctx.config.siteUrl,
        pagedUrl(`/${section.slug}/`, page),
        chrome.locale.defaultLanguage,
      ),
    },
    {
      title: section.name,
      description,
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
      feedScope: { kind: 'section', slug: section.slug },
      localize: chrome.locale.path,
    },
  )
  return sendPage(
    reply,
    <ListingPage
      chrome={chrome}
      title={section.name}
      description={description}
      meta={meta}
      crumbs={[
        { name: chrome.locale.t('site.home'), url: chrome.locale.path('/') },
        { name: section.name, url: section.url },
      ]}
      intro={section.description ? <p class="listing-description">{section.description}</p> : undefined}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
      showSection={sectionIds.length > 1}
    />,
    // Stories of subsections are purged under their parents' keys too (cache/content-invalidation.ts).
    { surrogateKeys: [sectionKey(section.id), ...listedStoryKeys(result.items)] },
  )
}

/** GET /latest/: every section together, newest first, in the page's language. */
export async function showLatest(
  ctx: AppContext,
  reply: FastifyReply,
  page: number,
  language: string,
): Promise<FastifyReply> {
  const result = await listPublishedSummaries(ctx, { language }, page)
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, language, reply.request)
  const urlFor = (n: number) => chrome.locale.path(pagedUrl('/latest/', n))
  const meta = listingPageMeta(
    {
      publisher: await sitePublisher(ctx, language),
      siteUrl: ctx.config.siteUrl,
      alternates: listingAlternates(
        ctx.config.siteUrl,
        pagedUrl('/latest/', page),
        chrome.locale.defaultLanguage,
      ),
    },
    {
      title: chrome.locale.t('site.latest'),
      description: chrome.locale.t('site.latestDescription', { siteName: chrome.siteName }),
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
    },
  )
  return sendPage(
    reply,
    <ListingPage
      chrome={chrome}
      title={chrome.locale.t('site.latest')}
      description={chrome.locale.t('site.latestDescription', { siteName: chrome.siteName })}
      meta={meta}
      crumbs={[
        { name: chrome.locale.t('site.home'), url: chrome.locale.path('/') },
        { name: chrome.locale.t('site.latest'), url: chrome.locale.path('/latest/') },
      ]}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
    />,
    { surrogateKeys: [LATEST_KEY] },
  )
}
