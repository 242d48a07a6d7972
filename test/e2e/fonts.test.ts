// Vazirmatn is loaded only on right-to-left pages (issue 5 §4): an English page downloads no font
// file at all, a Dari page downloads the arabic subset as WOFF2 from our own host, and a reader who
// saves data keeps the system font. Every request is recorded in a real browser.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

interface Recorded {
  url: string
  status: number
  contentType: string
  cacheControl: string
}

// A busy two-core machine runs several browsers at once: generous limits, checked by the assertions.
describe.skipIf(!hasChromium)('Vazirmatn on right-to-left pages only', { timeout: 180_000 }, () => {
  let t: TestApp
  let browser: Browser

  beforeAll(async () => {
    // The demo newsroom: English at the root, Dari under /fa/, Pashto under /ps/.
    t = await startTestApp('sqlite')
    await seedDemo(t.ctx)
    browser = await launchChromium()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  /** Opens a page in a fresh browser (empty cache, no service worker) and records every response. */
  async function visit(
    t: TestApp,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ responses: Recorded[]; bodyFont: string; isVazirmatnLoaded: boolean }> {
    const context = await browser.newContext({ serviceWorkers: 'block', extraHTTPHeaders: headers })
    const page = await context.newPage()
    const responses: Recorded[] = []
    page.on('response', (response) =>
      responses.push({
        url: response.url(),
        status: response.status(),
        contentType: response.headers()['content-type'] ?? '',
        cacheControl: response.headers()['cache-control'] ?? '',
      }),
    )
    await page.goto(t.baseUrl + path, { waitUntil: 'networkidle' })
    await page.evaluate(() => document.fonts.ready)
    const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily)
    const isVazirmatnLoaded = await page.evaluate(() => {
      let isLoaded = false
      document.fonts.forEach((face) => {
        if (face.family.replace(/"/g, '') === 'Vazirmatn' && face.status === 'loaded') isLoaded = true
      })
      return isLoaded
    })
    await context.close()
    return { responses, bodyFont, isVazirmatnLoaded }
  }

  const isFont = (r: Recorded) => /\.(woff2?|ttf|otf)(\?|$)/.test(r.url) || r.contentType.startsWith('font/')

  it('downloads no font on an English page', async () => {
    for (const path of ['/', '/latest/']) {
      const { responses, bodyFont, isVazirmatnLoaded } = await visit(t, path)
      expect(responses.some((r) => r.url.includes('/assets/site.'))).toBe(true)
      expect(responses.filter(isFont).map((r) => r.url)).toEqual([])
      expect(bodyFont).not.toContain('Vazirmatn')
      expect(isVazirmatnLoaded).toBe(false)
    }
  })

  it('downloads the arabic subset of Vazirmatn as WOFF2 from our own host on Dari and Pashto pages', async () => {
    for (const path of ['/fa/', '/ps/']) {
      const { responses, bodyFont, isVazirmatnLoaded } = await visit(t, path)
      const fonts = responses.filter(isFont)
      expect(fonts.length, path).toBeGreaterThan(0)
      for (const font of fonts) {
        expect(new URL(font.url).origin).toBe(t.baseUrl)
        expect(new URL(font.url).pathname).toMatch(
          /^\/assets\/vazirmatn-arabic-(400|700)\.[0-9a-f]{12}\.woff2$/,
        )
        expect(font.status).toBe(200)
        expect(font.contentType).toBe('font/woff2')
        expect(font.cacheControl).toBe('public, max-age=31536000, immutable')
      }
      expect(bodyFont).toMatch(/^Vazirmatn,/)
      expect(isVazirmatnLoaded).toBe(true)
    }
  })

  it('keeps the system font for a Dari reader who saves data', async () => {
    const { responses, bodyFont } = await visit(t, '/fa/', { 'save-data': 'on' })
    expect(responses.filter(isFont).map((r) => r.url)).toEqual([])
    expect(bodyFont).not.toContain('Vazirmatn')
  })

  it('declares the faces with font-display: swap, so text never waits for them', async () => {
    const css = await (await t.get(cssPath(await (await t.get('/fa/')).text()))).text()
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? []
    expect(faces).toHaveLength(2)
    for (const face of faces) {
      expect(face).toContain('font-display: swap')
      expect(face).toContain('unicode-range')
      expect(face).toMatch(/format\("woff2"\)/)
    }
  })
})

function cssPath(html: string): string {
  const match = /<link rel="stylesheet" href="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('no stylesheet')
  return match[1]
}
