// The byte budgets for slow, expensive connections (issue 5 §5; STANDARDS.md §6), measured over
// real HTTP on the demo newsroom: what a reader's phone actually downloads, compressed, on a first
// visit. Bytes, not time, so the test is the same on any machine. Never raise a budget to pass:
// make the page smaller.
import { request as httpRequest } from 'node:http'
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../src/demo/seed.ts'
import { listSections } from '../src/sections/sections.service.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const KB = 1024
/** Compressed HTML + CSS of an article page without images, on a first visit. */
const ARTICLE_FIRST_LOAD_BUDGET = 25 * KB
/** The smallest image variant, the one a 360 px phone picks. */
const PHONE_IMAGE_BUDGET = 20 * KB
/** A lite or Save-Data page, everything included (STANDARDS.md §6.2). */
const LITE_BUDGET = 20 * KB
/**
 * Vazirmatn on a Dari or Pashto page: the arabic subset, regular and bold, once a year (hashed,
 * immutable). Not part of the 25 KB: font-display: swap shows the text in the system font first.
 */
const RTL_FONT_BUDGET = 44 * KB
/** The deferred script that registers the offline worker. */
const OFFLINE_SCRIPT_BUDGET = 1 * KB

/** A Dari story of ordinary length (written for this test). */
const DARI_STORY = {
  headline: 'شاروالی کابل چاه‌های تازهٔ آب را در سه ناحیه افتتاح کرد',
  dek: 'مسئولان می‌گویند بیش از ده هزار خانواده از آب آشامیدنی پاک بهره‌مند می‌شوند.',
  paragraphs: [
    'شاروالی کابل روز پنجشنبه هفت حلقه چاه عمیق را در ناحیه‌های هشتم، دوازدهم و هفدهم شهر به بهره‌برداری سپرد. به گفتهٔ مسئولان، این چاه‌ها با پمپ‌های خورشیدی کار می‌کنند و آب را به مخزن‌های تازه‌ساخت هر ناحیه می‌رسانند.',
    'باشندگان این ناحیه‌ها تا کنون آب را از چاه‌های دستی یا از موترهای آب‌رسانی می‌خریدند. یک باشندهٔ ناحیهٔ دوازدهم گفت که خانواده‌اش هر هفته بخش بزرگی از درآمد خود را برای آب می‌پرداخت و امیدوار است که این هزینه اکنون کم شود.',
    'رئیس بخش آب‌رسانی شاروالی گفت که کیفیت آب هر ماه در لابراتوار آزمایش می‌شود و نتیجهٔ آزمایش‌ها روی لوحه‌های اعلانات هر گذر نصب خواهد شد. او افزود که کار حفر پنج چاه دیگر در ناحیه‌های شمالی شهر تا پایان زمستان آغاز می‌شود.',
    'کارشناسان محیط زیست هشدار می‌دهند که سطح آب‌های زیرزمینی کابل در سال‌های اخیر پایین رفته است. آنان پیشنهاد می‌کنند که در کنار حفر چاه‌های تازه، آب باران نیز جمع‌آوری شود و از هدر رفتن آب در شبکهٔ لوله‌کشی جلوگیری گردد.',
    'شاروالی می‌گوید برای نگهداری چاه‌ها شوراهای محلی ساخته شده‌اند که در هر گذر از نمایندگان باشندگان تشکیل می‌شوند. این شوراها مسئول گزارش خرابی‌ها و نظارت بر توزیع عادلانهٔ آب خواهند بود.',
    'هزینهٔ این طرح را بودجهٔ عادی شاروالی و کمک‌های چند مؤسسهٔ خیریه پرداخته است. مسئولان می‌گویند گزارش کامل مصارف در صفحهٔ شاروالی و در دفترهای ناحیه‌ها در دسترس همگان قرار می‌گیرد.',
  ],
}

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** The body as sent on the wire: still compressed. */
  body: Buffer
}

