// Offline reading (issue 5 §6) in a real browser: a reader opens the front page and three stories,
// loses the connection, and still opens one of those stories and the front page from the service
// worker's copies; a story never read gets the offline page. The worker keeps the last 20 stories
// only, and never anything of the newsroom's: a signed-in editor's admin pages are not in any cache.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { makeStaff, type StaffUser } from '../helpers/admin-client.ts'
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/browser.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

if (!hasChromium) {
  console.log(`Offline reading test skipped: ${CHROMIUM_PATH} not found (apt-get install chromium)`)
}

/** Every URL in the worker's caches, by cache name, read from inside the page. */
async function cachedUrls(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const result: Record<string, string[]> = {}
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      result[name] = (await cache.keys()).map((request) => new URL(request.url).pathname)
    }
    return result
  })
}

/**
 * Waits until the worker controls the page, then loads the page again: the first visit was
 * answered before there was a worker, so only the second goes through it.
 */
async function waitForWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (navigator.serviceWorker.controller) return
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve))
  })
  await page.reload({ waitUntil: 'networkidle' })
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
}

/** Waits until the worker has put `path` in the cache called `cacheName` (it stores after answering). */
async function waitUntilCached(page: Page, cacheName: string, path: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await cachedUrls(page))[cacheName]?.includes(path)) return
    await page.waitForTimeout(100)
  }
  throw new Error(`${path} never reached ${cacheName}: ${JSON.stringify(await cachedUrls(page))}`)
}

