import type { FastifyReply } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import { archiveKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { formatMonth, zonedMonthRange } from '../lib/time.ts'
import { pagedUrl } from '../sections/sections.site.tsx'
import { getSiteSettings } from '../settings/settings.service.ts'
import { ListingPage } from '../views/listing-page.tsx'

export function monthArchiveUrl(year: number, month: number): string {
  return `/${year}/${String(month).padStart(2, '0')}/`
}

/** GET /{yyyy}/{mm}/: the stories published in that calendar month, in the site's time zone. */
export async function showMonthArchive(
  ctx: AppContext,
  reply: FastifyReply,
  yearText: string,
  monthText: string,
  page: number,
): Promise<FastifyReply> {
  const year = Number(yearText)
  const month = Number(monthText)
  if (!/^\d{4}$/.test(yearText) || !/^\d{2}$/.test(monthText) || month < 1 || month > 12 || year < 1900) {
    throw new NotFoundError()
  }
  const settings = await getSiteSettings(ctx)
  const range = zonedMonthRange(year, month, settings.timeZone)
  const result = await listPublishedSummaries(
    ctx,
    { language: settings.defaultLanguage, publishedBetween: range },
    page,
  )
  if (result.total === 0 || page > result.pageCount)
    throw new NotFoundError('No stories were published in that month.')
  const chrome = await buildChrome(ctx, undefined, reply.request)
  const base = monthArchiveUrl(year, month)
  const urlFor = (n: number) => pagedUrl(base, n)
  const title = formatMonth(year, month)
  return sendPage(
    reply,
    <ListingPage
      chrome={chrome}
      title={title}
      description={`Stories published in ${title}.`}
      crumbs={[
        { name: 'Home', url: '/' },
        { name: title, url: base },
      ]}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
    />,
    { surrogateKeys: [archiveKey(year, month)] },
  )
}
