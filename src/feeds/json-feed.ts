// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Dates are RFC 3339 with the site's offset.
import { toZonedIso } from '../lib/time.ts'
import type { FeedData, FeedEntry } from './feeds.service.ts'

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

function item(entry: FeedEntry, timeZone: string): Record<string, unknown> {
  return {
    id: entry.url,
    url: entry.url,
    title: entry.title,
    // The spec asks for content_html or content_text: the story, or its excerpt when feeds are short.
    ...(entry.contentHtml !== undefined
      ? { content_html: entry.contentHtml }
      : { content_text: entry.summary }),
    summary: entry.summary,
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: toZonedIso(entry.publishedAt, timeZone),
    date_modified: toZonedIso(entry.updatedAt, timeZone),
    authors: entry.authors.map((a) => ({ name: a.name, url: a.url })),
    tags: entry.categories.map((c) => c.name),
    language: entry.language,
    ...(entry.image
      ? {
          attachments: [
            { url: entry.image.url, mime_type: entry.image.mimeType, size_in_bytes: entry.image.bytes },
          ],
        }
      : {}),
  }
}

export function renderJsonFeed(feed: FeedData): string {
  const document = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.selfUrls.json,
    description: feed.description,
    icon: feed.iconUrl,
    favicon: `${feed.siteUrl}/favicon.svg`,
    language: feed.language,
    authors: [{ name: feed.siteName, url: `${feed.siteUrl}/` }],
    items: feed.entries.map((e) => item(e, feed.timeZone)),
  }
  return JSON.stringify(document)
}
