// The admin in Dari and Pashto over real HTTP, on every database: a person whose interface language
// is Dari (then Pashto) opens every page registered under /admin and gets lang/dir="rtl" and not one
// English catalog sentence; changing the language on the account page is a CSRF-checked form; the
// sign-in page follows the browser's Accept-Language; the default stays English.
import * as cheerio from 'cheerio'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../src/context.ts'
import type { SiteLanguage } from '../src/i18n/languages.ts'
import { catalogMessages } from '../src/i18n/messages.ts'
import { uploadMedia } from '../src/media/media.service.ts'
import { createWebhook } from '../src/webhooks/webhooks.service.ts'
import { AdminClient, makeStaff } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

/** Every GET route under /admin, read from Fastify's own route tree (so a new page is visited too). */
function adminGetRoutes(t: TestApp): string[] {
  const lines = t.app.printRoutes({ method: 'GET', commonPrefix: false }).split('\n')
  const stack: string[] = []
  const paths: string[] = []
  for (const line of lines) {
    const match = /^([│ ]*)[└├]── (.+?) \(/.exec(line)
    if (!match) continue
    const depth = (match[1] ?? '').length / 4
    stack.length = depth
    stack.push(match[2] ?? '')
    paths.push(stack.join(''))
  }
  return [...new Set(paths.map((p) => p.replace(/\/$/, '') || '/'))].filter(
    (p) => p === '/admin' || p.startsWith('/admin/'),
  )
}

/**
 * The English sentences of the admin catalog that read differently in `language`: each must be
 * absent from a page in that language. Messages with arguments contribute their literal pieces.
 */
function englishOnlyPhrases(language: SiteLanguage): string[] {
  const english = catalogMessages('en')
  const own = catalogMessages(language)
  const phrases = new Set<string>()
  for (const [key, message] of english) {
    if (!key.startsWith('admin.') || own.get(key) === message) continue
    const pieces = message.includes('{')
      ? message.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/).map((p) => p.trim())
      : [message.trim()]
    for (const piece of pieces) if (/[A-Za-z]{3}/.test(piece) && piece.length >= 6) phrases.add(piece)
  }
  return [...phrases]
}

/**
 * What a person sees or hears: text outside scripts, and labels, titles, placeholders. Text marked
 * as another language (a language menu's "English", an English story's headline) is not interface.
 */
function visibleText($: cheerio.CheerioAPI, language: SiteLanguage): string {
  $('script, style, code, pre, [dir="ltr"]').remove()
  $('body [lang]')
    .filter((_i, el) => $(el).attr('lang') !== language)
    .remove()
  const attributes = $('[aria-label], [title], [placeholder], [alt]')
    .map((_i, el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => $(el).attr(a) ?? '').join(' '))
    .get()
  return `${$('title').text()} ${$('body').text()} ${attributes.join(' ')}`.replace(/\s+/g, ' ')
}

