// Writing a Dari story in a real browser (Debian's chromium): an editor whose admin language is
// Dari opens a new story, switches the story's language to Dari, and types a headline with an
// English name and Dari punctuation and a body paragraph. The editing area, headline, dek and
// dateline take dir="rtl" and lang="fa" as soon as the language changes; the toolbar speaks Dari;
// what is stored is exactly what was typed. Screenshots of the story list and the editor in Dari
// land in test-output/ for people to look at.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeStaff, type StaffUser } from '../helpers/admin-client.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { makeArticle, makeAuthor, makeSection } from '../helpers/factories.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

const outputDir = new URL('../../test-output/', import.meta.url)

/** An English name inside Dari text, and Dari punctuation (« » ، ؟) around it. */
const HEADLINE = 'دیدار «Sarah Johnson» با شورای شهر کابل، آیا آب می‌رسد؟'
const PARAGRAPH = 'شورای شهر امروز گفت که ۱۲ چاه تازه در شمال شهر کنده می‌شود.'

async function direction(page: Page, selector: string): Promise<{ dir: string; lang: string; css: string }> {
  return page.locator(selector).evaluate((el) => ({
    dir: el.getAttribute('dir') ?? '',
    lang: el.getAttribute('lang') ?? '',
    css: getComputedStyle(el).direction,
  }))
}

describe.skipIf(!hasChromium)('writing a Dari story in chromium', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let editor: StaffUser
  const browserErrors: string[] = []

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    const sectionId = await makeSection(t.ctx, { slug: 'kabul', name: 'کابل' })
    const authorId = await makeAuthor(t.ctx, { name: 'مریم سادات', slug: 'maryam-sadat' })
    await makeArticle(t.ctx, {
      sectionId,
      authorIds: [authorId],
      language: 'fa',
      headline: 'بازگشایی کتابخانهٔ عامه پس از ده سال',
    })
    await makeArticle(t.ctx, {
      sectionId,
      authorIds: [authorId],
      language: 'en',
      headline: 'Water board opens twelve new wells',
      status: 'draft',
      publishedAt: null,
    })
    editor = await makeStaff(t.ctx, 'editor')
    await t.ctx.db.updateTable('users').set({ ui_language: 'fa' }).where('id', '=', editor.id).execute()
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('dialog', (dialog) => void dialog.accept())
    page.on('pageerror', (error) => browserErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
        browserErrors.push(message.text())
    })
    mkdirSync(outputDir, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('writes right to left, stores what was typed, and shows the admin in Dari', async () => {
    await page.goto(`${t.baseUrl}/admin/login?next=${encodeURIComponent('/admin/stories')}`)
    await page.fill('#email', editor.email)
    await page.fill('#password', editor.password)
    await Promise.all([page.waitForURL('**/admin/stories'), page.press('#password', 'Enter')])
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await page.locator('h1').textContent()).toBe('گزارش‌ها')
    await page.screenshot({ path: new URL('admin-story-list-fa.png', outputDir).pathname, fullPage: true })

    await Promise.all([
      page.waitForURL('**/admin/stories/new'),
      page.getByRole('link', { name: 'گزارش تازه' }).click(),
    ])
    await page.locator('.editor-root.is-ready').waitFor()
    // The toolbar's words come from the catalog, in Dari.
    expect(await page.locator('.tool-bold').getAttribute('aria-label')).toBe('پررنگ')
    expect(await page.locator('.editor-toolbar').getAttribute('aria-label')).toBe('قالب‌بندی')

    // A new story starts in the site's language (English); choosing Dari turns the fields around.
    expect((await direction(page, '.editor-content')).css).toBe('ltr')
    await page.selectOption('#language', 'fa')
    for (const selector of ['#headline', '#dek', '#dateline', '#bodyHtml', '.editor-content']) {
      expect(await direction(page, selector), selector).toEqual({ dir: 'rtl', lang: 'fa', css: 'rtl' })
    }

    await page.locator('#headline').fill(HEADLINE)
    await page.locator('#dek').fill('شهروندان می‌پرسند: چه زمانی؟')
    await page.locator('#dateline').fill('کابل')
    await page.locator('.editor-content').click()
    await page.keyboard.type(PARAGRAPH)
    await page.locator('#authorIds').selectOption({ index: 0 })
    await page.screenshot({ path: new URL('admin-editor-fa.png', outputDir).pathname, fullPage: true })

    await Promise.all([
      page.waitForURL(/\/admin\/stories\/\d+\?notice=created$/),
      page.getByRole('button', { name: 'ذخیره', exact: true }).click(),
    ])
    expect(await page.locator('.notice-success').textContent()).toContain('پیش‌نویس ذخیره شد')
    const id = Number(/\/admin\/stories\/(\d+)/.exec(page.url())?.[1])
    const row = await t.ctx.db
      .selectFrom('articles')
      .select(['headline', 'body_html', 'language', 'dek', 'dateline'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.headline).toBe(HEADLINE)
    expect(row.language).toBe('fa')
    expect(row.dateline).toBe('کابل')
    expect(row.body_html).toBe(`<p>${PARAGRAPH}</p>`)

    // Opened again, the stored story's fields are right to left from the first byte (no script needed).
    await page.reload()
    await page.locator('.editor-root.is-ready').waitFor()
    expect(await direction(page, '.editor-content')).toEqual({ dir: 'rtl', lang: 'fa', css: 'rtl' })
    expect(await page.locator('#headline').inputValue()).toBe(HEADLINE)
    await page.screenshot({ path: new URL('admin-editor-fa-saved.png', outputDir).pathname, fullPage: true })
    expect(browserErrors).toEqual([])
  })

  it('gives the plain textarea the story’s direction without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const plain = await context.newPage()
    await plain.goto(`${t.baseUrl}/admin/login?next=${encodeURIComponent('/admin/stories')}`)
    await plain.fill('#email', editor.email)
    await plain.fill('#password', editor.password)
    await Promise.all([plain.waitForURL('**/admin/stories'), plain.press('#password', 'Enter')])
    const first = await plain.locator('.story-table a[href^="/admin/stories/"]').first().getAttribute('href')
    await plain.goto(`${t.baseUrl}${first}`)
    expect(await plain.locator('#bodyHtml').isVisible()).toBe(true)
    expect(await direction(plain, '#bodyHtml')).toEqual({ dir: 'rtl', lang: 'fa', css: 'rtl' })
    await context.close()
  })
})