/** A GET whose body is left compressed (fetch would decode it and hide the transferred size). */
function rawGet(baseUrl: string, path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

const FIRST_VISIT = { 'accept-encoding': 'br, gzip' }

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: page budgets`, () => {
    let t: TestApp

    beforeAll(async () => {
      t = await startTestApp(engine)
      await seedDemo(t.ctx)
    })

    afterAll(async () => {
      await t?.close()
    })

    /** Every story linked from the front page and /latest/, as paths. */
    async function storyPaths(): Promise<string[]> {
      const paths = new Set<string>()
      for (const listing of ['/', '/latest/']) {
        const $ = cheerio.load(await (await t.get(listing)).text())
        $('a[href]').each((_i, a) => {
          const href = $(a).attr('href') ?? ''
          if (/^\/(?!tag\/|author\/)[a-z0-9-]+\/[a-z0-9-]+$/.test(href)) paths.add(href)
        })
      }
      return [...paths]
    }

    it('sends an article page without images in at most 25 KB of compressed HTML and CSS', async () => {
      const paths = await storyPaths()
      expect(paths.length).toBeGreaterThan(0)
      let checked = 0
      for (const path of paths) {
        // Twice: the first answer renders, the second comes compressed from the page cache.
        await rawGet(t.baseUrl, path, FIRST_VISIT)
        const page = await rawGet(t.baseUrl, path, FIRST_VISIT)
        expect(page.status).toBe(200)
        const $ = cheerio.load(await (await t.get(path)).text())
        const stylesheets = $('link[rel="stylesheet"]')
          .map((_i, link) => $(link).attr('href') ?? '')
          .get()
        expect(stylesheets).toHaveLength(1)
        const css = await rawGet(t.baseUrl, stylesheets[0] ?? '', FIRST_VISIT)
        expect(css.status).toBe(200)
        // Both travel compressed: an uncompressed stylesheet alone would cost ~14 KB.
        expect(page.headers['content-encoding']).toBe('br')
        expect(css.headers['content-encoding']).toBe('br')
        const total = page.body.length + css.body.length
        console.log(
          `${label} ${path}: HTML ${page.body.length} B (${page.headers['content-encoding'] ?? 'identity'}), ` +
            `CSS ${css.body.length} B (${css.headers['content-encoding'] ?? 'identity'}), total ${total} B`,
        )
        expect(total, `${path} weighs ${total} bytes on a first visit`).toBeLessThanOrEqual(
          ARTICLE_FIRST_LOAD_BUDGET,
        )
        checked++
      }
      expect(checked).toBe(paths.length)
    })

    it('sends a lite story, and a Save-Data story with its stylesheet, in at most 20 KB', async () => {
      const [path = ''] = await storyPaths()
      for (const [name, url, headers] of [
        ['lite', `/lite${path}`, FIRST_VISIT],
        ['save-data', path, { ...FIRST_VISIT, 'save-data': 'on' }],
      ] as const) {
        await rawGet(t.baseUrl, url, headers)
        const page = await rawGet(t.baseUrl, url, headers)
        expect(page.status).toBe(200)
        const $ = cheerio.load(await (await t.get(url, { headers })).text())
        const stylesheet = $('link[rel="stylesheet"]').attr('href')
        const css =
          stylesheet === undefined ? 0 : (await rawGet(t.baseUrl, stylesheet, FIRST_VISIT)).body.length
        const total = page.body.length + css
        console.log(`${label} ${name} ${url}: HTML ${page.body.length} B, CSS ${css} B, total ${total} B`)
        expect(total, `${name} ${url} weighs ${total} bytes`).toBeLessThanOrEqual(LITE_BUDGET)
      }
    })

    it('needs no JavaScript and at most HTML + one stylesheet before the text is readable', async () => {
      const stories = (await storyPaths()).slice(0, 3)
      const pages = [
        '/',
        '/latest/',
        ...stories,
        '/search?q=water',
        '/lite/',
        ...stories.map((p) => `/lite${p}`),
      ]
      for (const path of pages) {
        const $ = cheerio.load(await (await t.get(path)).text())
        // Only data blocks (JSON-LD) may be script elements, and a data block is never executed.
        const scripts = $('script')
          .map((_i, s) => ({
            src: $(s).attr('src'),
            type: $(s).attr('type'),
            defer: $(s).attr('defer') !== undefined,
          }))
          .get()
        for (const script of scripts) {
          // One script may run: the offline worker's registration, deferred (it waits for the
          // page), from our own host, and nothing on the page needs it.
          if (script.src !== undefined) {
            expect(script.src, `${path} loads a script`).toMatch(/^\/assets\/offline\.[0-9a-f]{12}\.js$/)
            expect(script.defer, `${path} loads a script that blocks`).toBe(true)
            continue
          }
          expect(script.type, `${path} has an executable script`).toBe('application/ld+json')
        }
        // Render-blocking requests before the text shows: one stylesheet, no fonts preloaded, no imports.
        expect($('head link[rel="stylesheet"]').length, path).toBeLessThanOrEqual(1)
        expect($('link[rel="preload"], link[rel="modulepreload"]').length, path).toBe(0)
        expect($('style').length, path).toBe(0)
      }
    })

    it('loads the offline worker with one small deferred script', async () => {
      const $ = cheerio.load(await (await t.get('/')).text())
      const src = $('script[src]').attr('src') ?? ''
      const script = await rawGet(t.baseUrl, src, FIRST_VISIT)
      expect(script.status).toBe(200)
      console.log(`${label} ${src}: ${script.body.length} B (${script.headers['content-encoding']})`)
      expect(script.body.length).toBeLessThanOrEqual(OFFLINE_SCRIPT_BUDGET)
    })

    it('lazy-loads images with srcset, the phone-sized copy at most 20 KB', async () => {
      let images = 0
      for (const path of await storyPaths()) {
        const $ = cheerio.load(await (await t.get(path)).text())
        // Images narrower than a phone (avatars at 96 px, the 1 px view beacon) need no other copy.
        const wide = $('main img')
          .toArray()
          .filter((img) => Number($(img).attr('width') ?? 0) > 360)
        for (const img of wide) {
          const srcset = $(img).attr('srcset')
          expect(srcset, `${path}: an image without srcset`).toBeTruthy()
          if ($(img).attr('fetchpriority') !== 'high') expect($(img).attr('loading')).toBe('lazy')
          const candidates = [
            srcset ?? '',
            ...$(img)
              .parent('picture')
              .find('source')
              .map((_i, s) => $(s).attr('srcset') ?? '')
              .get(),
          ]
            .flatMap((set) => set.split(','))
            .map((candidate) => candidate.trim().split(/\s+/))
            .map(([url = '', width = '']) => ({ url, width: Number.parseInt(width, 10) }))
          const smallestWidth = Math.min(...candidates.map((c) => c.width))
          expect(smallestWidth, `${path}: no copy for a 360 px phone`).toBeLessThanOrEqual(360)
          for (const candidate of candidates.filter((c) => c.width === smallestWidth)) {
            const response = await t.get(candidate.url)
            expect(response.status).toBe(200)
            const bytes = (await response.arrayBuffer()).byteLength
            console.log(`${label} ${candidate.url}: ${bytes} B`)
            expect(bytes, `${candidate.url} weighs ${bytes} bytes`).toBeLessThanOrEqual(PHONE_IMAGE_BUDGET)
          }
          images++
        }
      }
      expect(images).toBeGreaterThan(0)
    })
  })
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: page budgets in Dari`, () => {
    let t: TestApp
    let storyPath = ''

    beforeAll(async () => {
      t = await startTestApp(engine)
      await seedDemo(t.ctx)
      const [section] = await listSections(t.ctx)
      const author = await makeAuthor(t.ctx, { slug: 'budget-reporter', name: 'خبرنگار کابل' })
      await makeArticle(t.ctx, {
        language: 'fa',
        headline: DARI_STORY.headline,
        dek: DARI_STORY.dek,
        slug: 'kabul-new-wells',
        bodyHtml: DARI_STORY.paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
        sectionId: section?.id ?? 0,
        authorIds: [author],
        publishedAt: '2026-11-27T07:00:00.000Z',
      })
      // Dari lives under /fa/ while English is the default language.
      storyPath = `/fa/${section?.slug}/kabul-new-wells`
    })

    afterAll(async () => {
      await t?.close()
    })

    it('sends a Dari article in at most 25 KB of HTML and CSS, and its font in at most 44 KB more', async () => {
      await rawGet(t.baseUrl, storyPath, FIRST_VISIT)
      const page = await rawGet(t.baseUrl, storyPath, FIRST_VISIT)
      expect(page.status).toBe(200)
      const html = await (await t.get(storyPath)).text()
      const $ = cheerio.load(html)
      expect($('html').attr('dir')).toBe('rtl')
      expect($('h1').text()).toBe(DARI_STORY.headline)
      const stylesheet = $('link[rel="stylesheet"]').attr('href') ?? ''
      const css = await rawGet(t.baseUrl, stylesheet, FIRST_VISIT)
      expect(page.headers['content-encoding']).toBe('br')
      expect(css.headers['content-encoding']).toBe('br')
      const textBytes = page.body.length + css.body.length
      // The fonts a browser fetches for this page: every face the stylesheet declares is used
      // (body text regular, headings bold).
      const cssText = await (await t.get(stylesheet)).text()
      const fontUrls = [...cssText.matchAll(/url\((\/assets\/[^)]+\.woff2)\)/g)].map((m) => m[1] ?? '')
      expect(fontUrls).toHaveLength(2)
      let fontBytes = 0
      for (const url of fontUrls) {
        const font = await rawGet(t.baseUrl, url, FIRST_VISIT)
        expect(font.status).toBe(200)
        expect(font.headers['content-type']).toBe('font/woff2')
        fontBytes += font.body.length
      }
      console.log(
        `${label} Dari ${storyPath}: HTML ${page.body.length} B, CSS ${css.body.length} B, ` +
          `Vazirmatn ${fontBytes} B (${fontUrls.length} files), total ${textBytes + fontBytes} B`,
      )
      expect(textBytes, `${storyPath} weighs ${textBytes} bytes`).toBeLessThanOrEqual(
        ARTICLE_FIRST_LOAD_BUDGET,
      )
      expect(fontBytes, `Vazirmatn weighs ${fontBytes} bytes`).toBeLessThanOrEqual(RTL_FONT_BUDGET)
      // Nothing waits for the font: no preload, and every face swaps.
      expect($('link[rel="preload"]').length).toBe(0)
      expect((cssText.match(/font-display: swap/g) ?? []).length).toBe(fontUrls.length)
    })
  })
}
