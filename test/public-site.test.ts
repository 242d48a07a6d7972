// The public site over real HTTP, on every database in the matrix: every page type, its status,
// headers and the elements readers rely on.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCorrection } from '../src/articles/articles.service.ts'
import { systemActor } from '../src/context.ts'
import { recordMedia } from '../src/media/media.service.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

async function html(response: Response): Promise<cheerio.CheerioAPI> {
  return cheerio.load(await response.text())
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: public site`, () => {
    let t: TestApp
    const ids: Record<string, number> = {}

    beforeAll(async () => {
      t = await startTestApp(engine)
      const ctx = t.ctx
      const society = await makeSection(ctx, { slug: 'society', name: 'Society', position: 1 })
      const education = await makeSection(ctx, {
        slug: 'education',
        name: 'Education',
        parentId: society,
        position: 1,
      })
      const sport = await makeSection(ctx, { slug: 'sport', name: 'Sport', position: 2 })
      const maryam = await makeAuthor(ctx, {
        slug: 'maryam-sadat',
        name: 'Maryam Sadat',
        jobTitle: 'Health correspondent',
        bio: 'Maryam Sadat covers health and water for the newsroom.',
      })
      const agency = await makeAuthor(ctx, {
        slug: 'dateline-news',
        name: 'Dateline News',
        kind: 'organization',
      })
      const image = await recordMedia(ctx, {
        path: 'demo/wells.jpg',
        mimeType: 'image/jpeg',
        width: 1200,
        height: 675,
        bytes: 1000,
        alt: 'A new well pump in a courtyard',
        caption: 'A new pump',
        credit: 'Photo: Test Desk',
      })
      ids.main = await makeArticle(ctx, {
        headline: 'Water board opens new wells in western Kabul',
        slug: 'water-board-opens-new-wells',
        dek: 'Residents of three districts will have running water before winter.',
        bodyHtml: paragraphs(
          'Residents of three western districts lined up on Monday as the city water board opened twelve new wells, the first of forty promised this year.',
          'Engineers said the wells draw from a deeper aquifer that has not fallen in a decade.',
        ),
        dateline: 'Kabul',
        sectionId: society,
        authorIds: [maryam, agency],
        tagNames: ['Water', 'Kabul'],
        featuredMediaId: image,
        publishedAt: '2026-11-26T05:30:00.000Z',
      })
      ids.related = await makeArticle(ctx, {
        headline: 'Wells dry up in the north as winter comes',
        slug: 'wells-dry-up-in-the-north',
        bodyHtml: paragraphs(
          '<strong>MAZAR-I-SHARIF –</strong> Farmers in the north say their shallow wells have dried up for the third year running, and they are buying water from tankers at twice last year’s price while they wait for help.',
        ),
        sectionId: education,
        authorIds: [maryam],
        tagNames: ['Water', 'Kabul'],
        publishedAt: '2026-11-25T05:30:00.000Z',
      })
      // A draft that would be the best match: it must never be suggested or shown.
      ids.draft = await makeArticle(ctx, {
        headline: 'Water board opens new wells in western Kabul: draft follow-up',
        slug: 'draft-follow-up',
        sectionId: society,
        authorIds: [maryam],
        tagNames: ['Water', 'Kabul'],
        status: 'draft',
        publishedAt: null,
      })
      ids.future = await makeArticle(ctx, {
        headline: 'Scheduled story about water',
        slug: 'scheduled-story',
        sectionId: society,
        authorIds: [maryam],
        tagNames: ['Water'],
        publishedAt: '2026-11-29T05:30:00.000Z',
      })
      ids.withdrawn = await makeArticle(ctx, {
        headline: 'Withdrawn story',
        slug: 'withdrawn-story',
        sectionId: society,
        authorIds: [maryam],
        status: 'unpublished',
        publishedAt: '2026-11-01T05:30:00.000Z',
      })
      for (let i = 0; i < 25; i++) {
        await makeArticle(ctx, {
          headline: `Cricket round-up ${i + 1}`,
          slug: `cricket-round-up-${i + 1}`,
          sectionId: sport,
          authorIds: [agency],
          tagNames: ['Cricket'],
          publishedAt: new Date(Date.parse('2026-10-20T05:00:00Z') + i * 3_600_000).toISOString(),
        })
      }
      await recordCorrection(
        ctx,
        systemActor('test'),
        ids.main,
        'An earlier version gave the wrong number of wells.',
        '2026-11-26T09:00:00.000Z',
      )
    })

    afterAll(async () => {
      await t?.close()
    })

    it('serves the home page with the lead story, latest stories and section blocks', async () => {
      const response = await t.get('/')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const $ = await html(response)
      expect($('html').attr('lang')).toBe('en')
      expect($('h1')).toHaveLength(1)
      expect($('.lead-story h2 a').text()).toBe('Water board opens new wells in western Kabul')
      expect($('.latest-list li a').first().text()).toBe('Wells dry up in the north as winter comes')
      expect(
        $('.section-block h2')
          .map((_, el) => $(el).text())
          .get(),
      ).toEqual(['Society', 'Sport'])
      expect($('main#content')).toHaveLength(1)
      expect($('link[rel=canonical]').attr('href')).toBe('https://news.example/')
      const page = $.html()
      expect(page).not.toContain('draft follow-up')
      expect(page).not.toContain('Scheduled story')
      expect(page).not.toContain('Withdrawn story')
    })

    it('serves an article page with every element of a news story', async () => {
      const response = await t.get('/society/water-board-opens-new-wells')
      expect(response.status).toBe(200)
      const $ = await html(response)
      const crumbs = $('nav.breadcrumb li')
        .map((_, el) => $(el).text().trim())
        .get()
      expect(crumbs).toEqual(['Home', 'Society', 'Water board opens new wells in western Kabul'])
      expect($('nav.breadcrumb ol').attr('itemtype')).toBe('https://schema.org/BreadcrumbList')
      expect($('nav.breadcrumb [itemprop=itemListElement]')).toHaveLength(3)
      expect($('h1')).toHaveLength(1)
      expect($('h1').text()).toBe('Water board opens new wells in western Kabul')
      expect($('.dek').text()).toBe('Residents of three districts will have running water before winter.')
      expect(
        $('.byline a')
          .map((_, el) => $(el).attr('href'))
          .get(),
      ).toEqual(['/author/maryam-sadat/', '/author/dateline-news/'])
      expect($('.byline').text()).toBe('By Maryam Sadat and Dateline News')
      // The dateline is set in front of the first paragraph.
      const first = $('.story-body p').first()
      expect(first.find('.dateline').text()).toBe('KABUL —')
      expect(first.text()).toMatch(/^KABUL — Residents of three western districts/)
      // Times in the site's zone (Kabul, +04:30) in machine-readable form.
      const times = $('.story-dates time')
        .map((_, el) => $(el).attr('datetime'))
        .get()
      expect(times).toEqual(['2026-11-26T10:00:00+04:30', '2026-11-26T13:30:00+04:30'])
      expect($('.story-dates').text()).toContain('Updated')
      expect($('.correction').text()).toContain('An earlier version gave the wrong number of wells.')
      expect($('figure.lead-image img').attr('alt')).toBe('A new well pump in a courtyard')
      expect($('figure.lead-image figcaption').text()).toBe('A new pump Photo: Test Desk')
      expect(
        $('.story-tags a')
          .map((_, el) => $(el).text())
          .get(),
      ).toEqual(['Kabul', 'Water'])
      const about = $('.about-author h2')
        .map((_, el) => $(el).text())
        .get()
      expect(about).toEqual(['About Maryam Sadat', 'About Dateline News'])
      expect($('.about-author').first().text()).toContain('Maryam Sadat covers health and water')
      expect($('.about-author a').first().attr('href')).toBe('/author/maryam-sadat/')
    })

    it('suggests the most related published story in Check Also, with its automatic excerpt', async () => {
      const $ = await html(await t.get('/society/water-board-opens-new-wells'))
      const box = $('aside.check-also')
      expect(box.find('h2').text()).toBe('Check Also')
      expect(box.find('h3 a').text()).toBe('Wells dry up in the north as winter comes')
      expect(box.find('h3 a').attr('href')).toBe('/education/wells-dry-up-in-the-north')
      const excerpt = box.find('.check-also-excerpt').text()
      expect(excerpt.endsWith('…')).toBe(true)
      expect(excerpt.startsWith('Farmers in the north')).toBe(true)
      expect(excerpt).not.toMatch(/MAZAR|<|Maryam/)
      expect(excerpt.slice(0, -1).split(' ')).toHaveLength(25)
    })

    it('answers 304 to a matching If-None-Match', async () => {
      const first = await t.get('/society/water-board-opens-new-wells')
      const etag = first.headers.get('etag')
      expect(etag).toBeTruthy()
      const second = await t.get('/society/water-board-opens-new-wells', {
        headers: { 'if-none-match': etag ?? '' },
      })
      expect(second.status).toBe(304)
    })

    it('redirects a story address with the wrong section or a stray slash to its own address', async () => {
      const wrong = await t.get('/sport/water-board-opens-new-wells')
      expect(wrong.status).toBe(301)
      expect(wrong.headers.get('location')).toBe('/society/water-board-opens-new-wells')
      const slash = await t.get('/society/water-board-opens-new-wells/')
      expect(slash.status).toBe(301)
    })

    it('never serves drafts or stories scheduled for later, and answers 410 for withdrawn ones', async () => {
      expect((await t.get('/society/draft-follow-up')).status).toBe(404)
      expect((await t.get('/society/scheduled-story')).status).toBe(404)
      const gone = await t.get('/society/withdrawn-story')
      expect(gone.status).toBe(410)
      expect(await gone.text()).toContain('withdrawn')
    })

    it('lists a section with its subsections, paginated with rel prev/next', async () => {
      const $ = await html(await t.get('/society/'))
      expect($('h1').text()).toBe('Society')
      const headlines = $('.story-card h2 a')
        .map((_, el) => $(el).text())
        .get()
      expect(headlines).toEqual([
        'Water board opens new wells in western Kabul',
        'Wells dry up in the north as winter comes',
      ])

      const sport1 = await html(await t.get('/sport/'))
      expect(sport1('.story-card')).toHaveLength(20)
      expect(sport1('link[rel=next]').attr('href')).toBe('https://news.example/sport/page/2/')
      expect(sport1('a[rel=next]').attr('href')).toBe('/sport/page/2/')
      const sport2 = await html(await t.get('/sport/page/2/'))
      expect(sport2('.story-card')).toHaveLength(5)
      expect(sport2('link[rel=prev]').attr('href')).toBe('https://news.example/sport/')
      expect(sport2('link[rel=next]')).toHaveLength(0)
      expect((await t.get('/sport/page/3/')).status).toBe(404)
    })

    it('serves /latest/, tag, author and month archive pages', async () => {
      const latest = await html(await t.get('/latest/'))
      expect(latest('h1').text()).toBe('Latest')
      expect(latest('.story-card h2 a').first().text()).toBe('Water board opens new wells in western Kabul')

      const tag = await html(await t.get('/tag/water/'))
      expect(tag('h1').text()).toBe('Water')
      expect(tag('.story-card')).toHaveLength(2)

      const author = await html(await t.get('/author/maryam-sadat/'))
      expect(author('h1').text()).toBe('Maryam Sadat')
      expect(author('.author-profile').text()).toContain('Health correspondent')
      expect(author('.story-card')).toHaveLength(2)

      const november = await html(await t.get('/2026/11/'))
      expect(november('h1').text()).toBe('November 2026')
      expect(november('.story-card')).toHaveLength(2)
      const october = await html(await t.get('/2026/10/'))
      expect(october('.story-card')).toHaveLength(20)
      expect((await t.get('/2026/10/page/2/')).status).toBe(200)
      expect((await t.get('/1999/01/')).status).toBe(404)
    })

    it('answers 404 with the site’s own page for unknown addresses', async () => {
      for (const path of [
        '/society/no-such-story',
        '/no-such-section/',
        '/tag/nothing/',
        '/author/nobody/',
        '/a/b/c/d',
      ]) {
        const response = await t.get(path)
        expect(response.status, path).toBe(404)
        const $ = await html(response)
        expect($('h1').text()).toBe('We could not find that page')
        expect($('meta[name=robots]').attr('content')).toBe('noindex')
      }
    })

    it('refuses malformed page numbers and redirects page 1 to the canonical address', async () => {
      expect((await t.get('/latest/page/abc/')).status).toBe(400)
      expect((await t.get('/latest/page/0/')).status).toBe(400)
      expect((await t.get('/latest/page/-1/')).status).toBe(400)
      expect((await t.get('/latest/page/99999999999/')).status).toBe(400)
      const one = await t.get('/sport/page/1/')
      expect(one.status).toBe(301)
      expect(one.headers.get('location')).toBe('/sport/')
    })

    it('survives hostile input without crashing or leaking internals', async () => {
      const hostile = [
        `/?q=${'x'.repeat(100 * 1024)}`,
        `/latest/?${'a=1&'.repeat(5000)}`,
        '/society/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
        '/..%2f..%2fetc/passwd',
        '/media/..%2f..%2fetc%2fpasswd',
        '/society/%00',
        '/society/%ff%fe',
        '/society/\u202e\u0000evil',
        `/society/${'ش'.repeat(400)}`,
        '/tag/%F0%9F%92%A9/',
        '/2026/13/',
      ]
      for (const path of hostile) {
        const response = await t.get(path)
        expect(response.status, path).toBeGreaterThanOrEqual(300)
        expect(response.status, path).toBeLessThan(500)
        const body = await response.text()
        expect(body, path).not.toMatch(/at .+\.ts:\d+|node_modules|Error: /)
      }
      // The process is still serving.
      expect((await t.get('/')).status).toBe(200)
    })

    it('shows the logo chosen in the site settings in the masthead, named by the site', async () => {
      const logo = await recordMedia(t.ctx, {
        path: 'demo/logo.png',
        mimeType: 'image/png',
        width: 600,
        height: 60,
        bytes: 500,
        alt: 'Logo',
      })
      await t.ctx.db
        .insertInto('settings')
        .values({ key: 'logo_media_id', value: String(logo), updated_at: '2026-11-27T08:00:00.000Z' })
        .execute()
      t.ctx.settingsCache?.clear()
      await t.ctx.events.emitSiteChange({
        type: 'site.changed',
        what: 'settings',
        at: '2026-11-27T08:00:00.000Z',
      })
      try {
        const $ = await html(await t.get('/latest/'))
        expect($('.site-name img.site-logo').attr('src')).toBe('/media/demo/logo.png')
        expect($('.site-name img.site-logo').attr('alt')).toBe('Dateline Daily')
      } finally {
        await t.ctx.db.deleteFrom('settings').where('key', '=', 'logo_media_id').execute()
        t.ctx.settingsCache?.clear()
        await t.ctx.events.emitSiteChange({
          type: 'site.changed',
          what: 'settings',
          at: '2026-11-27T08:00:00.000Z',
        })
      }
      const $ = await html(await t.get('/latest/'))
      expect($('.site-name').text()).toBe('Dateline Daily')
    })

    it('sends security headers and a strict Content-Security-Policy', async () => {
      const response = await t.get('/')
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).toContain("frame-ancestors 'self'")
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(response.headers.get('cross-origin-embedder-policy')).toBeNull()
      // The test site is https://, so browsers are pinned to https (not on an http:// site:
      // src/http/security-headers.test.ts).
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
    })
  })
}
