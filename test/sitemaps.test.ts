// Sitemap index → child sitemaps → pages, the Google News sitemap and robots.txt over real HTTP on
// every database, parsed by an independent parser and checked against the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle } from '../src/articles/articles.service.ts'
import { systemActor } from '../src/context.ts'
import { testEngines } from './helpers/databases.ts'
import { paragraphs } from './helpers/factories.ts'
import {
  HIDDEN_MARKERS,
  publishedRows,
  type SyndicationIds,
  seedSyndication,
} from './helpers/syndication-data.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'
import { type Parsed, parseXml, textOf } from './helpers/xml-parse.ts'

const SITE = 'https://news.example'
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+04:30$/
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: sitemaps and robots.txt`, () => {
    let t: TestApp
    let ids: SyndicationIds

    beforeAll(async () => {
      t = await startTestApp(engine)
      ids = await seedSyndication(t.ctx)
    })
    afterAll(async () => t?.close())

    const local = (url: string) => {
      expect(url.startsWith(`${SITE}/`), url).toBe(true)
      return url.slice(SITE.length)
    }

    async function fetchXml(path: string): Promise<Parsed> {
      const response = await t.get(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8')
      expect(response.headers.get('surrogate-key')?.split(' ') ?? ['sitemaps'], path).toContain('sitemaps')
      return parseXml(await response.text())
    }

    it('indexes the child sitemaps, every one of which resolves, and every URL in them answers 200', async () => {
      const index = (await fetchXml('/sitemap.xml')).sitemapindex
      expect(index['@xmlns']).toBe(SITEMAP_NS)
      const children = (index.sitemap as Parsed[]).map((s) => textOf(s.loc))
      expect(children).toEqual([
        `${SITE}/sitemaps/pages.xml`,
        `${SITE}/sitemaps/news.xml`,
        `${SITE}/sitemaps/posts-2026-10.xml`,
        `${SITE}/sitemaps/posts-2026-11.xml`,
      ])
      for (const s of index.sitemap as Parsed[])
        if (s.lastmod) expect(textOf(s.lastmod)).toMatch(W3C_DATETIME)
      const urls: string[] = []
      for (const child of children) {
        const set = (await fetchXml(local(child))).urlset
        expect(set['@xmlns']).toBe(SITEMAP_NS)
        expect((set.url ?? []).length).toBeLessThanOrEqual(50_000)
        urls.push(...((set.url ?? []) as Parsed[]).map((u) => textOf(u.loc)))
      }
      for (const url of new Set(urls)) expect((await t.get(local(url))).status, url).toBe(200)
    })

    it('lists each month’s published stories with lastmod from the database and their lead images', async () => {
      const rows = await publishedRows(t.ctx, TEST_NOW)
      const november = ((await fetchXml('/sitemaps/posts-2026-11.xml')).urlset.url as Parsed[]).map((u) => ({
        loc: textOf(u.loc),
        lastmod: textOf(u.lastmod),
        image: u['image:image'] ? textOf(u['image:image']['image:loc']) : undefined,
      }))
      const expected = rows.filter((r) => r.published_at?.startsWith('2026-11'))
      expect(november.map((u) => u.loc).sort()).toEqual(
        expected.map((r) => `${SITE}/${r.section_slug}/${r.slug}`).sort(),
      )
      for (const u of november) {
        const row = expected.find((r) => u.loc.endsWith(`/${r.slug}`))!
        expect(u.lastmod).toMatch(W3C_DATETIME)
        expect(Date.parse(u.lastmod)).toBe(Date.parse(row.updated_at))
      }
      expect(november.find((u) => u.loc.endsWith('/water-and-power'))?.image).toBe(
        `${SITE}/media/demo/council.jpg`,
      )
      expect(november.find((u) => u.loc.endsWith('/election-commission-sets-a-date'))?.image).toBeUndefined()
      const october = (await fetchXml('/sitemaps/posts-2026-10.xml')).urlset.url as Parsed[]
      expect(october.map((u) => textOf(u.loc))).toEqual([`${SITE}/sport/cricket-team-wins-at-home`])
      const xml = await (await t.get('/sitemaps/posts-2026-11.xml')).text()
      expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"')
    })

    it('names the home page, sections (parents of busy subsections too), tags and bylines with stories', async () => {
      const locs = ((await fetchXml('/sitemaps/pages.xml')).urlset.url as Parsed[]).map((u) => textOf(u.loc))
      expect(locs).toEqual(
        expect.arrayContaining([
          `${SITE}/`,
          `${SITE}/latest/`,
          `${SITE}/politics/`,
          `${SITE}/elections/`,
          `${SITE}/sport/`,
          `${SITE}/tag/kabul/`,
          `${SITE}/tag/water/`,
          `${SITE}/author/maryam-sadat/`,
          `${SITE}/author/at-news/`,
        ]),
      )
      expect(locs).not.toContain(`${SITE}/author/hidden-byline/`)
      expect(locs).not.toContain(`${SITE}/tag/draftonlytag/`)
    })

    it('lists only the last 48 hours in the news sitemap, with every field Google requires', async () => {
      const response = await t.get('/sitemaps/news.xml')
      const xml = await response.text()
      expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')
      const urls = parseXml(xml).urlset.url as Parsed[]
      // The November 10 and October stories are older than two days; hidden stories never appear.
      expect(urls.map((u) => textOf(u.loc))).toEqual([`${SITE}/politics/water-and-power`])
      const news = urls[0]['news:news']
      expect(textOf(news['news:publication']['news:name'])).toBe('Dateline Daily')
      expect(textOf(news['news:publication']['news:language'])).toBe('en')
      expect(textOf(news['news:publication_date'])).toBe('2026-11-26T10:00:00+04:30')
      expect(textOf(news['news:title'])).toBe('Water & power: "</script><script>alert(1)</script>" in Kabul')
    })

    it('answers 404 for story sitemaps of months without stories and for malformed names', async () => {
      for (const path of [
        '/sitemaps/posts-2025-01.xml',
        '/sitemaps/posts-2026-13.xml',
        '/sitemaps/posts-2026-11-2.xml',
        '/sitemaps/other.xml',
      ])
        expect((await t.get(path)).status, path).toBe(404)
    })

    it('serves robots.txt naming the sitemap index and the news sitemap', async () => {
      const response = await t.get('/robots.txt')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      const lines = (await response.text()).split('\n')
      expect(lines).toContain('User-agent: *')
      expect(lines).toContain('Disallow: /admin/')
      expect(lines).toContain('Disallow: /search')
      expect(lines).toContain(`Sitemap: ${SITE}/sitemap.xml`)
      expect(lines).toContain(`Sitemap: ${SITE}/sitemaps/news.xml`)
    })

    it('never names a draft, a scheduled or a withdrawn story', async () => {
      for (const path of [
        '/sitemap.xml',
        '/sitemaps/pages.xml',
        '/sitemaps/news.xml',
        '/sitemaps/posts-2026-11.xml',
      ]) {
        const body = await (await t.get(path)).text()
        for (const slug of ['secret-draft', 'scheduled-later', 'withdrawn-story', ...HIDDEN_MARKERS])
          expect(body, `${path} names ${slug}`).not.toContain(slug)
      }
    })

    it('answers If-Modified-Since with 304', async () => {
      const first = await t.get('/sitemaps/posts-2026-11.xml')
      const lastModified = first.headers.get('last-modified') ?? ''
      expect(lastModified).not.toBe('')
      const again = await t.get('/sitemaps/posts-2026-11.xml', {
        headers: { 'if-modified-since': lastModified },
      })
      expect(again.status).toBe(304)
    })

    it('names a story in the index, its month and the news sitemap as soon as it is published', async () => {
      for (const path of ['/sitemaps/news.xml', '/sitemaps/posts-2026-11.xml', '/sitemap.xml']) {
        await t.get(path)
        expect((await t.get(path)).headers.get('x-cache')).toBe('HIT')
      }
      await createArticle(t.ctx, systemActor('test'), {
        headline: 'Minister resigns',
        slug: 'minister-resigns',
        bodyHtml: paragraphs('The minister resigned this morning.'),
        sectionId: ids.politics,
        authorIds: [ids.maryam],
        status: 'published',
        publishedAt: new Date(TEST_NOW.getTime() - 60_000).toISOString(),
      })
      expect(await (await t.get('/sitemaps/news.xml')).text()).toContain(`${SITE}/politics/minister-resigns`)
      expect(await (await t.get('/sitemaps/posts-2026-11.xml')).text()).toContain(
        `${SITE}/politics/minister-resigns`,
      )
      const index = (await fetchXml('/sitemap.xml')).sitemapindex.sitemap as Parsed[]
      const month = index.find((s) => textOf(s.loc).endsWith('posts-2026-11.xml'))
      expect(Date.parse(textOf(month.lastmod))).toBe(TEST_NOW.getTime() - 60_000)
    })
  })
}
