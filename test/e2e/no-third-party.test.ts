// No public page may make a request to another host: no font services, CDNs, analytics or
// trackers (issue 5 §4). Every request of every page type is recorded in a real browser; readers
// on metered connections pay for each byte, and a third party learns who reads what.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/browser.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

if (!hasChromium) {
  console.log(
    `Third-party request test skipped: ${CHROMIUM_PATH} not found (install it with: apt-get install chromium)`,
  )
}

/** The first same-site link in the page whose path matches, so the test follows the demo's own URLs. */
async function firstLink(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => (link as HTMLAnchorElement).href))
  const found = hrefs.find((href) => pattern.test(new URL(href).pathname))
  if (found === undefined) throw new Error(`no link matching ${pattern} on ${page.url()}`)
  return new URL(found).pathname
}

/** Scrolls to the bottom so that lazy images (and anything else deferred) are requested too. */
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
      window.scrollTo({ top: y, behavior: 'instant' })
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })
}

describe.skipIf(!hasChromium)('no third-party requests', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  const requests: { page: string; url: string }[] = []
  let current = ''

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    await seedDemo(t.ctx)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('request', (request) => requests.push({ page: current, url: request.url() }))
    // Nothing leaves the machine: a third-party request is recorded, then refused, so the test
    // neither depends on the network nor waits for it.
    const appHost = new URL(t.baseUrl).host
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url())
      return url.host === appHost || url.protocol === 'data:' ? route.continue() : route.abort()
    })
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('requests nothing from another host on any public page type', async () => {
    const visit = async (name: string, path: string): Promise<void> => {
      current = `${name} (${path})`
      await page.goto(t.baseUrl + path, { waitUntil: 'networkidle' })
      await scrollThrough(page)
      await page.waitForLoadState('networkidle')
    }
    await visit('home', '/')
    const article = await firstLink(page, /^\/[a-z0-9-]+\/[a-z0-9-]+$/)
    const section = await firstLink(page, /^\/(?!tag\/|author\/|latest\/|search)[a-z0-9-]+\/$/)
    await visit('article', article)
    const tag = await firstLink(page, /^\/tag\/[^/]+\/$/)
    const author = await firstLink(page, /^\/author\/[^/]+\/$/)
    await visit('section', section)
    await visit('tag', tag)
    await visit('author', author)
    // The month of the fixed test clock (TEST_NOW): the demo's stories are published up to it.
    await visit('month archive', '/2026/11/')
    await visit('latest', '/latest/')
    await visit('search', '/search?q=water')
    await visit('not found', '/no-such-section/no-such-story')
    await visit('lite front', '/lite/')
    await visit('lite story', `/lite${article}`)
    // A reader whose browser saves data: the "Show image" links must not lead elsewhere either.
    await page.setExtraHTTPHeaders({ 'save-data': 'on' })
    await visit('save-data story', article)
    await page.click('main a.show-image')
    await page.waitForLoadState('networkidle')

    const visited = new Set(requests.map((request) => request.page))
    expect(visited.size).toBe(12)
    const appHost = new URL(t.baseUrl).host
    const thirdParty = requests.filter((request) => {
      const url = new URL(request.url)
      return url.protocol !== 'data:' && url.host !== appHost
    })
    expect(thirdParty.map((request) => `${request.page}: ${request.url}`)).toEqual([])
    // The pages did load their own assets, so the recording works.
    expect(requests.some((request) => request.url.includes('.css'))).toBe(true)
  })
})
