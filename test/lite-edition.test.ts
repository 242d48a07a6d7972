// Readers on slow, expensive connections (issue 5 §5): Save-Data: on gets pages without image
// bytes, /lite/ is a text-only edition of headlines and stories, and paper gets a print stylesheet.
// Over real HTTP on the demo newsroom.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../src/demo/seed.ts'
import { listSections } from '../src/sections/sections.service.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const SAVE_DATA = { 'save-data': 'on' }

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: lite edition and Save-Data`, () => {
    let t: TestApp
    /** A story with a lead image, found on the front page. */
    let storyPath = ''

    beforeAll(async () => {
      t = await startTestApp(engine)
      await seedDemo(t.ctx)
      const $ = cheerio.load(await (await t.get('/')).text())
      storyPath = $('.lead-story .lead-headline a').attr('href') ?? ''
    })

    afterAll(async () => {
      await t?.close()
    })

    async function page(path: string, headers: Record<string, string> = {}) {
      const response = await t.get(path, { headers })
      return { response, $: cheerio.load(await response.text()) }
    }

    /** Images that cost bytes: anything but the 1 px view beacon. */
    function mediaImages($: cheerio.CheerioAPI): number {
      return $('img, picture, source').filter((_i, el) => !($(el).attr('src') ?? '').startsWith('/api/'))
        .length
    }

    it('serves Save-Data readers pages without images, a tap away, kept apart in the cache', async () => {
      expect(storyPath).toMatch(/^\/[a-z0-9-]+\/[a-z0-9-]+$/)
      for (const path of ['/', storyPath, '/latest/']) {
        // Full, then Save-Data, then full again: the page cache must never mix the two variants.
        const full = await page(path)
        expect(mediaImages(full.$), path).toBeGreaterThan(0)
        const light = await page(path, SAVE_DATA)
        expect(light.response.status).toBe(200)
        expect(light.response.headers.get('vary')).toContain('Save-Data')
        expect(mediaImages(light.$), `${path} with Save-Data`).toBe(0)
        const again = await page(path)
        expect(mediaImages(again.$), path).toBe(mediaImages(full.$))
        const lightAgain = await page(path, SAVE_DATA)
        expect(lightAgain.response.headers.get('x-cache')).toBe('HIT')
        expect(mediaImages(lightAgain.$)).toBe(0)
      }
      // The story's own picture becomes a link to its phone-sized copy.
      const { $ } = await page(storyPath, SAVE_DATA)
      const link = $('main a.show-image').first()
      expect(link.text()).toMatch(/^Show image/)
      const image = await t.get(link.attr('href') ?? '')
      expect(image.status).toBe(200)
      expect(image.headers.get('content-type')).toMatch(/^image\//)
    })

    it('links the lite edition from every full page', async () => {
      const { $ } = await page(storyPath)
      expect($('footer a[href="/lite/"]').text()).toBe('Lite version')
      const slashless = await t.get('/lite')
      expect(slashless.status).toBe(301)
      expect(slashless.headers.get('location')).toBe('/lite/')
    })

    it('lists the latest headlines at /lite/, text only, and nothing else', async () => {
      const { response, $ } = await page('/lite/')
      expect(response.status).toBe(200)
      expect(response.headers.get('surrogate-key')).toContain('latest')
      const headlines = $('main li a')
      expect(headlines.length).toBeGreaterThan(5)
      headlines.each((_i, a) => {
        expect($(a).attr('href')).toMatch(/^\/lite\/[a-z0-9-]+\/[a-z0-9-]+$/)
      })
      expect($('img, picture, script, style, link[rel="stylesheet"], nav, form').length).toBe(0)
      expect($('link[rel="canonical"]').attr('href')).toBe('https://news.example/')
      expect($('a.full-version').attr('href')).toBe('/')
    })

    it('shows a story at /lite/{section}/{slug} as text, its images as links, under 20 KB', async () => {
      const path = `/lite${storyPath}`
      const { response, $ } = await page(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('surrogate-key')).toMatch(/^article:\d+/)
      const full = await page(storyPath)
      expect($('h1').text()).toBe(full.$('h1').text())
      expect($('main article').text()).toContain(full.$('.story-body p').first().text().slice(0, 60))
      expect($('img, picture, script, style, link[rel="stylesheet"]').length).toBe(0)
      expect($('a.show-image').first().text()).toMatch(/^Show image/)
      expect($('link[rel="canonical"]').attr('href')).toBe(`https://news.example${storyPath}`)
      expect($('a.full-version').attr('href')).toBe(storyPath)
      expect($('time[datetime]').length).toBeGreaterThan(0)
      // Cached like every page: the second answer comes from the page cache, compressed.
      const cached = await t.get(path, { headers: { 'accept-encoding': 'br' } })
      expect(cached.headers.get('x-cache')).toBe('HIT')
      expect(Number(cached.headers.get('content-length') ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(
        20 * 1024,
      )
      // A wrong section redirects to the right lite address; an unknown story is a 404.
      const wrong = await t.get(`/lite/no-such-section/${storyPath.split('/')[2]}`)
      expect(wrong.status).toBe(301)
      expect(wrong.headers.get('location')).toBe(path)
      expect((await t.get('/lite/news/no-such-story')).status).toBe(404)
    })

    it('shows a newly published story on the cached lite front at once (purged with latest)', async () => {
      expect((await t.get('/lite/')).status).toBe(200)
      expect((await t.get('/lite/')).headers.get('x-cache')).toBe('HIT')
      const [section] = await listSections(t.ctx)
      const author = await makeAuthor(t.ctx, { slug: 'lite-reporter', name: 'Lite Reporter' })
      await makeArticle(t.ctx, {
        headline: 'Power returns to the northern districts',
        slug: 'power-returns-to-the-northern-districts',
        sectionId: section?.id ?? 0,
        authorIds: [author],
        publishedAt: '2026-11-27T07:59:00.000Z',
      })
      const { response, $ } = await page('/lite/')
      expect(response.headers.get('x-cache')).toBe('MISS')
      expect($('main li a').first().text()).toBe('Power returns to the northern districts')
    })

    it('lets a reader switch lite mode on and off without JavaScript, kept private from shared caches', async () => {
      const form = (await page(storyPath)).$('footer form.lite-mode-toggle')
      expect(form.attr('method')).toBe('post')
      expect(form.attr('action')).toBe('/lite-mode')
      expect(form.find('input[name="lite"]').attr('value')).toBe('on')
      expect(form.find('input[name="back"]').attr('value')).toBe(storyPath)
      const switchOn = await t.get('/lite-mode', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ lite: 'on', back: storyPath }).toString(),
      })
      expect(switchOn.status).toBe(303)
      expect(switchOn.headers.get('location')).toBe(storyPath)
      expect(switchOn.headers.get('cache-control')).toBe('no-store')
      // The browser drops the full pages it kept, so the next ones come in the new variant.
      expect(switchOn.headers.get('clear-site-data')).toBe('"cache"')
      const cookie = switchOn.headers.get('set-cookie') ?? ''
      // Only the preference: no id, no expiry beyond a year, never sent to other sites' requests.
      expect(cookie).toMatch(/^dateline_lite=1;/)
      expect(cookie).toContain('SameSite=Lax')
      expect(cookie).toContain('HttpOnly')
      expect(cookie).toContain('Path=/')
      expect(cookie).toContain('Max-Age=31536000')
      const liteCookie = { cookie: 'dateline_lite=1' }

      for (const path of ['/', storyPath, '/latest/']) {
        // Full, lite, lite again, full again, Save-Data: the page cache never mixes them.
        const full = await page(path)
        const lite = await page(path, liteCookie)
        expect(lite.response.status).toBe(200)
        expect(mediaImages(lite.$), `${path} in lite mode`).toBe(0)
        // Never in a shared cache: a CDN cannot hand this page to a reader without the cookie.
        expect(lite.response.headers.get('cache-control')).toBe('private, no-cache')
        expect(lite.response.headers.get('surrogate-key')).toBeNull()
        expect(lite.response.headers.get('vary') ?? '').not.toMatch(/cookie/i)
        expect(lite.$('footer form.lite-mode-toggle input[name="lite"]').attr('value')).toBe('off')
        const liteAgain = await page(path, liteCookie)
        expect(liteAgain.response.headers.get('x-cache')).toBe('HIT')
        expect(liteAgain.response.headers.get('cache-control')).toBe('private, no-cache')
        expect(mediaImages(liteAgain.$)).toBe(0)
        const fullAgain = await page(path)
        expect(fullAgain.response.headers.get('cache-control')).toMatch(/^public/)
        expect(mediaImages(fullAgain.$), path).toBe(mediaImages(full.$))
        expect(mediaImages(fullAgain.$)).toBeGreaterThan(0)
        expect(fullAgain.$('footer form.lite-mode-toggle input[name="lite"]').attr('value')).toBe('on')
        // Save-Data readers share their cacheable variant with no one in lite mode.
        const saveData = await page(path, SAVE_DATA)
        expect(saveData.response.headers.get('cache-control')).toMatch(/^public/)
        expect(mediaImages(saveData.$)).toBe(0)
        expect(saveData.$('form.lite-mode-toggle').length).toBe(0)
      }

      const switchOff = await t.get('/lite-mode', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: t.baseUrl,
          ...liteCookie,
        },
        body: new URLSearchParams({ lite: 'off', back: '/latest/' }).toString(),
      })
      expect(switchOff.status).toBe(303)
      expect(switchOff.headers.get('location')).toBe('/latest/')
      expect(switchOff.headers.get('set-cookie')).toMatch(/^dateline_lite=; Max-Age=0;/)
    })

    it('refuses a lite-mode switch from another site, and never sends the reader to another host', async () => {
      const post = (headers: Record<string, string>, back: string) =>
        t.get('/lite-mode', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams({ lite: 'on', back }).toString(),
        })
      const crossSite: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'https://evil.example' },
      ]
      for (const headers of crossSite) {
        const refused = await post(headers, '/')
        expect(refused.status).toBe(403)
        expect(refused.headers.get('set-cookie')).toBeNull()
      }
      for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/\tevil']) {
        const response = await post({ 'sec-fetch-site': 'same-origin' }, back)
        expect(response.status).toBe(303)
        expect(response.headers.get('location')).toBe('/')
      }
    })

    it('prints the story without navigation, with link addresses', async () => {
      const { $ } = await page(storyPath)
      const css = await (await t.get($('link[rel="stylesheet"]').attr('href') ?? '')).text()
      const print = css.slice(css.indexOf('@media print'))
      expect(print).toContain('.section-nav')
      expect(print).toContain('.site-footer')
      expect(print).toContain('.most-read')
      expect(print).toContain('attr(href)')
    })
  })
}
