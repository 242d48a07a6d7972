// The story editor in a real browser (Debian's chromium through playwright-core): an editor signs
// in, writes a story in the TipTap island with the keyboard only (toolbar by Tab/Enter, bold and
// link by shortcuts), waits for autosave, loses the session while writing and gets the text back
// after signing in again, publishes, and reads the story on the public site. Screenshots of the
// story list and the editor (also 360 px wide) land in test-output/ for people to look at.
import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScheduler } from '../../src/articles/scheduler.ts'
import { systemActor } from '../../src/context.ts'
import { uploadMedia } from '../../src/media/media.service.ts'
import { makeStaff, manualClock, type StaffUser } from '../helpers/admin-client.ts'
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/browser.ts'
import { makeArticle, makeAuthor, makeSection } from '../helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.ts'

const outputDir = new URL('../../test-output/', import.meta.url)

if (!hasChromium) {
  console.log(
    `Story editor journey skipped: ${CHROMIUM_PATH} not found (install it with: apt-get install chromium)`,
  )
}

/** The element's text, trimmed (textContent: what the page holds, whatever the CSS does). */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim()
}

/** Presses Tab until the element matching `selector` has focus (keyboard-only navigation). */
async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`could not reach ${selector} with Tab`)
}

async function signIn(page: Page, baseUrl: string, user: StaffUser, next = '/admin'): Promise<void> {
  await page.goto(`${baseUrl}/admin/login?next=${encodeURIComponent(next)}`)
  await page.fill('#email', user.email)
  await page.fill('#password', user.password)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
    page.press('#password', 'Enter'),
  ])
}

