// A reader's journey in a real browser (Debian's chromium through playwright-core): the front page
// of the demo newsroom, a click on the lead story, and the article page's furniture and keyboard
// access. Screenshots land in test-output/ for people to look at; the assertions are the proof.
import { mkdirSync } from 'node:fs'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/browser.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

const outputDir = new URL('../../test-output/', import.meta.url)

if (!hasChromium) {
  console.log(
    `Browser journey skipped: ${CHROMIUM_PATH} not found (install it with: apt-get install chromium)`,
  )
}

/** The element's text as written in the page (textContent: CSS may upper-case what readers see). */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim()
}

/** Scrolls through the page so lazy images load, then waits for them; returns the ones that failed. */
async function loadAllImages(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
      window.scrollTo({ top: y, behavior: 'instant' })
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    window.scrollTo({ top: 0, behavior: 'instant' })
  })
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete), undefined, {
    timeout: 5_000,
  })
  return page.evaluate(() =>
    Array.from(document.images)
      .filter((img) => img.naturalWidth === 0)
      .map((img) => img.src),
  )
}

describe.skipIf(!hasChromium)('reader journey in chromium', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let articleUrl = ''
  const browserErrors: string[] = []

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    await seedDemo(t.ctx)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    // A CSP violation (an inline style or script slipping into a template) shows up as a console error.
    page.on('console', (message) => {
      // The browser asks for /favicon.ico on its own; the site has none yet, and that is no page error.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
        browserErrors.push(`${message.text()} (${message.location().url})`)
      }
    })
    page.on('pageerror', (error) => browserErrors.push(error.message))
    page.on('response', (response) => {
      if (response.status() >= 400) browserErrors.push(`${response.status()} ${response.url()}`)
    })
    mkdirSync(outputDir, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('goes from the front page to the lead story and finds everything a news article needs', async () => {
    await page.goto(`${t.baseUrl}/`)
    const leadLink = page.locator('.lead-story .lead-headline a')
    const leadHeadline = await text(leadLink)
    const leadSection = await text(page.locator('.lead-story .kicker'))
    expect(leadHeadline).not.toBe('')
    expect(await loadAllImages(page)).toEqual([])
    await page.screenshot({ path: new URL('home.png', outputDir).pathname, fullPage: true })

    await Promise.all([page.waitForURL((url) => url.pathname !== '/'), leadLink.click()])

    articleUrl = page.url()
    expect(await text(page.locator('h1'))).toBe(leadHeadline)
    const crumbs = await page.locator('nav.breadcrumb li').allTextContents()
    expect(crumbs.map((c) => c.trim())).toEqual(['Home', leadSection, leadHeadline])

    const byline = page.locator('.story-header .byline')
    expect(await byline.isVisible()).toBe(true)
    expect(await byline.locator('a[href^="/author/"]').count()).toBeGreaterThanOrEqual(1)

    const about = page.locator('.about-author').first()
    expect(await about.isVisible()).toBe(true)
    expect(await text(about.locator('h2'))).toMatch(/^About \S/)

    const checkAlso = page.locator('aside.check-also')
    expect(await checkAlso.isVisible()).toBe(true)
    expect(await text(checkAlso.locator('h2'))).toBe('Check Also')
    const suggestion = checkAlso.locator('h3 a')
    expect(await suggestion.isVisible()).toBe(true)
    expect(await suggestion.getAttribute('href')).toMatch(/^\/[a-z0-9-]+\/[a-z0-9-]+$/)
    const excerpt = await text(checkAlso.locator('.check-also-excerpt'))
    expect(excerpt.length).toBeGreaterThan(20)
    expect(excerpt.endsWith('…')).toBe(true)

    expect(await loadAllImages(page)).toEqual([])
    await page.screenshot({ path: new URL('article.png', outputDir).pathname, fullPage: true })
    expect(browserErrors).toEqual([])
  })

  it('lets a keyboard user skip straight to the story', async () => {
    // A fresh load, so that focus starts at the top of the document.
    await page.goto(articleUrl)
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement
      const box = el?.getBoundingClientRect()
      return { className: el?.className ?? '', isOnScreen: Boolean(box && box.top >= 0 && box.height > 0) }
    })
    expect(focused).toEqual({ className: 'skip-link', isOnScreen: true })
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content')
  })

  it('opens a story when its picture is tapped, though the picture is no link of its own', async () => {
    await page.goto(`${t.baseUrl}/`)
    const card = page
      .locator('.section-block .story-card')
      .filter({ has: page.locator('img') })
      .first()
    const storyUrl = await card.locator('.story-card-headline a').getAttribute('href')
    // force: the headline link's overlay lies on the picture, which is the point of the test.
    await Promise.all([
      page.waitForURL((url) => url.pathname === storyUrl),
      card.locator('.story-card-image').click({ force: true }),
    ])
  })

  it('fits a 375px phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 })
    for (const url of [`${t.baseUrl}/`, articleUrl]) {
      await page.goto(url)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, `${url} is wider than the screen`).toBeLessThanOrEqual(0)
    }
  })

  it('keeps a search result’s highlighted passage on a phone screen, where listings drop excerpts', async () => {
    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(`${t.baseUrl}/search?q=water`)
    // Why a story matched is the point of a search result; a section listing's excerpt is not.
    await expect
      .poll(() => page.locator('.search-result .story-card-excerpt mark').first().isVisible())
      .toBe(true)
    await page.goto(`${t.baseUrl}/latest/`)
    expect(await page.locator('.story-list .story-card-excerpt').first().isVisible()).toBe(false)
  })
})
