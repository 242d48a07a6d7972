// A reader moving between languages in a real browser (Debian's chromium through playwright-core),
// on the demo newsroom: the masthead's switch to Dari, a Dari story that translates an English one,
// its "Read this in English" link, and the language switch of a story leading to its translation.
// Screenshots land in test-output/ for people to look at; the assertions are the proof.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

const outputDir = new URL('../../test-output/', import.meta.url)

describe.skipIf(!hasChromium)('moving between languages in chromium', () => {
  let t: TestApp
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    await seedDemo(t.ctx)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    mkdirSync(outputDir, { recursive: true })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('switches to Dari in the masthead, reads a translated story and goes back to its English original', async () => {
    await page.goto(`${t.baseUrl}/`)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.click('.language-switch a[lang=fa]')
    await page.waitForURL(`${t.baseUrl}/fa/`)
    expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    // The navigation speaks Dari: section names and addresses.
    expect(await page.textContent('.section-nav a[href="/fa/society/"]')).toBe('جامعه')
    await page.screenshot({ path: new URL('languages-home-fa.png', outputDir).pathname })

    // The Dari version of the drains story, from the Dari politics page.
    await page.click('.section-nav a[href="/fa/politics/"]')
    await page.waitForURL(`${t.baseUrl}/fa/politics/`)
    await page.click('text=شاروالی کابل پیش از باران‌های بهاری')
    expect(new URL(page.url()).pathname.startsWith('/fa/politics/')).toBe(true)
    expect(await page.textContent('h1')).toContain('شاروالی کابل')
    const links = page.locator('.story-translations a')
    expect(await links.count()).toBe(2)
    expect(await links.first().getAttribute('lang')).toBe('en')
    await page.screenshot({ path: new URL('languages-story-fa.png', outputDir).pathname, fullPage: true })

    await page.click('.story-translations a[lang=en]')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.textContent('h1')).toBe(
      'Kabul municipality plans to reline western drains before spring rains',
    )
    // From the English story, the masthead's Pashto link is the Pashto translation itself.
    const pashto = await page.getAttribute('.language-switch a[lang=ps]', 'href')
    expect(pashto?.startsWith('/ps/politics/')).toBe(true)
    await page.click('.language-switch a[lang=ps]')
    expect(await page.getAttribute('html', 'lang')).toBe('ps')
    expect(await page.textContent('h1')).toContain('د کابل ښاروالۍ')
  }, 60_000)
})