async function tinyJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: '#2b6a4f' } })
    .jpeg()
    .toBuffer()
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: the admin in Dari and Pashto`, () => {
    let t: TestApp
    const ids: Record<string, number> = {}

    beforeAll(async () => {
      t = await startTestApp(engine)
      const actor = systemActor('test')
      ids.section = await makeSection(t.ctx, { name: 'Politics', slug: 'politics-i18n' })
      ids.author = await makeAuthor(t.ctx, { name: 'Sima Rahimi', slug: 'sima-rahimi-i18n' })
      ids.story = await makeArticle(t.ctx, {
        sectionId: ids.section,
        authorIds: [ids.author],
        language: 'fa',
        headline: 'شورای شهر کابل دربارهٔ آب آشامیدنی گزارش داد',
        bodyHtml: paragraphs('شورای شهر امروز گزارش تازه‌ای نشر کرد.'),
      })
      ids.draft = await makeArticle(t.ctx, {
        sectionId: ids.section,
        authorIds: [ids.author],
        language: 'ps',
        headline: 'د کابل ښاروالۍ نوی پلان',
        status: 'draft',
        publishedAt: null,
      })
      ids.media = await uploadMedia(t.ctx, actor, {
        data: await tinyJpeg(),
        fileName: 'well.jpg',
        alt: 'یک چاه تازه در ولسوالی',
        caption: '',
        credit: '',
      })
      const tag = await t.ctx.db
        .insertInto('tags')
        .values({ name: 'آب', slug: 'water-i18n', created_at: '2026-11-20T06:00:00.000Z' })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.tag = tag.id
      ids.webhook = (
        await createWebhook(t.ctx, actor, {
          url: 'https://hooks.example/dateline',
          events: ['article.published'],
        })
      ).webhook.id
    })
    afterAll(async () => {
      await t?.close()
    })

    /** A route's address with its parameters filled from the data made above. */
    function concrete(route: string): string | undefined {
      if (route.includes('/assets/') || route.startsWith('/admin/api') || route.endsWith('*'))
        return undefined
      if (route.endsWith('/preview')) return undefined // the public page of the story, in its own language
      if (route === '/admin/login/code') return undefined // only during a sign-in (covered below)
      const section = route.split('/')[2] ?? ''
      const byArea: Record<string, number | undefined> = {
        stories: ids.story,
        authors: ids.author,
        tags: ids.tag,
        media: ids.media,
        sections: ids.section,
        webhooks: ids.webhook,
        users: undefined,
      }
      return route
        .replace(':revisionId', '1')
        .replace(':token', 'no-such-token-0123456789abcdef')
        .replace(':id', String(byArea[section] ?? 1))
    }

    async function adminIn(language: SiteLanguage): Promise<AdminClient> {
      const user = await makeStaff(t.ctx, 'admin')
      await t.ctx.db.updateTable('users').set({ ui_language: language }).where('id', '=', user.id).execute()
      const client = new AdminClient(t)
      await client.signIn(user.email, user.password)
      return client
    }

    for (const language of ['fa', 'ps'] as const) {
      it(`shows every admin page in ${language === 'fa' ? 'Dari' : 'Pashto'}, right to left`, async () => {
        const client = await adminIn(language)
        const phrases = englishOnlyPhrases(language)
        const routes = adminGetRoutes(t)
        expect(routes).toEqual(expect.arrayContaining(['/admin', '/admin/stories', '/admin/settings']))
        const problems: string[] = []
        let visited = 0
        for (const route of routes) {
          const path = concrete(route)
          if (path === undefined) continue
          const response = await client.get(path)
          if (response.status >= 300 && response.status < 400) continue
          const html = await response.text()
          const $ = cheerio.load(html)
          visited += 1
          if ($('html').attr('lang') !== language || $('html').attr('dir') !== 'rtl')
            problems.push(`${path}: lang=${$('html').attr('lang')} dir=${$('html').attr('dir')}`)
          // The site's name is the newsroom's, not an interface string (and here it is "Dateline").
          const text = visibleText($, language).replaceAll(t.ctx.config.siteName, '')
          for (const phrase of phrases) if (text.includes(phrase)) problems.push(`${path}: “${phrase}”`)
        }
        expect(visited).toBeGreaterThan(15)
        expect(problems).toEqual([])
      })
    }

    it('shows a validation message from a service in the person’s language', async () => {
      const client = await adminIn('fa')
      await client.page(`/admin/tags/${ids.tag}`)
      const response = await client.post(`/admin/tags/${ids.tag}`, {
        name: '',
        slug: '',
        expectedName: 'آب',
        expectedSlug: 'water-i18n',
      })
      expect(response.status).toBe(422)
      const $ = cheerio.load(await response.text())
      expect($('.field-error').first().text()).toBe('برچسب به یک نام نیاز دارد')
    })

    it('counts with the language’s plural rules and dates in its words', async () => {
      const client = await adminIn('ps')
      const { $ } = await client.page('/admin/stories')
      expect($('main').text()).toContain('2 راپورونه')
      const english = await (async () => {
        const c = await adminIn('en')
        return (await c.page('/admin/stories')).$
      })()
      expect(english('main').text()).toContain('2 stories, most recently changed first')
      expect($('time').first().text()).not.toMatch(/[A-Za-z]/)
    })

    it('changes the admin language on the account page (a CSRF-checked form)', async () => {
      const user = await makeStaff(t.ctx, 'editor')
      const client = new AdminClient(t)
      await client.signIn(user.email, user.password)
      const before = await client.page('/admin/account')
      expect(before.$('html').attr('lang')).toBe('en')
      expect(before.$('#ui-language option[selected]').attr('value')).toBe('')

      const forged = await client.post('/admin/account/language', { _csrf: '', language: 'ps' })
      expect(forged.status).toBe(403)

      const saved = await client.post('/admin/account/language', { language: 'ps' })
      expect(saved.status).toBe(303)
      const after = await client.page('/admin/account')
      expect(after.$('html').attr('lang')).toBe('ps')
      expect(after.$('html').attr('dir')).toBe('rtl')
      expect(after.$('h1').text()).toBe('ستاسو حساب')
      expect(after.$('#ui-language option[selected]').attr('value')).toBe('ps')
      const row = await t.ctx.db
        .selectFrom('users')
        .select('ui_language')
        .where('id', '=', user.id)
        .executeTakeFirst()
      expect(row?.ui_language).toBe('ps')

      const refused = await client.post('/admin/account/language', { language: 'xx' })
      expect(refused.status).toBe(422)

      await client.post('/admin/account/language', { language: '' })
      const back = await client.page('/admin/account')
      expect(back.$('html').attr('lang')).toBe('en')
      expect(back.$('html').attr('dir')).toBe('ltr')
    })

    it('shows the sign-in page in the browser’s language, else in the site’s', async () => {
      const plain = cheerio.load(await (await t.get('/admin/login')).text())
      expect(plain('html').attr('lang')).toBe('en')
      expect(plain('h1').text()).toBe('Sign in')
      const dari = cheerio.load(
        await (
          await t.get('/admin/login', { headers: { 'accept-language': 'fa-AF,fa;q=0.9,en;q=0.5' } })
        ).text(),
      )
      expect(dari('html').attr('dir')).toBe('rtl')
      expect(dari('h1').text()).toBe('ورود')
      const german = cheerio.load(
        await (await t.get('/admin/login', { headers: { 'accept-language': 'de-DE,de;q=0.9' } })).text(),
      )
      expect(german('html').attr('lang')).toBe('en')
    })
  })
}
