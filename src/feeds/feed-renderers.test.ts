import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { renderAtom } from './atom.ts'
import { absolutizeHtml, articleTagUri, type FeedData, type FeedEntry } from './feeds.service.ts'
import { renderJsonFeed } from './json-feed.ts'
import { renderRss, toRfc822 } from './rss.ts'

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false })

const SITE = 'https://news.example'

function feed(entries: FeedEntry[]): FeedData {
  return {
    title: 'Kabul Daily',
    description: 'News',
    language: 'fa',
    homePageUrl: `${SITE}/`,
    selfUrls: { rss: `${SITE}/feed/rss.xml`, atom: `${SITE}/feed/atom.xml`, json: `${SITE}/feed/feed.json` },
    updatedAt: '2026-11-26T05:30:00.000Z',
    siteName: 'Kabul Daily',
    siteUrl: SITE,
    timeZone: 'Asia/Kabul',
    iconUrl: `${SITE}/logo.png`,
    entries,
    surrogateKeys: ['feeds'],
  }
}

const entry: FeedEntry = {
  url: `${SITE}/politics/a`,
  tagUri: articleTagUri(SITE, 7, '2026-11-26T05:30:00.000Z'),
  title: 'سرخط \u0007 with a bell',
  summary: 'خلاصه',
  contentHtml: undefined,
  publishedAt: '2026-11-26T05:30:00.000Z',
  updatedAt: '2026-11-26T06:00:00.000Z',
  authors: [{ name: 'AT News', url: `${SITE}/author/at-news/` }],
  categories: [{ name: 'Politics', url: `${SITE}/politics/` }],
  image: undefined,
  language: 'fa',
}

describe('feed renderers', () => {
  it('write valid, empty feeds with their required elements', () => {
    for (const xml of [renderRss(feed([])), renderAtom(feed([]))])
      expect(XMLValidator.validate(xml)).toBe(true)
    const rss = parser.parse(renderRss(feed([]))).rss.channel
    expect([rss.title, rss.link, rss.description]).toEqual(['Kabul Daily', `${SITE}/`, 'News'])
    const atom = parser.parse(renderAtom(feed([]))).feed
    expect(atom.id).toBe(`${SITE}/feed/atom.xml`)
    expect(atom.updated).toBe('2026-11-26T10:00:00+04:30')
    expect(atom.author.name).toBe('Kabul Daily')
    const json = JSON.parse(renderJsonFeed(feed([])))
    expect(json).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Kabul Daily',
      items: [],
    })
  })

  it('drop illegal characters, keep Persian text, and give excerpt-only JSON items content_text', () => {
    const rss = parser.parse(renderRss(feed([entry]))).rss.channel.item
    expect(rss.title).toBe('سرخط  with a bell')
    expect(rss.pubDate).toBe('Thu, 26 Nov 2026 05:30:00 GMT')
    const atom = parser.parse(renderAtom(feed([entry]))).feed.entry
    expect(atom.id).toBe('tag:news.example,2026-11-26:article/7')
    expect(atom.content).toBeUndefined()
    const item = JSON.parse(renderJsonFeed(feed([entry]))).items[0]
    expect(item.content_text).toBe('خلاصه')
    expect(item.content_html).toBeUndefined()
    expect(item.date_modified).toBe('2026-11-26T10:30:00+04:30')
  })

  it('formats RFC 822 dates in GMT', () => {
    expect(toRfc822('2026-01-02T03:04:05.000Z')).toBe('Fri, 02 Jan 2026 03:04:05 GMT')
  })

  it('makes root-relative links and images absolute and leaves others alone', () => {
    const html =
      '<p><a href="/politics/">x</a> <a href="https://other.example/">y</a> <a href="//cdn.example/z">z</a></p>' +
      '<img src="/media/a.jpg" srcset="/media/a-360.jpg 360w, /media/a-720.jpg 720w">'
    expect(absolutizeHtml(html, SITE)).toBe(
      `<p><a href="${SITE}/politics/">x</a> <a href="https://other.example/">y</a> <a href="//cdn.example/z">z</a></p>` +
        `<img src="${SITE}/media/a.jpg" srcset="${SITE}/media/a-360.jpg 360w, ${SITE}/media/a-720.jpg 720w">`,
    )
  })
})
