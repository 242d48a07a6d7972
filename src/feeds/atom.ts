// Atom 1.0 (RFC 4287). Dates are RFC 3339 with the site's offset; entry ids are tag: URIs of the
// story's number, so changing a slug does not make readers see a story twice.
import { toZonedIso } from '../lib/time.ts'
import type { FeedData, FeedEntry } from './feeds.service.ts'
import { el, renderXmlDocument, type XmlElement } from './xml.ts'

function entry(item: FeedEntry, timeZone: string): XmlElement {
  const image = item.image
  return el(
    'entry',
    {},
    el('id', {}, item.tagUri),
    el('title', { type: 'text' }, item.title),
    el('updated', {}, toZonedIso(item.updatedAt, timeZone)),
    el('published', {}, toZonedIso(item.publishedAt, timeZone)),
    el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    ...item.authors.map((a) => el('author', {}, el('name', {}, a.name), el('uri', {}, a.url))),
    ...item.categories.map((c) => el('category', { term: c.name, scheme: c.url })),
    el('summary', { type: 'text' }, item.summary),
    item.contentHtml !== undefined && el('content', { type: 'html' }, item.contentHtml),
    image && el('link', { rel: 'enclosure', type: image.mimeType, length: image.bytes, href: image.url }),
  )
}

export function renderAtom(feed: FeedData): string {
  return renderXmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language },
      // The feed's own address is its permanent id: it never changes while the feed exists.
      el('id', {}, feed.selfUrls.atom),
      el('title', { type: 'text' }, feed.title),
      el('subtitle', { type: 'text' }, feed.description),
      el('updated', {}, toZonedIso(feed.updatedAt, feed.timeZone)),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrls.atom }),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.homePageUrl }),
      // Every entry names its bylines; the publication stands for the feed as a whole.
      el('author', {}, el('name', {}, feed.siteName), el('uri', {}, `${feed.siteUrl}/`)),
      el('generator', {}, 'Dateline'),
      el('icon', {}, feed.iconUrl),
      ...feed.entries.map((e) => entry(e, feed.timeZone)),
    ),
  )
}
