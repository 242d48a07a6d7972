// RSS 2.0, Atom 1.0 and JSON Feed 1.1 over real HTTP on every database: parsed by an independent
// parser, checked against the specs' required elements and against the database.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle } from '../src/articles/articles.service.ts'
import { systemActor } from '../src/context.ts'
import { createUser } from '../src/users/users.service.ts'
import { testEngines } from './helpers/databases.ts'
import { makeAuthor, paragraphs } from './helpers/factories.ts'
import {
  HIDDEN_MARKERS,
  publishedRows,
  type SyndicationIds,
  seedSyndication,
} from './helpers/syndication-data.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'
import { type Parsed, parseXml, textOf } from './helpers/xml-parse.ts'

const SITE = 'https://news.example'
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: feeds`, () => {
    let t: TestApp
    let ids: SyndicationIds

    beforeAll(async () => {
      t = await startTestApp(engine)
      ids = await seedSyndication(t.ctx)
    })
    afterAll(async () => t?.close())

    async function fetchRss(path: string): Promise<Parsed> {
      const response = await t.get(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
      return parseXml(await response.text()).rss
    }

    it('serves the site RSS feed with every required element, in database order', async () => {
      const rss = await fetchRss('/feed/rss.xml')
      expect(rss['@version']).toBe('2.0')
      const channel = rss.channel
      // RSS 2.0 requires title, link and description on the channel.
      expect(textOf(channel.title)).toBe('Dateline Daily')
      expect(textOf(channel.link)).toBe(`${SITE}/`)
      expect(textOf(channel.description)).not.toBe('')
      expect(textOf(channel.language)).toBe('en')
      const self = channel['atom:link'].find((l: Parsed) => l['@rel'] === 'self')
      expect(self).toMatchObject({ '@href': `${SITE}/feed/rss.xml`, '@type': 'application/rss+xml' })

      const rows = await publishedRows(t.ctx, TEST_NOW)
      const items = channel.item as Parsed[]
      expect(items.map((i) => textOf(i.link))).toEqual(rows.map((r) => `${SITE}/${r.section_slug}/${r.slug}`))
      const newest =
        rows
          .map((r) => r.updated_at)
          .sort()
          .at(-1) ?? ''
      expect(textOf(channel.lastBuildDate)).toBe(new Date(newest).toUTCString())
      for (const [i, item] of items.entries()) {
        const row = rows[i]!
        expect(textOf(item.title)).toBe(row.headline)
        expect(item.guid).toMatchObject({ '@isPermaLink': 'true', '#text': textOf(item.link) })
        // RFC 822 in GMT, the same instant as stored.
        expect(textOf(item.pubDate)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
        expect(Date.parse(textOf(item.pubDate))).toBe(Date.parse(row.published_at ?? ''))
        expect(textOf(item.description)).toBe(row.excerpt ?? row.auto_excerpt)
        expect(item.author).toBeUndefined()
      }
    })

    it('names bylines with dc:creator, sections and tags as categories, and the lead image', async () => {
      const rss = await fetchRss('/feed/rss.xml')
      const lead = (rss.channel.item as Parsed[]).find(
        (i) => textOf(i.link) === `${SITE}/politics/water-and-power`,
      )
      expect(textOf(lead.title)).toBe('Water & power: "</script><script>alert(1)</script>" in Kabul')
      expect(lead['dc:creator']).toEqual(['Maryam Sadat', 'AT News'])
      expect(lead.category.map(textOf)).toEqual(['Politics', 'Kabul', 'Water'])
      expect(lead.category[0]['@domain']).toBe(`${SITE}/politics/`)
      expect(lead.enclosure).toMatchObject({
        '@url': `${SITE}/media/demo/council.jpg`,
        '@length': '123456',
        '@type': 'image/jpeg',
      })
      expect(lead['media:content']).toMatchObject({
        '@url': `${SITE}/media/demo/council.jpg`,
        '@medium': 'image',
      })
      const content = textOf(lead['content:encoded'])
      expect(content).toContain('Members voted 9 to 4 for new wells.')
      expect(content).toContain('KABUL —')
      // Links in the body are absolute: a feed reader has no page to resolve them against.
      expect(content).toContain(`href="${SITE}/politics/"`)
    })

    it('serves Atom 1.0 with the required feed and entry elements', async () => {
      const response = await t.get('/feed/atom.xml')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
      const feed = parseXml(await response.text()).feed
      expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom')
      expect(textOf(feed.id)).toBe(`${SITE}/feed/atom.xml`)
      expect(textOf(feed.title)).toBe('Dateline Daily')
      expect(textOf(feed.updated)).toMatch(RFC3339)
      expect(feed.link.find((l: Parsed) => l['@rel'] === 'self')['@href']).toBe(`${SITE}/feed/atom.xml`)
      const rows = await publishedRows(t.ctx, TEST_NOW)
      const entries = feed.entry as Parsed[]
      expect(entries).toHaveLength(rows.length)
      for (const [i, entry] of entries.entries()) {
        const row = rows[i]!
        expect(textOf(entry.id)).toBe(`tag:news.example,${row.published_at?.slice(0, 10)}:article/${row.id}`)
        expect(textOf(entry.title)).toBe(row.headline)
        expect(textOf(entry.updated)).toMatch(RFC3339)
        expect(Date.parse(textOf(entry.updated))).toBe(Date.parse(row.updated_at))
        expect(Date.parse(textOf(entry.published))).toBe(Date.parse(row.published_at ?? ''))
        const alternate = entry.link.find((l: Parsed) => l['@rel'] === 'alternate')
        expect(alternate['@href']).toBe(`${SITE}/${row.section_slug}/${row.slug}`)
        expect(entry.content['@type']).toBe('html')
        expect(entry.author.length).toBeGreaterThan(0)
      }
      const lead = entries.find((e) => e.id === `tag:news.example,2026-11-26:article/${ids.lead}`)
      expect(textOf(lead.published)).toBe('2026-11-26T10:00:00+04:30')
      expect(lead.author.map((a: Parsed) => [textOf(a.name), textOf(a.uri)])).toEqual([
        ['Maryam Sadat', `${SITE}/author/maryam-sadat/`],
        ['AT News', `${SITE}/author/at-news/`],
      ])
      expect(lead.category.map((c: Parsed) => c['@term'])).toEqual(['Politics', 'Kabul', 'Water'])
      expect(textOf(lead.summary)).toBe('The council argued about water & power until late.')
    })

    it('serves JSON Feed 1.1 with the required fields', async () => {
      const response = await t.get('/feed/feed.json')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
      const feed = JSON.parse(await response.text())
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
      expect(feed.title).toBe('Dateline Daily')
      expect(feed.home_page_url).toBe(`${SITE}/`)
      expect(feed.feed_url).toBe(`${SITE}/feed/feed.json`)
      expect(feed.language).toBe('en')
      const rows = await publishedRows(t.ctx, TEST_NOW)
      expect(feed.items.map((i: Parsed) => i.id)).toEqual(
        rows.map((r) => `${SITE}/${r.section_slug}/${r.slug}`),
      )
      for (const item of feed.items) {
        expect(typeof item.id).toBe('string')
        expect(item.url).toBe(item.id)
        expect(typeof item.content_html).toBe('string')
        expect(item.date_published).toMatch(RFC3339)
        expect(item.date_modified).toMatch(RFC3339)
        expect(item.authors.length).toBeGreaterThan(0)
      }
      const lead = feed.items[0]
      expect(lead.image).toBe(`${SITE}/media/demo/council.jpg`)
      expect(lead.authors).toEqual([
        { name: 'Maryam Sadat', url: `${SITE}/author/maryam-sadat/` },
        { name: 'AT News', url: `${SITE}/author/at-news/` },
      ])
      expect(lead.tags).toEqual(['Politics', 'Kabul', 'Water'])
      expect(lead.language).toBe('en')
    })

    it('serves feeds for a section (subsections included), a tag and a byline, and 404 for unknown ones', async () => {
      const links = async (path: string) =>
        ((await fetchRss(path)).channel.item as Parsed[] | undefined)?.map((i) => textOf(i.link)) ?? []
      expect(await links('/feed/section/politics/rss.xml')).toEqual([
        `${SITE}/politics/water-and-power`,
        `${SITE}/elections/election-commission-sets-a-date`,
      ])
      expect(await links('/feed/tag/kabul/rss.xml')).toEqual([
        `${SITE}/politics/water-and-power`,
        `${SITE}/sport/cricket-team-wins-at-home`,
      ])
      expect(await links('/feed/author/at-news/rss.xml')).toEqual([
        `${SITE}/politics/water-and-power`,
        `${SITE}/elections/election-commission-sets-a-date`,
      ])
      // A byline or tag that only hidden stories carry has an empty feed.
      expect(await links('/feed/author/hidden-byline/rss.xml')).toEqual([])
      expect(await links('/feed/tag/draftonlytag/rss.xml')).toEqual([])
      const atom = parseXml(await (await t.get('/feed/section/politics/atom.xml')).text()).feed
      expect(textOf(atom.id)).toBe(`${SITE}/feed/section/politics/atom.xml`)
      const json = JSON.parse(await (await t.get('/feed/tag/kabul/feed.json')).text())
      expect(json.items).toHaveLength(2)
      for (const path of [
        '/feed/section/nope/rss.xml',
        '/feed/tag/nope/atom.xml',
        '/feed/author/nope/feed.json',
      ])
        expect((await t.get(path)).status).toBe(404)
      expect((await t.get('/feed.xml')).headers.get('location')).toBe('/feed/rss.xml')
    })

    it('never lists a draft, a story scheduled for later or a withdrawn one', async () => {
      for (const path of [
        '/feed/rss.xml',
        '/feed/atom.xml',
        '/feed/feed.json',
        '/feed/section/politics/rss.xml',
        '/feed/author/hidden-byline/feed.json',
      ]) {
        const body = await (await t.get(path)).text()
        for (const marker of HIDDEN_MARKERS.filter((m) => m !== 'Hidden Byline' && m !== 'draftonlytag'))
          expect(body, `${path} shows ${marker}`).not.toContain(marker)
      }
      const site = await (await t.get('/feed/rss.xml')).text()
      for (const marker of HIDDEN_MARKERS) expect(site).not.toContain(marker)
    })

    it('answers conditional requests with 304 by ETag and by Last-Modified', async () => {
      const first = await t.get('/feed/atom.xml')
      const etag = first.headers.get('etag')
      const lastModified = first.headers.get('last-modified')
      expect(etag).toBeTruthy()
      expect(lastModified).toBeTruthy()
      expect(first.headers.get('surrogate-key')?.split(' ')).toContain('feeds')
      const byEtag = await t.get('/feed/atom.xml', { headers: { 'if-none-match': etag ?? '' } })
      expect(byEtag.status).toBe(304)
      const byDate = await t.get('/feed/atom.xml', { headers: { 'if-modified-since': lastModified ?? '' } })
      expect(byDate.status).toBe(304)
      // And on a feed not yet in the cache.
      const fresh = await t.get('/feed/tag/water/rss.xml', {
        headers: { 'if-modified-since': lastModified ?? '' },
      })
      expect(fresh.status).toBe(304)
      const older = new Date(Date.parse(lastModified ?? '') - 1000).toUTCString()
      expect((await t.get('/feed/atom.xml', { headers: { 'if-modified-since': older } })).status).toBe(200)
    })

    it('links the site feeds from every page and a listing’s own feeds from its page', async () => {
      const pages: [string, string | undefined][] = [
        ['/', undefined],
        ['/politics/water-and-power', undefined],
        ['/politics/', '/feed/section/politics/'],
        ['/tag/kabul/', '/feed/tag/kabul/'],
        ['/author/at-news/', '/feed/author/at-news/'],
        ['/latest/', undefined],
        ['/2026/11/', undefined],
        ['/no-such-page/', undefined],
      ]
      for (const [path, own] of pages) {
        const $ = cheerio.load(await (await t.get(path)).text())
        const alternates = $('head link[rel="alternate"][type]')
          .toArray()
          .map((l) => ({ type: $(l).attr('type'), href: $(l).attr('href'), title: $(l).attr('title') }))
        expect(alternates, path).toEqual(
          expect.arrayContaining([
            { type: 'application/rss+xml', href: `${SITE}/feed/rss.xml`, title: 'Dateline Daily (RSS)' },
            { type: 'application/atom+xml', href: `${SITE}/feed/atom.xml`, title: 'Dateline Daily (Atom)' },
            {
              type: 'application/feed+json',
              href: `${SITE}/feed/feed.json`,
              title: 'Dateline Daily (JSON Feed)',
            },
          ]),
        )
        if (own) {
          for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
            const link = alternates.find((a) => a.href === `${SITE}${own}${file}`)
            expect(link, `${path} → ${file}`).toBeDefined()
            expect((await t.get(`${own}${file}`)).status).toBe(200)
          }
        }
      }
    })

    it('carries excerpts only when the newsroom turns full content off', async () => {
      await t.ctx.db
        .insertInto('settings')
        .values({ key: 'feeds_full_content', value: '0', updated_at: TEST_NOW.toISOString() })
        .execute()
      t.ctx.settingsCache?.clear()
      await t.ctx.events.emitSiteChange({
        type: 'site.changed',
        what: 'settings',
        at: TEST_NOW.toISOString(),
      })
      try {
        const rss = await fetchRss('/feed/rss.xml')
        expect(rss.channel.item[0]['content:encoded']).toBeUndefined()
        expect(textOf(rss.channel.item[0].description)).not.toBe('')
        const atom = parseXml(await (await t.get('/feed/atom.xml')).text()).feed
        expect(atom.entry[0].content).toBeUndefined()
        const json = JSON.parse(await (await t.get('/feed/feed.json')).text())
        expect(json.items[0].content_html).toBeUndefined()
        expect(json.items[0].content_text).toBe('The council argued about water & power until late.')
      } finally {
        await t.ctx.db.deleteFrom('settings').where('key', '=', 'feeds_full_content').execute()
        t.ctx.settingsCache?.clear()
        await t.ctx.events.emitSiteChange({
          type: 'site.changed',
          what: 'settings',
          at: TEST_NOW.toISOString(),
        })
      }
    })

    it('shows a story in the site, section and byline feeds as soon as it is published (no stale cache)', async () => {
      const paths = ['/feed/rss.xml', '/feed/section/sport/atom.xml', '/feed/author/maryam-sadat/feed.json']
      for (const path of paths) {
        await t.get(path)
        expect((await t.get(path)).headers.get('x-cache')).toBe('HIT')
      }
      await createArticle(t.ctx, systemActor('test'), {
        headline: 'Breaking: new stadium opens',
        slug: 'new-stadium-opens',
        bodyHtml: paragraphs('A new stadium opened today.'),
        sectionId: ids.sport,
        authorIds: [ids.maryam],
        status: 'published',
        publishedAt: new Date(TEST_NOW.getTime() - 60_000).toISOString(),
      })
      for (const path of paths) {
        const body = await (await t.get(path)).text()
        expect(body, path).toContain('Breaking: new stadium opens')
      }
    })

    it('never reveals the account behind a pseudonymous byline, in any feed or on the page', async () => {
      const userId = await createUser(t.ctx, {
        email: 'real.person@newsroom.example',
        displayName: 'Real Person Name',
        role: 'author',
        password: 'a long passphrase for the test 42',
      })
      const owl = await makeAuthor(t.ctx, { slug: 'night-owl', name: 'Night Owl', isPseudonym: true, userId })
      await createArticle(t.ctx, systemActor('test'), {
        headline: 'Inside the ministry',
        slug: 'inside-the-ministry',
        bodyHtml: paragraphs('A report from inside.'),
        sectionId: ids.politics,
        authorIds: [owl],
        status: 'published',
        publishedAt: new Date(TEST_NOW.getTime() - 30_000).toISOString(),
      })
      for (const path of [
        '/feed/rss.xml',
        '/feed/atom.xml',
        '/feed/feed.json',
        '/feed/author/night-owl/rss.xml',
        '/politics/inside-the-ministry',
        '/author/night-owl/',
        '/sitemaps/pages.xml',
      ]) {
        const body = await (await t.get(path)).text()
        expect(body, path).toMatch(/Night Owl|night-owl/)
        for (const secret of ['real.person', 'Real Person Name', 'newsroom.example'])
          expect(body, `${path} reveals ${secret}`).not.toContain(secret)
      }
    })
  })
}
