// The site per language over real HTTP on every database: every page type answers under /fa/ and
// /ps/ with its lang and dir, lists only its language's stories and links only within it; a story
// is found only under its own language's prefix; the default language's prefix redirects to the
// root; switching the default language in admin → Site settings moves the root at once; and the
// page cache keeps each language's copy of a page apart while purges still reach them.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const SITE = 'https://news.example'

/** Paths that are not pages of a language: media, assets, the view beacon, the lite-mode switch (a POST that returns to the page). */
const LANGUAGE_NEUTRAL = /^\/(media|assets|api|favicon|logo|static|offline|sw|lite-mode)\b/

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: the site per language`, () => {
    let t: TestApp
    const ids: Record<'en' | 'fa' | 'ps', number> = { en: 0, fa: 0, ps: 0 }

    async function page(
      path: string,
    ): Promise<{ status: number; $: cheerio.CheerioAPI; response: Response }> {
      const response = await t.get(path)
      return { status: response.status, $: cheerio.load(await response.text()), response }
    }

    /** Every link a reader can follow on the page, but the language switch's and neutral ones. */
    function pageLinks($: cheerio.CheerioAPI): string[] {
      const links: string[] = []
      $('a[href], form[action]').each((_, el) => {
        const node = $(el)
        if (node.closest('.language-switch').length > 0) return
        const href = node.attr('href') ?? node.attr('action') ?? ''
        const path = href.startsWith(SITE) ? href.slice(SITE.length) : href
        if (!path.startsWith('/') || path.startsWith('//') || LANGUAGE_NEUTRAL.test(path)) return
        links.push(path)
      })
      $('link[rel=canonical], link[rel=alternate][type]').each((_, el) => {
        links.push(($(el).attr('href') ?? '').slice(SITE.length))
      })
      return links
    }

    beforeAll(async () => {
      t = await startTestApp(engine)
      const sectionId = await makeSection(t.ctx, {
        slug: 'city',
        name: 'City',
        translations: {
          fa: { name: 'شهر', description: 'خبرهای شهر' },
          ps: { name: 'ښار', description: '' },
        },
      })
      const authorId = await makeAuthor(t.ctx, { slug: 'reporter', name: 'Reporter' })
      const common = { sectionId, authorIds: [authorId], tagNames: ['Water'] }
      ids.en = await makeArticle(t.ctx, {
        ...common,
        headline: 'Water board opens new wells',
        slug: 'water-board',
        publishedAt: '2026-11-20T06:00:00.000Z',
      })
      ids.fa = await makeArticle(t.ctx, {
        ...common,
        language: 'fa',
        headline: 'ادارهٔ آب چاه‌های تازه باز کرد',
        slug: 'اداره-آب',
        bodyHtml: paragraphs('ادارهٔ آب کابل روز دوشنبه سه چاه تازه را در غرب شهر باز کرد.'),
        publishedAt: '2026-11-21T06:00:00.000Z',
      })
      ids.ps = await makeArticle(t.ctx, {
        ...common,
        language: 'ps',
        headline: 'د اوبو ادارې نوي څاګانې پرانیستې',
        slug: 'د-اوبو-اداره',
        bodyHtml: paragraphs(
          'د کابل د اوبو ادارې د دوشنبې په ورځ د ښار په لوېدیځ کې درې نوې څاګانې پرانیستې.',
        ),
        publishedAt: '2026-11-22T06:00:00.000Z',
      })
      // Read, so every language's "Most read" list links to its stories.
      await t.ctx.db
        .insertInto('article_views')
        .values(Object.values(ids).map((id) => ({ article_id: id, day: '2026-11-27', count: 5 })))
        .execute()
    })
    afterAll(async () => t?.close())

    const pagesOf = (prefix: string, storySlug: string) => [
      `${prefix}/`,
      `${prefix}/latest/`,
      `${prefix}/city/`,
      `${prefix}/tag/water/`,
      `${prefix}/author/reporter/`,
      `${prefix}/2026/11/`,
      `${prefix}/city/${encodeURIComponent(storySlug)}`,
      `${prefix}/search?q=${encodeURIComponent(storySlug.split('-')[0] ?? '')}`,
      `${prefix}/lite/`,
      `${prefix}/lite/city/${encodeURIComponent(storySlug)}`,
    ]

    for (const [language, slug, headline] of [
      ['fa', 'اداره-آب', 'ادارهٔ آب چاه‌های تازه باز کرد'],
      ['ps', 'د-اوبو-اداره', 'د اوبو ادارې نوي څاګانې پرانیستې'],
    ] as const) {
      it(`answers every page type under /${language}/ in ${language}, right to left, linking only within it`, async () => {
        for (const path of pagesOf(`/${language}`, slug)) {
          const { status, $ } = await page(path)
          expect(status, path).toBe(200)
          expect($('html').attr('lang'), path).toBe(language)
          expect($('html').attr('dir'), path).toBe('rtl')
          for (const link of pageLinks($))
            expect(link.startsWith(`/${language}/`), `${path} → ${link}`).toBe(true)
          // Only this language's story is listed or shown, never the English one.
          expect($('body').text(), path).not.toContain('Water board opens new wells')
          if (!path.includes('/search')) expect($('body').text(), path).toContain(headline)
          if (path === `/${language}/`) expect($('.most-read a').length, path).toBeGreaterThan(0)
        }
      })
    }

    it('serves the feeds and sitemaps of each language under its prefix, listing its stories only', async () => {
      for (const [language, headline] of [
        ['fa', 'ادارهٔ آب چاه‌های تازه باز کرد'],
        ['ps', 'د اوبو ادارې نوي څاګانې پرانیستې'],
      ] as const) {
        for (const path of [
          '/feed/rss.xml',
          '/feed/atom.xml',
          '/feed/feed.json',
          '/feed/section/city/rss.xml',
          '/feed/tag/water/rss.xml',
          '/feed/author/reporter/rss.xml',
        ]) {
          const response = await t.get(`/${language}${path}`)
          expect(response.status, `/${language}${path}`).toBe(200)
          const body = await response.text()
          expect(body, path).toContain(headline)
          expect(body, path).not.toContain('Water board opens new wells')
          expect(body, path).toContain(`${SITE}/${language}/`)
        }
        const rss = await (await t.get(`/${language}/feed/rss.xml`)).text()
        expect(rss).toContain(`<language>${language}</language>`)
        const posts = await (await t.get(`/${language}/sitemaps/posts-2026-11.xml`)).text()
        expect(posts).toContain(`${SITE}/${language}/city/`)
        expect(posts).not.toContain(`${SITE}/city/water-board`)
      }
      // The one index names every language's sitemaps.
      const index = await (await t.get('/sitemap.xml')).text()
      for (const path of ['/sitemaps/pages.xml', '/fa/sitemaps/pages.xml', '/ps/sitemaps/posts-2026-11.xml'])
        expect(index).toContain(`<loc>${SITE}${path}</loc>`)
      expect((await t.get('/fa/sitemaps/pages.xml')).status).toBe(200)
      const robots = await (await t.get('/robots.txt')).text()
      for (const line of ['Disallow: /search', 'Disallow: /fa/search', 'Disallow: /ps/search'])
        expect(robots.split('\n')).toContain(line)
    })

    it('finds a story only under its own language’s prefix', async () => {
      expect((await t.get('/city/water-board')).status).toBe(200)
      expect((await t.get(`/fa/city/${encodeURIComponent('اداره-آب')}`)).status).toBe(200)
      expect((await t.get('/fa/city/water-board')).status).toBe(404)
      expect((await t.get('/ps/city/water-board')).status).toBe(404)
      expect((await t.get(`/city/${encodeURIComponent('اداره-آب')}`)).status).toBe(404)
      expect((await t.get(`/ps/city/${encodeURIComponent('اداره-آب')}`)).status).toBe(404)
      expect((await t.get(`/fa/lite/city/water-board`)).status).toBe(404)
    })

    it('redirects the default language’s own prefix to the root address', async () => {
      for (const [from, to] of [
        ['/en/', '/'],
        ['/en', '/en/'],
        ['/en/city/', '/city/'],
        ['/en/city/water-board', '/city/water-board'],
        ['/en/latest/page/2/', '/latest/page/2/'],
        ['/en/feed/rss.xml', '/feed/rss.xml'],
        ['/en/search?q=wells', '/search?q=wells'],
      ] as const) {
        const response = await t.get(from)
        expect(response.status, from).toBe(301)
        expect(response.headers.get('location'), from).toBe(to)
      }
      expect((await t.get('/fa')).headers.get('location')).toBe('/fa/')
      expect((await t.get('/fa/city/page/1/')).headers.get('location')).toBe('/fa/city/')
    })

    it('shows each section under its name in the page’s language, the default name where it has none', async () => {
      const fa = await page('/fa/city/')
      expect(fa.$('h1').text()).toBe('شهر')
      expect(fa.$('.section-nav a[href="/fa/city/"]').text()).toBe('شهر')
      expect(fa.$('.breadcrumb').text()).toContain('شهر')
      const ps = await page('/ps/')
      expect(ps.$('.section-nav a[href="/ps/city/"]').text()).toBe('ښار')
      const en = await page('/city/')
      expect(en.$('h1').text()).toBe('City')
      const story = await page(`/fa/city/${encodeURIComponent('اداره-آب')}`)
      expect(story.$('.story .kicker').text()).toBe('شهر')
      const feed = await (await t.get('/fa/feed/section/city/rss.xml')).text()
      expect(feed).toContain('شهر')
    })

    it('offers the other languages in the masthead: the same page where it exists, else that language’s home', async () => {
      const home = await page('/')
      const links = home
        .$('.language-switch a')
        .map((_, a) => [[home.$(a).attr('lang'), home.$(a).attr('href')]])
        .get()
      expect(links).toEqual([
        ['fa', '/fa/'],
        ['ps', '/ps/'],
      ])
      const section = await page('/fa/city/')
      expect(section.$('.language-switch a[lang=en]').attr('href')).toBe('/city/')
      expect(section.$('.language-switch a[lang=ps]').attr('href')).toBe('/ps/city/')
      // A story without a translation: the other languages' homes.
      const story = await page('/city/water-board')
      expect(story.$('.language-switch a[lang=fa]').attr('href')).toBe('/fa/')
      // Listing pages name their versions in every language with hreflang, x-default the root one.
      const alternates = section
        .$('link[rel=alternate][hreflang]')
        .map((_, l) => [[section.$(l).attr('hreflang'), section.$(l).attr('href')]])
        .get()
      expect(alternates).toEqual([
        ['en', `${SITE}/city/`],
        ['fa-AF', `${SITE}/fa/city/`],
        ['ps-AF', `${SITE}/ps/city/`],
        ['x-default', `${SITE}/city/`],
      ])
      expect(section.$('meta[property="og:locale"]').attr('content')).toBe('fa_IR')
    })

    it('keeps each language’s copy of a page apart in the cache, and a new story purges its language’s pages', async () => {
      for (const path of ['/fa/', '/ps/', '/']) await t.get(path)
      const [fa, ps, en] = await Promise.all(['/fa/', '/ps/', '/'].map((p) => t.get(p)))
      expect([fa, ps, en].map((r) => r?.headers.get('x-cache'))).toEqual(['HIT', 'HIT', 'HIT'])
      const texts = await Promise.all([fa, ps, en].map((r) => r?.text() ?? ''))
      expect(
        cheerio
          .load(texts[0] ?? '')('html')
          .attr('lang'),
      ).toBe('fa')
      expect(
        cheerio
          .load(texts[1] ?? '')('html')
          .attr('lang'),
      ).toBe('ps')
      expect(
        cheerio
          .load(texts[2] ?? '')('html')
          .attr('lang'),
      ).toBe('en')

      const sectionId = (
        await t.ctx.db
          .selectFrom('sections')
          .select('id')
          .where('slug', '=', 'city')
          .executeTakeFirstOrThrow()
      ).id
      const authorId = (
        await t.ctx.db
          .selectFrom('authors')
          .select('id')
          .where('slug', '=', 'reporter')
          .executeTakeFirstOrThrow()
      ).id
      await makeArticle(t.ctx, {
        sectionId,
        authorIds: [authorId],
        language: 'fa',
        headline: 'بازار میوه پیش از زمستان شلوغ شد',
        publishedAt: '2026-11-26T06:00:00.000Z',
      })
      const after = await t.get('/fa/')
      expect(after.headers.get('x-cache')).toBe('MISS')
      expect(await after.text()).toContain('بازار میوه پیش از زمستان شلوغ شد')
      expect(await (await t.get('/ps/')).text()).not.toContain('بازار میوه')
    })

    it('moves the root when the default language is switched in admin → Site settings', async () => {
      const { client } = await signedInAs(t, 'admin')
      const save = async (defaultLanguage: string) => {
        const { $ } = await client.page('/admin/settings')
        const fields: Record<string, string> = {}
        $('form input[name], form select[name]').each((_, el) => {
          const node = $(el)
          const name = node.attr('name') ?? ''
          if (node.attr('type') === 'checkbox') {
            if (node.attr('checked') !== undefined) fields[name] = node.attr('value') ?? 'on'
          } else if (el.tagName === 'select') fields[name] = node.find('option[selected]').attr('value') ?? ''
          else fields[name] = node.attr('value') ?? ''
        })
        $('form textarea[name]').each((_, el) => {
          fields[$(el).attr('name') ?? ''] = $(el).text()
        })
        const response = await client.post('/admin/settings', { ...fields, defaultLanguage })
        expect(response.status).toBe(303)
      }
      // Cached before the switch.
      await t.get('/')
      await t.get('/')
      await save('fa')
      const root = await page('/')
      expect(root.$('html').attr('lang')).toBe('fa')
      expect(root.$('body').text()).toContain('ادارهٔ آب چاه‌های تازه باز کرد')
      expect((await t.get('/fa/')).headers.get('location')).toBe('/')
      expect((await t.get(`/fa/city/${encodeURIComponent('اداره-آب')}`)).headers.get('location')).toBe(
        `/city/${encodeURIComponent('اداره-آب')}`,
      )
      const english = await page('/en/city/water-board')
      expect(english.status).toBe(200)
      expect(english.$('html').attr('lang')).toBe('en')
      expect(english.$('link[rel=canonical]').attr('href')).toBe(`${SITE}/en/city/water-board`)
      expect((await t.get(`/city/${encodeURIComponent('اداره-آب')}`)).status).toBe(200)
      expect((await t.get('/city/water-board')).status).toBe(404)
      await save('en')
      expect((await page('/')).$('html').attr('lang')).toBe('en')
      expect((await t.get('/en/')).status).toBe(301)
    })
  })
}
