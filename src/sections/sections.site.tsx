import type { FastifyReply } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import { LATEST_KEY, sectionKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { listingPageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { readerLanguage } from '../settings/settings.service.ts'
import { ListingPage } from '../views/listing-page.tsx'
import { findSectionBySlug, sectionWithDescendantIds } from './sections.service.ts'

export function pagedUrl(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`
}

/** GET /{section}/ and /{section}/page/{n}/: the section's stories, its subsections' included. */
export async function showSection(
  ctx: AppContext,
  reply: FastifyReply,
  slug: string,
  page: number,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug)) throw new NotFoundError()
  const section = await findSectionBySlug(ctx, slug)
  if (!section) throw new NotFoundError()
  const sectionIds = await sectionWithDescendantIds(ctx, section.id)
  const result = await listPublishedSummaries(ctx, { language: await readerLanguage(ctx), sectionIds }, page)
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, undefined, reply.request)
  const urlFor = (n: number) => pagedUrl(section.url, n)
  const description = section.description || `The latest ${section.name} stories from ${chrome.siteName}.`
  const meta = listingPageMeta(
    { publisher: await sitePublisher(ctx), siteUrl: ctx.config.siteUrl },
    {
      title: section.name,
      description,
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
      feedScope: { kind: 'section', slug: section.slug },
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
        { name: 'Home', url: '/' },
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
    { surrogateKeys: [sectionKey(section.id)] },
  )
}

/** GET /latest/: every section together, newest first. */
export async function showLatest(ctx: AppContext, reply: FastifyReply, page: number): Promise<FastifyReply> {
  const result = await listPublishedSummaries(ctx, { language: await readerLanguage(ctx) }, page)
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, undefined, reply.request)
  const urlFor = (n: number) => pagedUrl('/latest/', n)
  const meta = listingPageMeta(
    { publisher: await sitePublisher(ctx), siteUrl: ctx.config.siteUrl },
    {
      title: 'Latest',
      description: `The latest stories from ${chrome.siteName}.`,
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
    },
  )
  return sendPage(
    reply,
    <ListingPage
      chrome={chrome}
      title="Latest"
      description={`The latest stories from ${chrome.siteName}.`}
      meta={meta}
      crumbs={[
        { name: 'Home', url: '/' },
        { name: 'Latest', url: '/latest/' },
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
