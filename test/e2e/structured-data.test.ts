// JSON-LD under the strict CSP in a real browser (Debian's chromium): a data block is not a script
// the CSP has to allow, so no violation may be reported; and a headline holding "</script>" stays
// inside the block (no dialog opens, the block parses in the page).
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_PATH, launchChromium } from '../helpers/browser.ts'
import { HOSTILE_HEADLINE, seedSyndication } from '../helpers/syndication-data.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

describe.skipIf(!existsSync(CHROMIUM_PATH))('structured data in chromium', () => {
  let t: TestApp
  let browser: Browser

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    await seedSyndication(t.ctx)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('logs no CSP violation and keeps a hostile headline inside the JSON-LD block', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      // The test's images are database rows without files: their 404s are not what this checks.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('dialog', async (d) => {
      problems.push(`dialog: ${d.message()}`)
      await d.dismiss()
    })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP: ${e.violatedDirective}`),
      )
    })
    for (const path of ['/politics/water-and-power', '/', '/politics/', '/author/at-news/']) {
      await page.goto(`${t.baseUrl}${path}`)
      const blocks = await page.evaluate(() =>
        Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map((s) =>
          JSON.parse(s.textContent ?? ''),
        ),
      )
      expect(blocks.length, path).toBeGreaterThan(0)
      if (path === '/politics/water-and-power') expect(blocks[0].headline).toBe(HOSTILE_HEADLINE)
    }
    expect(problems).toEqual([])
    await page.close()
  })
})
