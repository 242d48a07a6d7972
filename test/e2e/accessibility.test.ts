// Accessibility (issue 5 §7): axe-core runs in a real browser on the front page, a story, a section,
// search results and the story editor (signed in), in English, Dari (/fa/) and Pashto (/ps/), and
// finds no violation. Light and dark colour schemes both, since the stylesheet has both.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { listSections } from '../../src/sections/sections.service.ts'
import { setInterfaceLanguage } from '../../src/users/users.service.ts'
import { makeStaff, type StaffUser } from '../helpers/admin-client.ts'
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/browser.ts'
import { makeArticle, makeAuthor } from '../helpers/factories.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

if (!hasChromium) {
  console.log(`Accessibility test skipped: ${CHROMIUM_PATH} not found (apt-get install chromium)`)
}

type Language = 'en' | 'fa' | 'ps'

/** Stories written for this test in each language, with a word a search finds. */
const STORIES: Record<Exclude<Language, 'en'>, { headline: string; body: string[]; search: string }> = {
  fa: {
    headline: 'کتابخانهٔ سیار به مکتب‌های ولسوالی‌های دوردست می‌رسد',
    body: [
      'یک موتر کتابخانهٔ سیار هر هفته به شش مکتب در ولسوالی‌های دوردست ولایت پروان سر می‌زند و به شاگردان کتاب امانت می‌دهد.',
      'آموزگاران می‌گویند شاگردان پیش از این جز کتاب‌های درسی کتاب دیگری در دسترس نداشتند.',
    ],
    search: 'کتابخانهٔ',
  },
  ps: {
    headline: 'د ننګرهار بزګرانو د مالټو نوې ونې کرلې',
    body: [
      'د ننګرهار ولایت بزګرانو سږکال د مالټو زرګونه نوې ونې کرلې دي او هیله لري چې په راتلونکو کلونو کې یې حاصل زیات شي.',
      'بزګران وايي چې د اوبو د لګولو نوې طریقې یې د ونو ساتنه اسانه کړې ده.',
    ],
    search: 'بزګرانو',
  },
}

interface Violation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Runs axe-core in the page. The strict CSP forbids inline scripts, so the source is evaluated
 * through the browser's debugging protocol, which the page's CSP does not govern. */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const { violations, rulesPassed } = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the global the evaluated source defined.
    const axe = (window as any).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return {
      rulesPassed: result.passes.length as number,
      violations: result.violations.map(
        (v: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        }),
      ) as Violation[],
    }
  })
  // axe did look at the page: an empty list from a run that checked nothing would prove nothing.
  expect(rulesPassed).toBeGreaterThan(10)
  return violations
}

async function firstLink(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => (link as HTMLAnchorElement).href))
  const found = hrefs.map((href) => new URL(href).pathname).find((path) => pattern.test(path))
  if (found === undefined) throw new Error(`no link matching ${pattern} on ${page.url()}`)
  return found
}

// A busy two-core machine runs several browsers at once: generous limits, checked by the assertions.
describe.skipIf(!hasChromium)('accessibility (axe-core) in three languages', { timeout: 180_000 }, () => {
  let t: TestApp
  let browser: Browser
  const editors = {} as Record<Language, StaffUser>
  const prefixes: Record<Language, string> = { en: '', fa: '/fa', ps: '/ps' }

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    await seedDemo(t.ctx)
    const [section] = await listSections(t.ctx)
    const author = await makeAuthor(t.ctx, { slug: 'axe-reporter', name: 'Axe Reporter' })
    for (const language of ['fa', 'ps'] as const) {
      await makeArticle(t.ctx, {
        language,
        headline: STORIES[language].headline,
        bodyHtml: STORIES[language].body.map((p) => `<p>${p}</p>`).join(''),
        sectionId: section?.id ?? 0,
        authorIds: [author],
        publishedAt: '2026-11-27T07:30:00.000Z',
      })
    }
    for (const language of ['en', 'fa', 'ps'] as const) {
      editors[language] = await makeStaff(t.ctx, 'editor')
      await setInterfaceLanguage(
        t.ctx,
        { kind: 'user', userId: editors[language].id, role: 'editor' },
        language === 'en' ? null : language,
      )
    }
    browser = await launchChromium()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  for (const language of ['en', 'fa', 'ps'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`finds no violations on the public pages in ${language} (${colorScheme})`, async () => {
        const context = await browser.newContext({ colorScheme, serviceWorkers: 'block' })
        const page = await context.newPage()
        const prefix = prefixes[language]
        const found: string[] = []
        const check = async (name: string, path: string): Promise<void> => {
          const response = await page.goto(t.baseUrl + path, { waitUntil: 'networkidle' })
          expect(response?.status(), path).toBe(200)
          if (language !== 'en') expect(await page.getAttribute('html', 'dir'), path).toBe('rtl')
          for (const v of await axeViolations(page)) {
            found.push(
              `${name} ${path}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.slice(0, 3).join(', ')}`,
            )
          }
        }
        await check('home', `${prefix}/`)
        const story =
          language === 'en'
            ? await firstLink(page, /^\/[a-z0-9-]+\/[a-z0-9-]+$/)
            : await firstLink(page, new RegExp(`^${prefix}/[a-z0-9-]+/[^/]+$`))
        await check('article', story)
        if (language !== 'en') expect((await page.textContent('h1'))?.trim()).toBe(STORIES[language].headline)
        const section = await firstLink(
          page,
          new RegExp(`^${prefix}/(?!tag/|author/|latest/|search|lite/)[a-z0-9-]+/$`),
        )
        await check('section', section)
        const query = language === 'en' ? 'water' : STORIES[language].search
        await check('search', `${prefix}/search?q=${encodeURIComponent(query)}`)
        // The page the offline worker shows for a page it has not kept: one, in every language.
        if (language === 'en') await check('offline', '/offline/')
        await context.close()
        expect(found).toEqual([])
      })
    }

    it(`finds no violations in the story editor in ${language}`, async () => {
      const context = await browser.newContext({ serviceWorkers: 'block' })
      const page = await context.newPage()
      const editor = editors[language]
      await page.goto(`${t.baseUrl}/admin/login?next=${encodeURIComponent('/admin/stories/new')}`)
      await page.fill('#email', editor.email)
      await page.fill('#password', editor.password)
      await Promise.all([
        page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
        page.press('#password', 'Enter'),
      ])
      const found: string[] = []
      for (const path of ['/admin/stories/new', '/admin/stories']) {
        await page.goto(t.baseUrl + path, { waitUntil: 'networkidle' })
        expect(new URL(page.url()).pathname).toBe(path)
        expect(await page.getAttribute('html', 'lang')).toBe(language)
        for (const v of await axeViolations(page)) {
          found.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.slice(0, 3).join(', ')}`)
        }
      }
      // An existing story opens in the same editor, with its fields filled in.
      await page.goto(`${t.baseUrl}/admin/stories`, { waitUntil: 'networkidle' })
      const edit = await firstLink(page, /^\/admin\/stories\/\d+$/)
      await page.goto(t.baseUrl + edit, { waitUntil: 'networkidle' })
      for (const v of await axeViolations(page)) {
        found.push(`${edit}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.slice(0, 3).join(', ')}`)
      }
      await context.close()
      expect(found).toEqual([])
    })
  }
})
