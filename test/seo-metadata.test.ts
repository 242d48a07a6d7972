// Metadata in every page's <head> over real HTTP on every database: NewsArticle, CollectionPage,
// ProfilePage, WebSite and Organization JSON-LD parsed from the page and checked field by field;
// Open Graph and Twitter cards; canonical and description on every page type; hidden stories
// nowhere.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from './helpers/databases.ts'
import {
  HIDDEN_MARKERS,
  HOSTILE_HEADLINE,
  type SyndicationIds,
  seedSyndication,
} from './helpers/syndication-data.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const SITE = 'https://news.example'

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON-LD is untyped by nature
type Json = any

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: page metadata`, () => {
    let t: TestApp
    let ids: SyndicationIds

    beforeAll(async () => {
      t = await startTestApp(engine)
      ids = await seedSyndication(t.ctx)
    })
    afterAll(async () => t?.close())

    async function load(path: string): Promise<{ $: cheerio.CheerioAPI; html: string }> {
      const response = await t.get(path)
      expect(response.status, path).toBe(200)
      const html = await response.text()
      return { $: cheerio.load(html), html }
    }

    function jsonLd($: cheerio.CheerioAPI): Json[] {
      return $('script[type="application/ld+json"]')
        .toArray()
        .map((s) => JSON.parse($(s).html() ?? ''))
    }

    const og = ($: cheerio.CheerioAPI, property: string): string[] =>
      $(`meta[property="${property}"]`)
        .toArray()
        .map((m) => $(m).attr('content') ?? '')

    it('describes a story as a NewsArticle with every field, its agency byline as an Organization', async () => {
      const { $ } = await load('/politics/water-and-power')
      const [article, ...rest] = jsonLd($)
      expect(rest).toEqual([])
      expect(article).toEqual({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        mainEntityOfPage: { '@type': 'WebPage', '@id': `${SITE}/politics/water-and-power` },
        url: `${SITE}/politics/water-and-power`,
        headline: HOSTILE_HEADLINE,
        description: 'The council argued about water & power until late.',
        image: [`${SITE}/media/demo/council.jpg`],
        thumbnailUrl: `${SITE}/media/demo/council.jpg`,
        datePublished: '2026-11-26T10:00:00+04:30',
        dateModified: '2026-11-26T10:00:00+04:30',
        author: [
          { '@type': 'Person', name: 'Maryam Sadat', url: `${SITE}/author/maryam-sadat/` },
          { '@type': 'Organization', name: 'AT News', url: `${SITE}/author/at-news/` },
        ],
        publisher: {
          '@type': 'Organization',
          '@id': `${SITE}/#organization`,
          name: 'Dateline Daily',
          url: `${SITE}/`,
          logo: { '@type': 'ImageObject', url: `${SITE}/logo.png`, width: 512, height: 512 },
        },
        dateline: 'Kabul',
        articleSection: 'Politics',
        inLanguage: 'en',
        keywords: ['Kabul', 'Water'],
        wordCount: expect.any(Number),
        isAccessibleForFree: true,
      })
      expect(article.wordCount).toBeGreaterThan(10)
      // The publisher's logo is really there.
      const logo = await t.get('/logo.png')
      expect(logo.status).toBe(200)
      expect(logo.headers.get('content-type')).toBe('image/png')
    })

    it('keeps "</script>" in a headline inside the JSON-LD block', async () => {
      const { html } = await load('/politics/water-and-power')
      const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''
      expect(block).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)')
      expect(JSON.parse(block).headline).toBe(HOSTILE_HEADLINE)
      // The only executable scripts are our own files (there are none inline).
      const $ = cheerio.load(html)
      expect($('script:not([type="application/ld+json"]):not([src])').length).toBe(0)
    })

    it('gives a story Open Graph article tags and a large Twitter card', async () => {
      const { $ } = await load('/politics/water-and-power')
      expect(og($, 'og:type')).toEqual(['article'])
      expect(og($, 'og:title')).toEqual([HOSTILE_HEADLINE])
      expect(og($, 'og:url')).toEqual([`${SITE}/politics/water-and-power`])
      expect(og($, 'og:description')).toEqual(['The council argued about water & power until late.'])
      expect(og($, 'og:site_name')).toEqual(['Dateline Daily'])
      expect(og($, 'og:locale')).toEqual(['en_US'])
      expect(og($, 'og:image')).toEqual([`${SITE}/media/demo/council.jpg`])
      expect(og($, 'og:image:width')).toEqual(['1600'])
      expect(og($, 'og:image:height')).toEqual(['900'])
      expect(og($, 'og:image:alt')).toEqual(['Council members at a long table'])
      expect(og($, 'article:published_time')).toEqual(['2026-11-26T10:00:00+04:30'])
      expect(og($, 'article:modified_time')).toEqual(['2026-11-26T10:00:00+04:30'])
      expect(og($, 'article:author')).toEqual([`${SITE}/author/maryam-sadat/`, `${SITE}/author/at-news/`])
      expect(og($, 'article:section')).toEqual(['Politics'])
      expect(og($, 'article:tag')).toEqual(['Kabul', 'Water'])
      expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image')
      expect($('meta[name="twitter:image"]').attr('content')).toBe(`${SITE}/media/demo/council.jpg`)
      // A story without an image gets the small card.
      const plain = (await load('/elections/election-commission-sets-a-date')).$
      expect(plain('meta[name="twitter:card"]').attr('content')).toBe('summary')
      expect(jsonLd(plain)[0].author).toEqual([
        { '@type': 'Organization', name: 'AT News', url: `${SITE}/author/at-news/` },
      ])
    })

    it('describes the home page as a WebSite published by an Organization', async () => {
      const { $ } = await load('/')
      const [site, org] = jsonLd($)
      expect(site).toMatchObject({
        '@type': 'WebSite',
        url: `${SITE}/`,
        name: 'Dateline Daily',
        inLanguage: 'en',
      })
      expect(site.potentialAction.target.urlTemplate).toBe(`${SITE}/search?q={search_term_string}`)
      expect(org).toMatchObject({
        '@type': 'Organization',
        name: 'Dateline Daily',
        logo: { url: `${SITE}/logo.png` },
      })
      expect(og($, 'og:type')).toEqual(['website'])
    })

    it('describes section and tag pages as CollectionPages of their published stories', async () => {
      const section = jsonLd((await load('/politics/')).$)[0]
      expect(section).toMatchObject({ '@type': 'CollectionPage', url: `${SITE}/politics/`, name: 'Politics' })
      expect(section.mainEntity.itemListElement.map((i: Json) => i.url)).toEqual([
        `${SITE}/politics/water-and-power`,
        `${SITE}/elections/election-commission-sets-a-date`,
      ])
      const tag = jsonLd((await load('/tag/kabul/')).$)[0]
      expect(tag).toMatchObject({ '@type': 'CollectionPage', url: `${SITE}/tag/kabul/`, name: 'Kabul' })
      expect(tag.mainEntity.itemListElement).toHaveLength(2)
    })

    it('describes byline pages as ProfilePages of a Person or an Organization, public fields only', async () => {
      const person = jsonLd((await load('/author/maryam-sadat/')).$)[0]
      expect(person).toMatchObject({ '@type': 'ProfilePage', url: `${SITE}/author/maryam-sadat/` })
      expect(person.mainEntity).toEqual({
        '@type': 'Person',
        name: 'Maryam Sadat',
        url: `${SITE}/author/maryam-sadat/`,
        description: 'Maryam Sadat covers politics.',
        jobTitle: 'Political correspondent',
      })
      const agency = jsonLd((await load('/author/at-news/')).$)[0]
      expect(agency.mainEntity).toEqual({
        '@type': 'Organization',
        name: 'AT News',
        url: `${SITE}/author/at-news/`,
      })
    })

    it('gives every page type a canonical URL, a description and a share card', async () => {
      for (const path of [
        '/',
        '/politics/water-and-power',
        '/politics/',
        '/latest/',
        '/tag/kabul/',
        '/author/at-news/',
        '/2026/11/',
        '/search',
      ]) {
        const { $ } = await load(path)
        const canonical = $('link[rel="canonical"]').attr('href') ?? ''
        expect(canonical.startsWith(`${SITE}/`), path).toBe(true)
        expect($('meta[name="description"]').attr('content')?.length ?? 0, path).toBeGreaterThan(5)
        expect(og($, 'og:url'), path).toEqual([canonical])
        expect(og($, 'og:title').length, path).toBe(1)
        // Listing pages exist in every language (en, fa-AF, ps-AF and x-default); a story without a
        // translation, a month only English stories fill, and search have no other version.
        const isListing = ['/', '/politics/', '/latest/', '/tag/kabul/', '/author/at-news/'].includes(path)
        expect($('link[hreflang]').length, path).toBe(isListing ? 4 : 0)
      }
    })

    it('never puts a draft, scheduled or withdrawn story in any page’s metadata', async () => {
      for (const path of [
        '/',
        '/politics/',
        '/latest/',
        '/tag/kabul/',
        '/author/maryam-sadat/',
        '/politics/water-and-power',
      ]) {
        const { $ } = await load(path)
        const head = $('head').html() ?? ''
        for (const marker of HIDDEN_MARKERS) expect(head, `${path}: ${marker}`).not.toContain(marker)
      }
      expect(ids.draft).toBeGreaterThan(0)
    })
  })
}
