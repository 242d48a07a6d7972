// The lite-mode switch in a real browser (issue 5 §5): a reader on a browser that never sends
// Save-Data taps "Lite mode" at the foot of a story, comes back to the same story without its
// images (each a link), and taps again to get them back. No JavaScript is involved: the browser runs
// with it switched off.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

/** Images that cost bytes on the page: anything but the 1 px view beacon. */
async function mediaImages(page: Page): Promise<number> {
  return page.$$eval(
    'main img',
    (images) => images.filter((img) => !(img as HTMLImageElement).src.includes('/api/')).length,
  )
}

// A busy two-core machine runs several browsers at once: generous limits, checked by the assertions.
describe.skipIf(!hasChromium)('lite mode switch in chromium', { timeout: 180_000 }, () => {
  let t: TestApp
  let browser: Browser

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    await seedDemo(t.ctx)
    browser = await launchChromium()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('switches a story to lite mode and back with a tap, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${t.baseUrl}/`)
    const story = await page.getAttribute('.lead-story .lead-headline a', 'href')
    expect(story).toMatch(/^\/[a-z0-9-]+\/[a-z0-9-]+$/)
    await page.goto(t.baseUrl + story)
    expect(await mediaImages(page)).toBeGreaterThan(0)

    await Promise.all([
      page.waitForURL(t.baseUrl + story),
      page.click('footer button:has-text("Lite mode: no images")'),
    ])
    expect(new URL(page.url()).pathname).toBe(story)
    expect(await mediaImages(page)).toBe(0)
    expect(await page.locator('main a.show-image').count()).toBeGreaterThan(0)
    const cookies = await context.cookies()
    expect(cookies.map((c) => [c.name, c.value, c.sameSite, c.httpOnly])).toEqual([
      ['dateline_lite', '1', 'Lax', true],
    ])
    // Every page now comes light, the front page included.
    await page.goto(`${t.baseUrl}/`)
    expect(await mediaImages(page)).toBe(0)

    await Promise.all([
      page.waitForURL(`${t.baseUrl}/`),
      page.click('footer button:has-text("show images again")'),
    ])
    expect(await mediaImages(page)).toBeGreaterThan(0)
    expect(await context.cookies()).toEqual([])
    await context.close()
  })
})
