import type { FastifyReply } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import { tagKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { pagedUrl } from '../sections/sections.site.tsx'
import { listingPageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { readerLanguage } from '../settings/settings.service.ts'
import { ListingPage } from '../views/listing-page.tsx'
import { findTagBySlug } from './tags.service.ts'

/** GET /tag/{slug}/ */
export async function showTag(
  ctx: AppContext,
  reply: FastifyReply,
  slug: string,
  page: number,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug)) throw new NotFoundError()
  const tag = await findTagBySlug(ctx, slug)
  if (!tag) throw new NotFoundError()
  const result = await listPublishedSummaries(
    ctx,
    { language: await readerLanguage(ctx), tagId: tag.id },
    page,
  )
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, undefined, reply.request)
  const urlFor = (n: number) => pagedUrl(tag.url, n)
  const description = `Stories about ${tag.name} from ${chrome.siteName}.`
  const meta = listingPageMeta(
    { publisher: await sitePublisher(ctx), siteUrl: ctx.config.siteUrl },
    {
      title: tag.name,
      description,
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
      feedScope: { kind: 'tag', slug: tag.slug },
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
        { name: 'Home', url: '/' },
        { name: tag.name, url: tag.url },
      ]}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
    />,
    { surrogateKeys: [tagKey(tag.id)] },
  )
}
