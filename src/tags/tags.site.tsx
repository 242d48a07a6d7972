import type { FastifyReply } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import { listedStoryKeys, tagKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { pagedUrl } from '../sections/sections.site.tsx'
import { listingAlternates } from '../seo/hreflang.ts'
import { listingPageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { ListingPage } from '../views/listing-page.tsx'
import { findTagBySlug } from './tags.service.ts'

/** GET /tag/{slug}/ (/fa/tag/{slug}/ in Dari): the tag's stories in the page's language. */
export async function showTag(
  ctx: AppContext,
  reply: FastifyReply,
  slug: string,
  page: number,
  language: string,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug)) throw new NotFoundError()
  const tag = await findTagBySlug(ctx, slug)
  if (!tag) throw new NotFoundError()
  const result = await listPublishedSummaries(ctx, { language, tagId: tag.id }, page)
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, language, reply.request)
  const tagPath = chrome.locale.path(tag.url)
  const urlFor = (n: number) => pagedUrl(tagPath, n)
  const description = chrome.locale.t('site.tagDescription', { tag: tag.name, siteName: chrome.siteName })
  const meta = listingPageMeta(
    {
      publisher: await sitePublisher(ctx, language),
      siteUrl: ctx.config.siteUrl,
      alternates: listingAlternates(
        ctx.config.siteUrl,
        pagedUrl(tag.url, page),
        chrome.locale.defaultLanguage,
      ),
    },
    {
      title: tag.name,
      description,
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
      feedScope: { kind: 'tag', slug: tag.slug },
      localize: chrome.locale.path,
    },
  )
  return sendPage(
    reply,
    <ListingPage
      chrome={chrome}
      title={tag.name}
      description={description}
      meta={meta}
      crumbs={[
        { name: chrome.locale.t('site.home'), url: chrome.locale.path('/') },
        { name: tag.name, url: tagPath },
      ]}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
    />,
    { surrogateKeys: [tagKey(tag.id), ...listedStoryKeys(result.items)] },
  )
}