describe.skipIf(!hasChromium)('story editor journey in chromium', () => {
  let t: TestApp
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let editor: StaffUser
  let authorId: number
  const clock = manualClock(TEST_NOW)
  const browserErrors: string[] = []

  beforeAll(async () => {
    t = await startTestApp('sqlite', { clock })
    const sectionId = await makeSection(t.ctx, { slug: 'society', name: 'Society' })
    authorId = await makeAuthor(t.ctx, { name: 'Maryam Sadat', slug: 'maryam-sadat' })
    const agencyId = await makeAuthor(t.ctx, { name: 'AT News', slug: 'at-news', kind: 'organization' })
    for (const [i, headline] of [
      'Water board opens twelve new wells in the north',
      'City council approves a budget for winter heating',
      'Schools reopen after the snow days',
    ].entries()) {
      await makeArticle(t.ctx, { sectionId, authorIds: [i === 0 ? agencyId : authorId], headline })
    }
    await makeArticle(t.ctx, {
      sectionId,
      authorIds: [authorId],
      headline: 'Draft: market prices survey',
      status: 'draft',
      publishedAt: null,
    })
    editor = await makeStaff(t.ctx, 'editor')
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    // Leaving the page with unsaved text asks first; the journey always means to leave.
    page.on('dialog', (dialog) => void dialog.accept())
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
        browserErrors.push(`${message.text()} (${message.location().url})`)
      }
    })
    page.on('pageerror', (error) => browserErrors.push(error.message))
    mkdirSync(outputDir, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('writes a story with the keyboard, autosaves, survives a lost session, and publishes it', async () => {
    await signIn(page, t.baseUrl, editor, '/admin/stories')
    await expect.poll(() => page.locator('.story-table tbody tr').count(), { timeout: 10_000 }).toBe(4)
    await page.screenshot({ path: new URL('admin-story-list.png', outputDir).pathname, fullPage: true })

    await Promise.all([
      page.waitForURL('**/admin/stories/new'),
      page.getByRole('link', { name: 'New story' }).click(),
    ])
    await page.locator('.editor-root.is-ready').waitFor()
    expect(await page.locator('#bodyHtml').isHidden()).toBe(true)
    const body = page.locator('.editor-content')

    // Headline and dek, reached by Tab from the top of the page.
    await tabTo(page, '#headline')
    await page.keyboard.type('Kabul opens its first public library in a decade')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Thousands of books, free to borrow, in Dari, Pashto and English')
    // Tab reaches the toolbar (one tab stop); Enter on its first button makes a heading.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('H2 heading')
    await page.keyboard.press('Enter')
    // The editor takes focus back on the next animation frame (Tiptap's focus command); on a busy
    // machine keys typed before that went to the button, and the next Enter undid the heading.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('editor-content')), {
        timeout: 10_000,
      })
      .toBe(true)
    await page.keyboard.type('A library for everyone')
    await page.keyboard.press('Enter')
    await page.keyboard.type('The library opened on Tuesday with ')
    await page.keyboard.press('Control+b')
    await page.keyboard.type('forty thousand books')
    await page.keyboard.press('Control+b')
    await page.keyboard.type(' on its shelves. Read the ')
    await page.keyboard.type('opening report')
    // Select the two words just typed, word by word.
    await page.keyboard.press('Control+Shift+ArrowLeft')
    await page.keyboard.press('Control+Shift+ArrowLeft')
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('opening report')
    // ProseMirror takes a selection made with the keyboard from the browser's "selectionchange"
    // event, which a loaded machine may deliver after the next key: pause as a person would.
    await page.waitForTimeout(300)
    await page.keyboard.press('Control+k')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link-panel-href')
    await page.keyboard.type('example.com/library-report')
    await page.keyboard.press('Enter')
    // On a busy machine the panel closes and focus returns a moment later: wait for both.
    await page.locator('#link-panel').waitFor({ state: 'hidden' })
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('editor-content')), {
        timeout: 10_000,
      })
      .toBe(true)
    await body.locator('a').waitFor({ timeout: 10_000 })
    await page.keyboard.press('End')
    await page.keyboard.type('.')

    expect(await text(body.locator('h2'))).toBe('A library for everyone')
    expect(await text(body.locator('strong'))).toBe('forty thousand books')
    expect(await body.locator('a').getAttribute('href')).toBe('https://example.com/library-report')
    expect(await text(body.locator('a'))).toBe('opening report')

    // The byline, chosen with the keyboard: Tab to the list, a letter picks the author.
    await tabTo(page, '#authorIds')
    await page.keyboard.press('ArrowDown')
    await page.selectOption('#authorIds', String(authorId))

    // Autosave creates the story and says so.
    await expect.poll(() => text(page.locator('#save-state')), { timeout: 30_000 }).toMatch(/^Saved \d/)
    expect(page.url()).toMatch(/\/admin\/stories\/\d+$/)
    expect(await text(page.locator('h1'))).toBe('Edit story')
    const storyPath = new URL(page.url()).pathname
    // What the person sees (a full-page capture would pin the sticky button bar mid-page).
    await page.screenshot({ path: new URL('admin-editor.png', outputDir).pathname })

    // The session ends while the person keeps writing: the text stays in the browser…
    await context.clearCookies()
    await body.press('Control+End')
    await page.keyboard.type(' Opening hours are eight to five.')
    await expect.poll(() => text(page.locator('#save-state')), { timeout: 30_000 }).toContain('signed out')
    // …and comes back after signing in again.
    await signIn(page, t.baseUrl, editor, storyPath)
    await page.locator('.editor-root.is-ready').waitFor()
    await expect.poll(() => page.locator('#restore-notice').isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await text(page.locator('.editor-content'))).toContain('Opening hours are eight to five.')

    await Promise.all([
      page.waitForURL(/notice=publish/),
      page.getByRole('button', { name: 'Publish now' }).click(),
    ])
    expect(await text(page.locator('.notice-success'))).toContain('Published')
    const finalUrl = await text(page.locator('#final-url'))
    expect(finalUrl).toMatch(
      /^https:\/\/news\.example\/society\/kabul-opens-its-first-public-library-in-a-decade$/,
    )

    await page.setViewportSize({ width: 360, height: 780 })
    await page.screenshot({ path: new URL('admin-editor-360.png', outputDir).pathname, fullPage: true })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'the editor is wider than a 360 px screen').toBeLessThanOrEqual(0)
    await page.goto(`${t.baseUrl}/admin/stories`)
    await page.screenshot({ path: new URL('admin-story-list-360.png', outputDir).pathname, fullPage: true })
    const listOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(listOverflow, 'the story list is wider than a 360 px screen').toBeLessThanOrEqual(0)
    await page.setViewportSize({ width: 1280, height: 900 })

    await page.goto(`${t.baseUrl}${new URL(finalUrl).pathname}`)
    expect(await text(page.locator('h1'))).toBe('Kabul opens its first public library in a decade')
    expect(await text(page.locator('.story-body h2'))).toBe('A library for everyone')
    expect(await text(page.locator('.story-body strong'))).toBe('forty thousand books')
    expect(await page.locator('.story-body a').getAttribute('href')).toBe(
      'https://example.com/library-report',
    )
    expect(await text(page.locator('.story-body'))).toContain('Opening hours are eight to five.')
    expect(browserErrors.filter((e) => !/401|403|Unauthorized|Forbidden/.test(e))).toEqual([])
  }, 180_000)

  it('takes a story from a contributor (with an image) through an editor’s schedule to the site', async () => {
    const photo = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 90, b: 140 } },
    })
      .jpeg()
      .toBuffer()
    const mediaId = await uploadMedia(t.ctx, systemActor('test'), {
      data: photo,
      fileName: 'reading-room.jpg',
      alt: 'Readers at long tables in the new reading room',
      caption: 'The reading room on its first day',
      credit: 'Photo: Dateline',
    })
    const contributor = await makeStaff(t.ctx, 'contributor')
    const writer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    writer.on('dialog', (dialog) => void dialog.accept())
    writer.on('pageerror', (error) => browserErrors.push(error.message))
    await signIn(writer, t.baseUrl, contributor, '/admin/stories/new')
    await writer.locator('.editor-root.is-ready').waitFor()
    await writer.fill('#headline', 'Night buses return to the western districts')
    await writer.fill('#dateline', 'KABUL')
    await writer.selectOption('#authorIds', String(authorId))
    await writer.locator('.editor-content').click()
    await writer.keyboard.type('Three night bus lines start running again on Saturday.')
    await writer.keyboard.press('Enter')
    await writer.getByRole('button', { name: 'Image from the media library' }).click()
    await writer.fill('#image-panel-id', String(mediaId))
    await writer.press('#image-panel-id', 'Enter')
    await writer.locator('.editor-content figure img').waitFor()
    expect(await text(writer.locator('.editor-content figcaption'))).toBe(
      'The reading room on its first day Photo: Dateline',
    )
    expect(await writer.getByRole('button', { name: 'Publish now' }).count()).toBe(0)
    await Promise.all([
      writer.waitForURL(/notice=submit/),
      writer.getByRole('button', { name: 'Submit for review' }).click(),
    ])
    expect(await text(writer.locator('.story-meta .status-badge'))).toBe('In review')
    const storyId = Number(/\/admin\/stories\/(\d+)/.exec(writer.url())?.[1])

    // The editor finds it among the stories in review, edits it and schedules it.
    await page.goto(`${t.baseUrl}/admin/stories?status=review`)
    await Promise.all([
      page.waitForURL(`**/admin/stories/${storyId}`),
      page.getByRole('link', { name: 'Night buses return to the western districts', exact: true }).click(),
    ])
    await page.locator('.editor-root.is-ready').waitFor()
    await page.fill('#dek', 'Three lines, every half hour until two in the morning')
    await page.fill('#featuredMediaId', String(mediaId))
    const at = new Date(TEST_NOW.getTime() + 3_600_000)
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: t.ctx.config.timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(at)
      .replace(' ', 'T')
    await page.fill('#scheduleAt', local)
    await Promise.all([
      page.waitForURL(/notice=schedule/),
      page.getByRole('button', { name: 'Schedule' }).click(),
    ])
    expect(await text(page.locator('.story-meta .status-badge'))).toBe('Scheduled')
    const finalUrl = await text(page.locator('#final-url'))
    const path = new URL(finalUrl).pathname
    expect((await t.get(path)).status).toBe(404)

    // Its time comes: the scheduler publishes it, and readers see it with byline, dateline and image.
    clock.set(new Date(at.getTime() + 60_000))
    try {
      expect(await createScheduler(t.ctx).runDue(clock.now())).toEqual([storyId])
      await page.goto(`${t.baseUrl}${path}`)
      expect(await text(page.locator('h1'))).toBe('Night buses return to the western districts')
      expect(await text(page.locator('.story-header .byline'))).toContain('Maryam Sadat')
      expect(await text(page.locator('.story-body p').first())).toMatch(/^KABUL\b/)
      expect(await page.locator('.story-body figure img').getAttribute('alt')).toBe(
        'Readers at long tables in the new reading room',
      )
      expect(await page.locator('.lead-image img').count()).toBe(1)
      await page.screenshot({
        path: new URL('story-published-by-schedule.png', outputDir).pathname,
        fullPage: true,
      })
    } finally {
      clock.set(TEST_NOW)
    }
  }, 180_000)

  it('moves through the toolbar with arrow keys and explains a refused embed', async () => {
    // Self-contained: signs in when an earlier journey left the page signed out (or ran alone).
    await page.goto(`${t.baseUrl}/admin/stories/new`)
    if (new URL(page.url()).pathname.startsWith('/admin/login')) {
      await signIn(page, t.baseUrl, editor, '/admin/stories/new')
    }
    await page.locator('.editor-root.is-ready').waitFor()
    const focused = (read: () => string | null | undefined | boolean) =>
      expect.poll(() => page.evaluate(read))
    await tabTo(page, '.editor-toolbar .tool[tabindex="0"]')
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    // Focus moves in the editor's own key handlers: poll rather than read once.
    await focused(() => document.activeElement?.getAttribute('aria-label')).toBe('Embed video or post')
    await page.keyboard.press('Enter')
    await focused(() => document.activeElement?.id).toBe('embed-panel-url')
    await page.keyboard.type('https://evil.example/video/1')
    await page.keyboard.press('Enter')
    await expect.poll(() => text(page.locator('#embed-panel .editor-panel-message'))).toContain('not allowed')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('#embed-panel').isHidden()).toBe(true)
    await focused(() => document.activeElement?.classList.contains('editor-content')).toBe(true)
    expect(await page.locator('.editor-content iframe').count()).toBe(0)
  })

  it('leaves no copy of unsaved text in the browser after logging out', async () => {
    await page.goto(`${t.baseUrl}/admin/stories/new`)
    if (new URL(page.url()).pathname.startsWith('/admin/login')) {
      await signIn(page, t.baseUrl, editor, '/admin/stories/new')
    }
    await page.locator('.editor-root.is-ready').waitFor()
    await page.fill('#headline', 'Notes from a source who must stay unnamed')
    await page.locator('.editor-content').click()
    await page.keyboard.type('Met at the usual place.')
    const copies = () =>
      page.evaluate(() =>
        Object.keys(localStorage).filter((key) =>
          localStorage.getItem(key)?.includes('Met at the usual place'),
        ),
      )
    await expect.poll(copies, { timeout: 10_000 }).toHaveLength(1)
    await Promise.all([
      page.waitForURL(/notice=logged-out/),
      page.getByRole('button', { name: 'Log out' }).click(),
    ])
    // Clear-Site-Data on the sign-out response: a shared computer keeps nothing of the draft.
    expect(await page.evaluate(() => localStorage.length)).toBe(0)
  })
})