async function storyLinks(page: Page): Promise<string[]> {
  const hrefs = await page.$$eval('main a[href]', (links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  )
  return [...new Set(hrefs.filter((href) => /^\/(?!tag\/|author\/)[a-z0-9-]+\/[a-z0-9-]+$/.test(href)))]
}

async function signIn(page: Page, baseUrl: string, user: StaffUser, next: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login?next=${encodeURIComponent(next)}`)
  await page.fill('#email', user.email)
  await page.fill('#password', user.password)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
    page.press('#password', 'Enter'),
  ])
}

// A busy two-core machine runs several browsers at once: generous limits, checked by the assertions.
describe.skipIf(!hasChromium)('offline reading', { timeout: 180_000 }, () => {
  let t: TestApp
  let browser: Browser
  let editor: StaffUser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    await seedDemo(t.ctx)
    editor = await makeStaff(t.ctx, 'editor')
    browser = await launchChromium()
  }, 180_000)

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await t?.close()
  })

  async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext()
    contexts.push(context)
    return { context, page: await context.newPage() }
  }

  it('serves the worker from the root, revalidated on every check, under the strict CSP', async () => {
    const response = await t.get('/sw.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('service-worker-allowed')).toBe('/')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    const source = await response.text()
    expect(source).toMatch(/^self\.DATELINE_OFFLINE = \{"version":"[0-9a-f]{12}"/)
    // It travels compressed, and a check for a new version while nothing changed is a 304.
    const compressed = await t.get('/sw.js', { headers: { 'accept-encoding': 'br' } })
    expect(compressed.headers.get('content-encoding')).toBe('br')
    const etag = compressed.headers.get('etag') ?? ''
    expect(etag).not.toBe('')
    const recheck = await t.get('/sw.js', { headers: { 'accept-encoding': 'br', 'if-none-match': etag } })
    expect(recheck.status).toBe(304)
  })

  it('opens the front page and stories already read without a connection; others get the offline page', async () => {
    const { context, page } = await freshPage()
    await page.goto(`${t.baseUrl}/`, { waitUntil: 'networkidle' })
    await waitForWorker(page)
    await waitUntilCached(page, 'dateline-headlines', '/')
    // The lite front page came with the worker, unasked: headlines even for a reader who never opens it.
    expect((await cachedUrls(page))['dateline-headlines']).toContain('/lite/')
    const shell = Object.entries(await cachedUrls(page)).find(([name]) => name.startsWith('dateline-shell-'))
    expect(shell?.[1]).toEqual(expect.arrayContaining(['/offline/', '/favicon.svg']))
    expect(shell?.[1].some((path) => /^\/assets\/site\.[0-9a-f]{12}\.css$/.test(path))).toBe(true)
    // An English reader's phone keeps no font: only Dari and Pashto pages use one.
    expect(shell?.[1].some((path) => path.endsWith('.woff2'))).toBe(false)

    const stories = await storyLinks(page)
    expect(stories.length).toBeGreaterThan(4)
    const [first = '', second = '', third = '', unread = ''] = stories
    const headlines: Record<string, string> = {}
    for (const story of [first, second, third]) {
      await page.goto(t.baseUrl + story, { waitUntil: 'networkidle' })
      headlines[story] = (await page.textContent('h1'))?.trim() ?? ''
      await waitUntilCached(page, 'dateline-stories', story)
    }
    // Never kept: search results.
    await page.goto(`${t.baseUrl}/search?q=water`, { waitUntil: 'networkidle' })

    await context.setOffline(true)
    const offlineStory = await page.goto(t.baseUrl + second)
    expect(offlineStory?.status()).toBe(200)
    expect(offlineStory?.fromServiceWorker()).toBe(true)
    expect((await page.textContent('h1'))?.trim()).toBe(headlines[second])
    // The stylesheet comes from the worker's shell too: the story is laid out, not bare.
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('flex')

    const offlineHome = await page.goto(`${t.baseUrl}/`)
    expect(offlineHome?.fromServiceWorker()).toBe(true)
    expect(await storyLinks(page)).toEqual(stories)

    for (const path of [unread, '/search?q=water']) {
      await page.goto(t.baseUrl + path)
      expect(await page.textContent('h1')).toBe('You are offline')
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      // In every language of the site, each marked as such.
      expect(await page.textContent('section[lang="fa-AF"] h2')).toBe('شما به انترنت وصل نیستید')
      expect(await page.getAttribute('section[lang="ps-AF"]', 'dir')).toBe('rtl')
    }
    await context.setOffline(false)
  })

  it('keeps only the last 20 stories read', async () => {
    const { page } = await freshPage()
    await page.goto(`${t.baseUrl}/latest/`, { waitUntil: 'networkidle' })
    await waitForWorker(page)
    const stories = [...(await storyLinks(page))]
    await page.goto(`${t.baseUrl}/latest/page/2/`, { waitUntil: 'networkidle' })
    stories.push(...(await storyLinks(page)).filter((story) => !stories.includes(story)))
    expect(stories.length).toBeGreaterThanOrEqual(22)
    const read = stories.slice(0, 22)
    for (const story of read) {
      await page.goto(t.baseUrl + story, { waitUntil: 'domcontentloaded' })
      await waitUntilCached(page, 'dateline-stories', story)
    }
    // Trimming runs after the last story is stored: wait for it to settle.
    let kept: string[] = []
    for (let attempt = 0; attempt < 50; attempt += 1) {
      kept = (await cachedUrls(page))['dateline-stories'] ?? []
      if (kept.length === 20) break
      await page.waitForTimeout(100)
    }
    expect(kept).toHaveLength(20)
    expect(kept).not.toContain(read[0])
    expect(kept).not.toContain(read[1])
    expect(kept).toEqual(expect.arrayContaining(read.slice(2)))
  })

  it('keeps its copies when the reader switches lite mode, and keeps lite-mode pages', async () => {
    const { page } = await freshPage()
    await page.goto(`${t.baseUrl}/`, { waitUntil: 'networkidle' })
    await waitForWorker(page)
    const [story = '', other = ''] = await storyLinks(page)
    await page.goto(t.baseUrl + story, { waitUntil: 'networkidle' })
    await waitUntilCached(page, 'dateline-stories', story)
    // The switch clears the browser's HTTP cache (Clear-Site-Data: "cache"), not the worker's.
    await Promise.all([page.waitForURL(t.baseUrl + story), page.click('footer form.lite-mode-toggle button')])
    expect(await page.getAttribute('html', 'class')).toBe('save-data')
    expect((await cachedUrls(page))['dateline-stories']).toContain(story)
    // A lite-mode page is private to shared caches, not to the reader's own phone.
    await page.goto(t.baseUrl + other, { waitUntil: 'networkidle' })
    await waitUntilCached(page, 'dateline-stories', other)
  })

  it('never keeps a signed-in editor’s admin pages', async () => {
    const { page } = await freshPage()
    await page.goto(`${t.baseUrl}/`, { waitUntil: 'networkidle' })
    await waitForWorker(page)
    await signIn(page, t.baseUrl, editor, '/admin/stories')
    const adminPaths = ['/admin', '/admin/stories', '/admin/stories/new']
    for (const path of adminPaths) {
      const response = await page.goto(t.baseUrl + path, { waitUntil: 'networkidle' })
      expect(response?.status(), path).toBe(200)
      // The worker stands aside: the admin is answered by the network alone.
      expect(response?.fromServiceWorker(), path).toBe(false)
      expect(new URL(page.url()).pathname).toBe(path)
    }
    // Public pages read while signed in are not kept either: the worker cannot see the HttpOnly
    // session cookie, but every response to it is `private, no-store`, which the worker honours.
    const story = await page.goto(`${t.baseUrl}/latest/`, { waitUntil: 'networkidle' })
    expect(story?.headers()['cache-control']).toBe('private, no-store')
    const [unread = ''] = await storyLinks(page)
    await page.goto(t.baseUrl + unread, { waitUntil: 'networkidle' })
    await page.waitForTimeout(300)
    const everything = Object.values(await cachedUrls(page)).flat()
    expect(everything.length).toBeGreaterThan(0)
    expect(everything.filter((path) => /^\/(admin|preview|api)(\/|$)/.test(path))).toEqual([])
    expect(everything).not.toContain(unread)
    expect(everything).not.toContain('/latest/')
  })
})
