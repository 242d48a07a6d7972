// A mirror copy opened straight from disk (file://) in a real browser (Debian's chromium): the
// front page with its stylesheet, a section, a story, the copy's own search (its script and
// index from the copy's files, no server) and the list of mirrors — with no failed request and no
// console error (a CSP violation or a missing file would show as one).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportMirror } from '../../src/mirror/mirror-export.ts'
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/browser.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from '../helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.ts'

if (!hasChromium)
  console.log(`Mirror browser test skipped: ${CHROMIUM_PATH} not found (apt-get install chromium)`)

describe.skipIf(!hasChromium)('a mirror copy opened from disk in chromium', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let work: string
  let root: string
  const problems: string[] = []

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    const news = await makeSection(t.ctx, { slug: 'news', name: 'News', position: 1 })
    const author = await makeAuthor(t.ctx, { slug: 'reporter', name: 'Reporter' })
    await makeArticle(t.ctx, {
      headline: 'Road works close the old bridge',
      slug: 'road-works-close-the-old-bridge',
      bodyHtml: paragraphs('The old bridge will be closed for two weeks while crews repair its deck.'),
      sectionId: news,
      authorIds: [author],
    })
    await makeArticle(t.ctx, {
      headline: 'Council meets on water prices',
      sectionId: news,
      authorIds: [author],
    })
    await t.ctx.db
      .insertInto('settings')
      .values({
        key: 'mirror_hosts',
        value: 'https://mirror.example.net/',
        updated_at: TEST_NOW.toISOString(),
      })
      .execute()
    t.ctx.settingsCache?.clear()
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-mirror-e2e-'))
    const report = await exportMirror(t.ctx, path.join(work, 'copy'))
    expect(report.failed).toEqual([])
    root = pathToFileURL(path.join(work, 'copy')).href
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1024, height: 800 } })
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`))
    page.on('pageerror', (error) => problems.push(`error: ${error.message}`))
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
    if (work) fs.rmSync(work, { recursive: true, force: true })
  })

  it('reads the front page, a section and a story from files', async () => {
    await page.goto(`${root}/index.html`)
    expect(await page.title()).toContain('Dateline Daily')
    // The stylesheet came from the copy: the masthead is laid out by it, not by the browser's defaults.
    const stylesheets = await page.evaluate(() => document.styleSheets.length)
    expect(stylesheets).toBe(1)
    await page.click('.section-nav a:has-text("News")')
    await page.waitForURL(/\/news\/index\.html$/)
    await page.click('a:has-text("Road works close the old bridge")')
    await page.waitForURL(/\/news\/road-works-close-the-old-bridge\.html$/)
    expect(await page.textContent('h1')).toContain('Road works close the old bridge')
    expect(problems).toEqual([])
  })

  it('searches the copy without a server and opens a result', async () => {
    await page.fill('#masthead-q', 'bridge')
    await page.press('#masthead-q', 'Enter')
    await page.waitForURL(/\/search\/index\.html\?q=bridge$/)
    await page.waitForSelector('#mirror-results li a')
    const results = await page.$$eval('#mirror-results li a', (links) => links.map((a) => a.textContent))
    expect(results).toEqual(['Road works close the old bridge'])
    expect(await page.textContent('#mirror-status')).toContain('1 story matches')
    await page.click('#mirror-results li a')
    await page.waitForURL(/\/news\/road-works-close-the-old-bridge\.html$/)
    expect(problems).toEqual([])
  })

  it('finds the list of mirrors from the footer', async () => {
    await page.click('.mirrors-link a')
    await page.waitForURL(/\/mirrors\/index\.html$/)
    expect(await page.textContent('.mirror-list')).toContain('https://mirror.example.net/')
    expect(problems).toEqual([])
  })
})
