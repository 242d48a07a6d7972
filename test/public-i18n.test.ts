// The public site in English, Dari and Pashto over real HTTP, on every database in the matrix:
// every page type speaks its page's language (no English interface string left on a Dari or
// Pashto page), carries lang and dir, isolates names with <bdi>, and follows the Solar Hijri and
// digits settings as an administrator changes them in the admin form, while <time datetime>,
// addresses and page numbers in URLs stay as machines read them.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCorrection } from '../src/articles/articles.service.ts'
import { systemActor } from '../src/context.ts'
import { catalogMessages } from '../src/i18n/messages.ts'
import { recordMedia } from '../src/media/media.service.ts'
import { type AdminClient, signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const SITE_NAME = 'Dateline Daily'
const RTL_LANGUAGES = ['fa', 'ps'] as const
type Language = 'en' | 'fa' | 'ps'

/** English interface messages without arguments ("Skip to content", "Check Also"…). */
const ENGLISH_PLAIN_MESSAGES = [...catalogMessages('en')]
  .filter(
    ([key, message]) => key.startsWith('site.') && !message.includes('{') && /[A-Za-z]{3}/.test(message),
  )
  .map(([, message]) => message)

async function load(t: TestApp, path: string): Promise<{ status: number; $: cheerio.CheerioAPI }> {
  const response = await t.get(path)
  return { status: response.status, $: cheerio.load(await response.text()) }
}

/**
 * Latin words a reader of an RTL page sees outside what is meant to be in another script: names
 * and other isolated text (<bdi>), and links marked as another language (the language switch).
 * The product's name in the footer is a name too.
 */
function englishLeft($: cheerio.CheerioAPI, language: Language): string[] {
  const body = $('body').clone()
  body.find('bdi, script, style, noscript').remove()
  body.find('[lang]').each((_, el) => {
    if ($(el).attr('lang') !== language) $(el).remove()
  })
  const texts = [body.text()]
  body.find('[aria-label], [alt], [title], [placeholder]').each((_, el) => {
    for (const name of ['aria-label', 'alt', 'title', 'placeholder']) texts.push($(el).attr(name) ?? '')
  })
  texts.push($('title').text())
  texts.push($('meta[name=description]').attr('content') ?? '')
  // A name isolated in the page may stand in its title, description and image descriptions too.
  const names = $('bdi')
    .map((_, el) => $(el).text())
    .get()
    .filter((name) => name.trim() !== '')
  const text = names.reduce((all, name) => all.replaceAll(name, ''), texts.join(' '))
  return text.replaceAll('Dateline', '').match(/[A-Za-z]{2,}/g) ?? []
}

/** The page's visible text, names included. */
function visibleText($: cheerio.CheerioAPI): string {
  const body = $('body').clone()
  body.find('script, style').remove()
  return body.text().replace(/\s+/g, ' ')
}

/** Every field of the settings form as the browser would send it, with some changed. */
function settingsForm(
  $: cheerio.CheerioAPI,
  changes: Record<string, string | false>,
): Record<string, string> {
  const fields: Record<string, string> = {}
  $('form[action="/admin/settings"]')
    .find('input[name], select[name]')
    .each((_, el) => {
      const field = $(el)
      const name = field.attr('name') ?? ''
      if (name === '_csrf') return
      if (field.attr('type') === 'checkbox') {
        if (field.attr('checked') !== undefined) fields[name] = field.attr('value') ?? 'on'
      } else if (el.tagName === 'select') {
        fields[name] =
          field.find('option[selected]').attr('value') ?? field.find('option').first().attr('value') ?? ''
      } else {
        fields[name] = field.attr('value') ?? ''
      }
    })
  for (const [name, value] of Object.entries(changes)) {
    if (value === false) delete fields[name]
    else fields[name] = value
  }
  return fields
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: public pages in English, Dari and Pashto`, () => {
    let t: TestApp
    let admin: AdminClient
    const pages: Record<Language, Record<string, string>> = { en: {}, fa: {}, ps: {} }

    beforeAll(async () => {
      t = await startTestApp(engine)
      const ctx = t.ctx
      const society = await makeSection(ctx, { slug: 'society', name: 'Society', position: 1 })
      const sport = await makeSection(ctx, { slug: 'sport', name: 'Sport', position: 2 })
      // Section names per language (admin → Sections writes the same rows).
      await ctx.db
        .insertInto('section_translations')
        .values([
          { section_id: society, language: 'fa', name: 'جامعه', description: '' },
          { section_id: society, language: 'ps', name: 'ټولنه', description: '' },
          { section_id: sport, language: 'fa', name: 'ورزش', description: '' },
          { section_id: sport, language: 'ps', name: 'لوبې', description: '' },
        ])
        .execute()

      const english = await makeAuthor(ctx, {
        slug: 'zahra-noori',
        name: 'Zahra Noori',
        jobTitle: 'Water correspondent',
        bio: 'Zahra Noori covers water and health.',
      })
      // Latin-script names on Dari and Pashto pages: the bdi cases.
      const dari = await makeAuthor(ctx, {
        slug: 'maryam-sadat',
        name: 'Maryam Sadat',
        jobTitle: 'گزارشگر صحت',
        bio: 'مریم سادات دربارهٔ آب و صحت گزارش می‌نویسد.',
      })
      const dariSecond = await makeAuthor(ctx, {
        slug: 'fariba-ahmadi',
        name: 'فریبا احمدی',
        jobTitle: 'گزارشگر',
        bio: 'فریبا احمدی از هرات گزارش می‌دهد.',
      })
      const pashto = await makeAuthor(ctx, {
        slug: 'ahmad-shah-karimi',
        name: 'Ahmad Shah Karimi',
        jobTitle: 'د روغتیا خبریال',
        bio: 'احمد شاه کریمي د اوبو او روغتیا په اړه راپورونه لیکي.',
      })

      const image = await recordMedia(ctx, {
        path: 'demo/wells.jpg',
        mimeType: 'image/jpeg',
        width: 1200,
        height: 675,
        bytes: 1000,
        alt: 'چاه شمارهٔ هفت در غرب کابل',
        caption: '',
        credit: '',
      })
      // Withdrawn by the newsroom: a 410, in the reader's language.
      await makeArticle(ctx, {
        language: 'fa',
        headline: 'گزارشی که پس گرفته شد',
        slug: 'withdrawn-fa',
        bodyHtml: paragraphs('این گزارش دیگر نشر نمی‌شود.'),
        sectionId: society,
        authorIds: [dariSecond],
        status: 'unpublished',
      })
      const main = {
        en: await makeArticle(ctx, {
          language: 'en',
          headline: 'Water board opens new wells in western Kabul',
          slug: 'water-board-opens-new-wells',
          dek: 'Residents of three districts will have running water before winter.',
          bodyHtml: paragraphs('Residents lined up on Monday as the water board opened twelve new wells.'),
          dateline: 'Kabul',
          sectionId: society,
          authorIds: [english],
          tagNames: ['Water'],
          publishedAt: '2026-11-26T05:30:00.000Z',
        }),
        fa: await makeArticle(ctx, {
          language: 'fa',
          headline: 'ادارهٔ آب در غرب کابل چاه‌های تازه باز کرد',
          slug: 'new-wells-fa',
          dek: 'باشندگان سه ناحیه پیش از زمستان آب آشامیدنی خواهند داشت.',
          bodyHtml: paragraphs(
            'باشندگان سه ناحیهٔ غربی شهر روز دوشنبه صف کشیدند، چون ادارهٔ آب دوازده چاه تازه را باز کرد.',
            'انجنیران می‌گویند این چاه‌ها از لایهٔ عمیق‌تری آب می‌کشند که در ده سال گذشته پایین نرفته است.',
          ),
          dateline: 'کابل',
          sectionId: society,
          authorIds: [dari, dariSecond],
          tagNames: ['آب'],
          featuredMediaId: image,
          publishedAt: '2026-11-26T05:30:00.000Z',
        }),
        ps: await makeArticle(ctx, {
          language: 'ps',
          headline: 'د اوبو ادارې د کابل په لوېدیځ کې نوې څاګانې پرانیستې',
          slug: 'new-wells-ps',
          dek: 'د درېیو سیمو اوسېدونکي به له ژمي مخکې د څښاک اوبه ولري.',
          bodyHtml: paragraphs(
            'د ښار د لوېدیځو سیمو اوسېدونکي د دوشنبې په ورځ ودرېدل، ځکه د اوبو ادارې دولس نوې څاګانې پرانیستې.',
          ),
          dateline: 'کابل',
          sectionId: society,
          authorIds: [pashto],
          tagNames: ['اوبه'],
          publishedAt: '2026-11-26T05:30:00.000Z',
        }),
      }
      // "Check Also" candidates, one per language.
      await makeArticle(ctx, {
        language: 'en',
        headline: 'Wells dry up in the north as winter comes',
        bodyHtml: paragraphs('Farmers in the north say their shallow wells have dried up.'),
        sectionId: sport,
        authorIds: [english],
        tagNames: ['Water'],
        publishedAt: '2026-11-25T05:30:00.000Z',
      })
      await makeArticle(ctx, {
        language: 'fa',
        headline: 'چاه‌های شمال با آمدن زمستان خشک شدند',
        bodyHtml: paragraphs('دهقانان شمال می‌گویند چاه‌های کم‌عمق شان برای سومین سال پیاپی خشک شده است.'),
        sectionId: sport,
        authorIds: [dariSecond],
        tagNames: ['آب'],
        publishedAt: '2026-11-25T05:30:00.000Z',
      })
      await makeArticle(ctx, {
        language: 'ps',
        headline: 'په شمال کې د ژمي په راتګ سره څاګانې وچې شوې',
        bodyHtml: paragraphs('د شمال بزګران وايي چې د دوی کمې ژورې څاګانې د درېیم کال لپاره وچې شوې دي.'),
        sectionId: sport,
        authorIds: [pashto],
        tagNames: ['اوبه'],
        publishedAt: '2026-11-25T05:30:00.000Z',
      })
      // Enough Dari stories for a second page of the section.
      for (let n = 1; n <= 20; n++) {
        await makeArticle(ctx, {
          language: 'fa',
          headline: `بازار میوهٔ کابل در روز ${n} ماه`,
          bodyHtml: paragraphs('فروشندگان می‌گویند قیمت انار و انگور این هفته پایین آمده است.'),
          sectionId: society,
          authorIds: [dariSecond],
          publishedAt: new Date(Date.parse('2026-11-02T05:00:00Z') + n * 3_600_000).toISOString(),
        })
      }
      await recordCorrection(
        ctx,
        systemActor('test'),
        main.fa,
        'در نسخهٔ پیشین شمار چاه‌ها نادرست نوشته شده بود.',
        '2026-11-26T09:00:00.000Z',
      )

      pages.en = {
        home: '/',
        article: '/society/water-board-opens-new-wells',
        section: '/society/',
        latest: '/latest/',
        author: '/author/zahra-noori/',
        archive: '/2026/11/',
        search: `/search?q=${encodeURIComponent('wells')}`,
        notFound: '/no-such-section/',
        lite: '/lite/',
        liteArticle: '/lite/society/water-board-opens-new-wells',
      }
      for (const [language, slug, word, author] of [
        ['fa', 'new-wells-fa', 'چاه', 'maryam-sadat'],
        ['ps', 'new-wells-ps', 'څاګانې', 'ahmad-shah-karimi'],
      ] as const) {
        pages[language] = {
          home: `/${language}/`,
          article: `/${language}/society/${slug}`,
          section: `/${language}/society/`,
          latest: `/${language}/latest/`,
          author: `/${language}/author/${author}/`,
          archive: `/${language}/2026/11/`,
          search: `/${language}/search?q=${encodeURIComponent(word)}`,
          notFound: `/${language}/no-such-section/`,
          lite: `/${language}/lite/`,
          liteArticle: `/${language}/lite/society/${slug}`,
        }
      }
      for (const language of ['en', 'fa', 'ps'] as const) {
        // The tag page: its address as the story links to it.
        const { $ } = await load(t, pages[language].article ?? '')
        pages[language].tag = $('a[rel=tag]').first().attr('href') ?? 'missing tag link'
      }
      admin = (await signedInAs(t, 'admin')).client
    })

    afterAll(async () => {
      await t?.close()
    })

    for (const language of ['en', 'fa', 'ps'] as const) {
      it(`serves every page type in ${language} with its lang and dir`, async () => {
        for (const [kind, path] of Object.entries(pages[language])) {
          const { status, $ } = await load(t, path)
          expect({ kind, status }).toEqual({ kind, status: kind === 'notFound' ? 404 : 200 })
          expect({ kind, lang: $('html').attr('lang') }).toEqual({ kind, lang: language })
          expect({ kind, dir: $('html').attr('dir') }).toEqual({
            kind,
            dir: language === 'en' ? 'ltr' : 'rtl',
          })
        }
      })
    }

    for (const language of RTL_LANGUAGES) {
      it(`leaves no English interface string on a ${language} page`, async () => {
        for (const [kind, path] of Object.entries(pages[language])) {
          const { $ } = await load(t, path)
          expect({ kind, path, english: englishLeft($, language) }).toEqual({ kind, path, english: [] })
          const text = visibleText($)
          const leftOver = ENGLISH_PLAIN_MESSAGES.filter((message) => text.includes(message))
          expect({ kind, leftOver }).toEqual({ kind, leftOver: [] })
        }
      })
    }

    it('speaks English on English pages, from the same catalog', async () => {
      const { $ } = await load(t, pages.en.article ?? '')
      expect($('.skip-link').text()).toBe('Skip to content')
      expect($('#check-also-heading').text()).toBe('Check Also')
      expect($('.about-author h2').text()).toBe('About Zahra Noori')
      expect($('.story-dates').text()).toContain('Published 26 November 2026 at 10:00')
      const search = await load(t, pages.en.search ?? '')
      expect(search.$('.search-summary').text()).toBe('2 stories match “wells”.')
    })

    it('words a Dari story page in Dari, its names isolated', async () => {
      const { $ } = await load(t, pages.fa.article ?? '')
      expect($('.skip-link').text()).toBe('رفتن به محتوا')
      expect($('nav.breadcrumb li').first().text()).toBe('صفحهٔ اصلی')
      expect($('.byline').text()).toBe('از Maryam Sadat و فریبا احمدی')
      expect($('.byline a[rel=author] bdi').first().text()).toBe('Maryam Sadat')
      expect($('.about-author h2').first().text()).toBe('دربارهٔ Maryam Sadat')
      expect($('.about-author h2 bdi').first().text()).toBe('Maryam Sadat')
      expect($('#check-also-heading').text()).toBe('این را هم ببینید')
      expect($('.correction').attr('aria-label')).toBe('اصلاحیه')
      expect($('.correction strong').text()).toBe('تازه‌شده در 26 نومبر 2026 ساعت 13:30:')
      expect($('.story-tags').attr('aria-label')).toBe('برچسب‌ها')
      // Gregorian and Latin digits until the newsroom chooses otherwise; the machine value is ISO.
      const published = $('.story-dates time').first()
      expect(published.attr('datetime')).toBe('2026-11-26T10:00:00+04:30')
      expect(published.text()).toContain('26 نومبر 2026')
      // The site's name and every section name in the masthead are isolated; the search box follows its text.
      expect($('.site-name bdi').text()).toBe(SITE_NAME)
      expect($('.site-footer bdi').last().text()).toBe(SITE_NAME)
      expect($('#masthead-q').attr('dir')).toBe('auto')
    })

    it('words a Pashto search in Pashto, with plural rules and the query isolated', async () => {
      const { $ } = await load(t, pages.ps.search ?? '')
      expect($('h1').text()).toBe('لټون')
      expect($('.search-summary').text()).toBe('2 راپورونه له «څاګانې» سره سمون لري.')
      expect($('.search-summary bdi').text()).toBe('څاګانې')
      expect($('#search-q').attr('dir')).toBe('auto')
      const none = await load(t, `/ps/search?q=${encodeURIComponent('Helmand')}`)
      expect(none.$('.search-summary').text()).toBe('هېڅ راپور له «Helmand» سره سمون نه لري.')
      const bad = await load(t, '/ps/search?q=x&from=2026-13-40')
      expect(bad.status).toBe(400)
      expect(bad.$('.search-problems').text()).toBe('د «له» نېټه باید یوه ورځ وي، لکه 2026-11-27.')
      const dari = await load(t, pages.fa.search ?? '')
      expect(dari.$('.search-summary').text()).toMatch(/^\d+ گزارش با «چاه» مطابقت دارد\.$/)
    })

    it('offers a Save-Data reader the picture in Dari, its description isolated', async () => {
      const response = await t.get(pages.fa.article ?? '', { headers: { 'save-data': 'on' } })
      const $ = cheerio.load(await response.text())
      const link = $('main a.show-image').first()
      expect(link.text()).toBe('نمایش تصویر: چاه شمارهٔ هفت در غرب کابل')
      expect(link.find('bdi').text()).toBe('چاه شمارهٔ هفت در غرب کابل')
    })

    it('tells a withdrawn Dari story as a 410 in Dari', async () => {
      const { status, $ } = await load(t, '/fa/society/withdrawn-fa')
      expect(status).toBe(410)
      expect($('h1').text()).toBe('این گزارش پس گرفته شده است')
      expect($('.error-page p').eq(1).text()).toBe('اتاق خبر این گزارش را پس گرفته است.')
      expect(englishLeft($, 'fa')).toEqual([])
    })

    it('tells a 404 under /fa/ in Dari', async () => {
      const { status, $ } = await load(t, pages.fa.notFound ?? '')
      expect(status).toBe(404)
      expect($('h1').text()).toBe('این صفحه را پیدا نکردیم')
      expect($('.error-status').text()).toBe('خطای 404')
    })

    it('shows Solar Hijri dates and Eastern Arabic-Indic digits once the admin form turns them on', async () => {
      const { $ } = await admin.page('/admin/settings')
      expect($('input[name=solarHijri]').attr('checked')).toBeUndefined()
      expect($('input[name=easternNumerals]').attr('checked')).toBeUndefined()
      const saved = await admin.post(
        '/admin/settings',
        settingsForm($, { solarHijri: 'on', easternNumerals: 'on' }),
      )
      expect(saved.status).toBe(303)
      // The change is audited like every settings save.
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'settings.updated')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      expect(JSON.parse(audit.details)).toMatchObject({ solarHijri: 'true', easternNumerals: 'true' })
      // Without the form's CSRF token nothing changes.
      const forged = await admin.post('/admin/settings', {
        ...settingsForm($, { solarHijri: false }),
        _csrf: 'forged',
      })
      expect(forged.status).toBe(403)
      const form = await admin.page('/admin/settings')
      expect(form.$('input[name=solarHijri]').attr('checked')).toBeDefined()
      expect(form.$('input[name=easternNumerals]').attr('checked')).toBeDefined()

      // A cached page is purged by the save: readers see the new calendar at once.
      const dari = await load(t, pages.fa.article ?? '')
      const published = dari.$('.story-dates time').first()
      expect(published.text()).toBe('۵ قوس ۱۴۰۵ ساعت ۱۰:۰۰')
      expect(published.attr('datetime')).toBe('2026-11-26T10:00:00+04:30')
      const pashto = await load(t, pages.ps.article ?? '')
      expect(pashto.$('.story-dates time').first().text()).toContain('۱۴۰۵')
      expect(pashto.$('.story-dates time').first().text()).not.toMatch(/[0-9]|AP/)
      expect(pashto.$('.story-dates time').first().attr('datetime')).toBe('2026-11-26T10:00:00+04:30')

      // Counts and page numbers in the digits; addresses keep theirs.
      const section = await load(t, pages.fa.section ?? '')
      expect(section.$('.pagination-status').text()).toBe('صفحهٔ ۱ از ۲')
      expect(section.$('.pagination a[rel=next]').attr('href')).toBe('/fa/society/page/2/')
      const second = await load(t, '/fa/society/page/2/')
      expect(second.$('title').text()).toContain('صفحهٔ ۲')
      const search = await load(t, pages.ps.search ?? '')
      expect(search.$('.search-summary').text()).toBe('۲ راپورونه له «څاګانې» سره سمون لري.')
      const footer = await load(t, pages.fa.home ?? '')
      expect(footer.$('.site-footer').text()).toContain('© ۲۰۲۶')

      // English pages ignore both settings.
      const english = await load(t, pages.en.article ?? '')
      expect(english.$('.story-dates time').first().text()).toBe('26 November 2026 at 10:00')

      // And turning them off again brings back Gregorian dates in Latin digits.
      const again = await admin.page('/admin/settings')
      await admin.post(
        '/admin/settings',
        settingsForm(again.$, { solarHijri: false, easternNumerals: false }),
      )
      const after = await load(t, pages.fa.article ?? '')
      expect(after.$('.story-dates time').first().text()).toBe('26 نومبر 2026 ساعت 10:00')
    })

    it('serves Pashto at the root when Pashto is the default language', async () => {
      const { $ } = await admin.page('/admin/settings')
      await admin.post('/admin/settings', settingsForm($, { defaultLanguage: 'ps' }))
      const home = await load(t, '/')
      expect(home.$('html').attr('lang')).toBe('ps')
      expect(home.$('html').attr('dir')).toBe('rtl')
      expect(englishLeft(home.$, 'ps')).toEqual([])
      const article = await load(t, '/society/new-wells-ps')
      expect(article.status).toBe(200)
      expect(article.$('.about-author h2').text()).toBe('د Ahmad Shah Karimi په اړه')
      const restore = await admin.page('/admin/settings')
      await admin.post('/admin/settings', settingsForm(restore.$, { defaultLanguage: 'en' }))
      expect((await load(t, '/')).$('html').attr('lang')).toBe('en')
    })
  })
}
