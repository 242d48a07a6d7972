// RSS 2.0 (https://www.rssboard.org/rss-specification) with the modules feed readers expect:
// atom:link rel=self, dc:creator for bylines (RSS's own <author> must be an e-mail address),
// content:encoded for the whole story and Media RSS beside the enclosure for the lead image.
import type { FeedData, FeedEntry } from './feeds.service.ts'
import { el, renderXmlDocument, type XmlElement } from './xml.ts'

const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
}

/** RFC 822 (as RFC 1123 tightened it) in GMT: "Thu, 26 Nov 2026 05:30:00 GMT". */
export function toRfc822(iso: string): string {
  return new Date(iso).toUTCString()
}

function item(entry: FeedEntry): XmlElement {
  const image = entry.image
  return el(
    'item',
    {},
    el('title', {}, entry.title),
    el('link', {}, entry.url),
    el('guid', { isPermaLink: 'true' }, entry.url),
    el('pubDate', {}, toRfc822(entry.publishedAt)),
    ...entry.authors.map((a) => el('dc:creator', {}, a.name)),
    ...entry.categories.map((c) => el('category', { domain: c.url }, c.name)),
    el('description', {}, entry.summary),
    entry.contentHtml !== undefined && el('content:encoded', {}, entry.contentHtml),
    image && el('enclosure', { url: image.url, length: image.bytes, type: image.mimeType }),
    image &&
      el(
        'media:content',
        {
          url: image.url,
          type: image.mimeType,
          medium: 'image',
          fileSize: image.bytes,
          width: image.width ?? undefined,
          height: image.height ?? undefined,
        },
        image.alt !== '' && el('media:description', { type: 'plain' }, image.alt),
      ),
  )
}

export function renderRss(feed: FeedData): string {
  return renderXmlDocument(
    el(
      'rss',
      { version: '2.0', ...NAMESPACES },
      el(
        'channel',
        {},
        el('title', {}, feed.title),
        el('link', {}, feed.homePageUrl),
        el('description', {}, feed.description),
        el('language', {}, feed.language),
        el('lastBuildDate', {}, toRfc822(feed.updatedAt)),
        el('generator', {}, 'Dateline'),
        el('atom:link', { href: feed.selfUrls.rss, rel: 'self', type: 'application/rss+xml' }),
        el(
          'image',
          {},
          el('url', {}, feed.iconUrl),
          el('title', {}, feed.title),
          el('link', {}, feed.homePageUrl),
        ),
        ...feed.entries.map(item),
      ),
    ),
  )
}
