import type { FastifyReply } from 'fastify'
import { countPublished, listPublishedSummaries } from '../articles/articles.service.ts'
import { archiveKey, listedStoryKeys } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { zonedMonthRange } from '../lib/time.ts'
import { pagedUrl } from '../sections/sections.site.tsx'
import { hreflangAlternates } from '../seo/hreflang.ts'
import { listingPageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { ListingPage } from '../views/listing-page.tsx'

export function monthArchiveUrl(year: number, month: number): string {
  return `/${year}/${String(month).padStart(2, '0')}/`
}

/**
 * GET /{yyyy}/{mm}/ (/fa/{yyyy}/{mm}/ in Dari): the stories in the page's language published in
 * that calendar month, in the site's time zone. Its hreflang alternates name only the languages
 * that published in that month: the others have no such page.
 */
export async function showMonthArchive(
  ctx: AppContext,
  reply: FastifyReply,
  yearText: string,
  monthText: string,
  page: number,
  language: string,
): Promise<FastifyReply> {
  const year = Number(yearText)
  const month = Number(monthText)
  if (!/^\d{4}$/.test(yearText) || !/^\d{2}$/.test(monthText) || month < 1 || month > 12 || year < 1900) {
    throw new NotFoundError()
  }
  const settings = await getSiteSettings(ctx)
  const range = zonedMonthRange(year, month, settings.timeZone)
  const result = await listPublishedSummaries(ctx, { language, publishedBetween: range }, page)
  if (result.total === 0 || page > result.pageCount)
    throw new NotFoundError('No stories were published in that month.')
  const chrome = await buildChrome(ctx, language, reply.request)
  const base = chrome.locale.path(monthArchiveUrl(year, month))
  const urlFor = (n: number) => pagedUrl(base, n)
  const title = chrome.locale.formatMonth(year, month)
  const counts = await Promise.all(
    SITE_LANGUAGES.map((code) => countPublished(ctx, { language: code, publishedBetween: range })),
  )
  const versions = SITE_LANGUAGES.filter((_code, i) => (counts[i] ?? 0) > 0).map((code) => ({
    language: code,
    url: localizedPath(monthArchiveUrl(year, month), code, settings.defaultLanguage),
  }))
  const meta = listingPageMeta(
    {
      publisher: await sitePublisher(ctx, language),
      siteUrl: ctx.config.siteUrl,
      alternates: hreflangAlternates(ctx.config.siteUrl, versions, settings.defaultLanguage),
    },
    {
      title,
      description: chrome.locale.t('site.archiveDescription', { month: title }),
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
    },
  )
  return sendPage(
    reply,
    <ListingPage
      chrome={chrome}
      title={title}
      description={chrome.locale.t('site.archiveDescription', { month: title })}
      meta={meta}
      crumbs={[
        { name: chrome.locale.t('site.home'), url: chrome.locale.path('/') },
        { name: title, url: base },
      ]}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
    />,
    { surrogateKeys: [archiveKey(year, month), ...listedStoryKeys(result.items)] },
  )
}
