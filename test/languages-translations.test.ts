// Translations over real HTTP on every database: linked in the story editor (a form with its CSRF
// token), one story per language in a group, "Read this in …" links and hreflang to published
// translations only, a withdrawn translation's link gone from its original's cached page, the
// content API's translations, and section names per language edited in admin → Sections.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { surrogateKeysForArticle } from '../src/cache/content-invalidation.ts'
import type { AdminClient } from './helpers/admin-client.ts'
import { signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeAuthor, makeSection } from './helpers/factories.ts'
import { createStoryViaForm, editStoryViaForm, formFields } from './helpers/story-forms.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const SITE = 'https://news.example'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: translations`, () => {
    let t: TestApp
    let editor: AdminClient
    let sectionId: number
    let authorId: number

    const fields = (headline: string, language: string, extra: Record<string, string> = {}) => ({
      headline,
      language,
      sectionId: String(sectionId),
      authorIds: String(authorId),
      bodyHtml: `<p>${headline}.</p>`,
      ...extra,
    })
    const path = (language: string, slug: string) =>
      `${language === 'en' ? '' : `/${language}`}/desk/${encodeURIComponent(slug)}`
    const slugOf = async (id: number) =>
      (await t.ctx.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow())
        .slug
    async function publicPage(url: string) {
      const response = await t.get(url)
      return { response, $: cheerio.load(await response.text()) }
    }
    const hreflangs = ($: cheerio.CheerioAPI) =>
      $('link[rel=alternate][hreflang]')
        .map((_, l) => [[$(l).attr('hreflang'), $(l).attr('href')]])
        .get()

    beforeAll(async () => {
      t = await startTestApp(engine)
      sectionId = await makeSection(t.ctx, { slug: 'desk', name: 'Desk' })
      authorId = await makeAuthor(t.ctx, { name: 'Nadia Karimi' })
      editor = (await signedInAs(t, 'editor')).client
    })
    afterAll(async () => t?.close())

    it('links a translation in the editor, shows it to readers once published, and drops it when withdrawn', async () => {
      const original = await createStoryViaForm(editor, fields('Bakery prices hold steady', 'en'), 'publish')
      const originalUrl = path('en', await slugOf(original))
      // The original is read (and cached) before it has a translation.
      const before = await publicPage(originalUrl)
      expect(before.response.status).toBe(200)
      expect(before.$('.story-translations')).toHaveLength(0)
      expect(hreflangs(before.$)).toEqual([])
      await t.get(originalUrl)

      // The editor offers stories of the other languages under "Translation of".
      const { $: blank } = await editor.page('/admin/stories/new')
      expect(blank(`select[name=translationOf] option[value="${original}"]`).text()).toContain(
        'Bakery prices hold steady',
      )

      // A Dari draft linked to it: readers see nothing of it yet.
      const dari = await createStoryViaForm(
        editor,
        fields('قیمت نان ثابت مانده است', 'fa', { translationOf: String(original) }),
      )
      const { $: dariForm } = await editor.page(`/admin/stories/${dari}`)
      expect(dariForm('select[name=translationOf] option[selected]').attr('value')).toBe(String(original))
      expect((await publicPage(originalUrl)).$('.story-translations')).toHaveLength(0)

      // Published: the original's cached page is purged and links to it, both ways, with hreflang.
      expect((await editStoryViaForm(editor, dari, {}, 'publish')).status).toBe(303)
      const dariUrl = path('fa', await slugOf(dari))
      const linked = await publicPage(originalUrl)
      const link = linked.$('.story-translations a')
      expect(link).toHaveLength(1)
      expect(link.attr('href')).toBe(dariUrl)
      expect(link.attr('lang')).toBe('fa')
      expect(link.attr('dir')).toBe('rtl')
      expect(link.text()).toBe('این گزارش را به دری بخوانید')
      expect(hreflangs(linked.$)).toEqual([
        ['en', SITE + originalUrl],
        ['fa-AF', SITE + dariUrl],
        ['x-default', SITE + originalUrl],
      ])
      expect(linked.$('meta[property="og:locale:alternate"]').attr('content')).toBe('fa_IR')
      // The masthead's switch leads to the translation itself.
      expect(linked.$('.language-switch a[lang=fa]').attr('href')).toBe(dariUrl)
      const back = await publicPage(dariUrl)
      expect(back.$('html').attr('lang')).toBe('fa')
      expect(back.$('.story-translations a').attr('href')).toBe(originalUrl)
      expect(back.$('.story-translations a').text()).toBe('Read this in English')
      expect(back.$('meta[property="og:locale"]').attr('content')).toBe('fa_IR')
      const jsonLd = JSON.parse(back.$('script[type="application/ld+json"]').first().text())
      expect(jsonLd.inLanguage).toBe('fa')

      // The content API names the published translations.
      const api = (await (await t.get(`/api/v1/articles/${original}`)).json()) as {
        data: { translations: { id: number; language: string; url: string }[] }
      }
      expect(api.data.translations).toEqual([
        { id: dari, language: 'fa', headline: 'قیمت نان ثابت مانده است', url: SITE + dariUrl },
      ])

      // A second Dari story in the same group is refused, in the form, with the input kept.
      const { $ } = await editor.page('/admin/stories/new')
      const refused = await editor.post('/admin/stories', {
        ...formFields($),
        ...fields('نرخ نان در بازار', 'fa', { translationOf: String(original) }),
        action: 'save',
      })
      expect(refused.status).toBe(422)
      const refusedPage = cheerio.load(await refused.text())
      expect(refusedPage('.problems, [role=alert]').text()).toContain('already has a Dari translation')
      expect(refusedPage('#headline').attr('value') ?? refusedPage('#headline').text()).toContain(
        'نرخ نان در بازار',
      )
      expect(
        await t.ctx.db
          .selectFrom('articles')
          .select('id')
          .where('headline', '=', 'نرخ نان در بازار')
          .execute(),
      ).toEqual([])
      // Nor may a story be linked to one in its own language.
      const sameLanguage = await editor.post(`/admin/stories/${dari}`, {
        ...formFields((await editor.page(`/admin/stories/${dari}`)).$),
        translationOf: String(dari),
        action: 'save',
      })
      expect(sameLanguage.status).toBe(422)

      // A Pashto translation of the Dari one joins the same group.
      const pashto = await createStoryViaForm(
        editor,
        fields('د ډوډۍ بیه ثابته پاتې ده', 'ps', { translationOf: String(dari) }),
        'publish',
      )
      const three = await publicPage(originalUrl)
      expect(
        three
          .$('.story-translations a')
          .map((_, a) => three.$(a).attr('lang'))
          .get(),
      ).toEqual(['fa', 'ps'])
      expect(hreflangs(three.$).map(([h]) => h)).toEqual(['en', 'fa-AF', 'ps-AF', 'x-default'])
      expect(String(pashto)).not.toBe('')

      // Withdrawn: its link and hreflang leave the other stories' pages (which were cached).
      await t.get(originalUrl)
      expect((await editStoryViaForm(editor, dari, {}, 'unpublish')).status).toBe(303)
      const after = await publicPage(originalUrl)
      expect(
        after
          .$('.story-translations a')
          .map((_, a) => after.$(a).attr('lang'))
          .get(),
      ).toEqual(['ps'])
      expect(hreflangs(after.$).map(([h]) => h)).toEqual(['en', 'ps-AF', 'x-default'])
      const sitemap = await (await t.get('/sitemaps/posts-2026-11.xml')).text()
      expect(sitemap).toContain(`hreflang="ps-AF"`)
      expect(sitemap).not.toContain(SITE + dariUrl)

      // Unlinked in the editor: the original no longer names it.
      expect((await editStoryViaForm(editor, pashto, { translationOf: '' })).status).toBe(303)
      expect((await publicPage(originalUrl)).$('.story-translations')).toHaveLength(0)
    })

    it('purges a story’s translations’ pages with it (their links name it)', async () => {
      const original = await createStoryViaForm(
        editor,
        fields('Tailors prepare winter coats', 'en'),
        'publish',
      )
      const pashto = await createStoryViaForm(
        editor,
        fields('خیاطان د ژمي کوټونه جوړوي', 'ps', { translationOf: String(original) }),
        'publish',
      )
      const keys = await surrogateKeysForArticle(t.ctx, pashto)
      expect(keys).toContain(`article:${pashto}`)
      expect(keys).toContain(`article:${original}`)
      const alone = await createStoryViaForm(editor, fields('A story alone', 'en'), 'publish')
      expect((await surrogateKeysForArticle(t.ctx, alone))?.filter((k) => k.startsWith('article:'))).toEqual([
        `article:${alone}`,
      ])
    })

    it('refuses a form without its CSRF token', async () => {
      const { $ } = await editor.page('/admin/stories/new')
      const response = await editor.post('/admin/stories', {
        ...formFields($),
        ...fields('No token', 'fa'),
        _csrf: '',
        action: 'save',
      })
      expect(response.status).toBe(403)
    })

    it('edits a section’s names per language in admin → Sections; readers of each language see theirs', async () => {
      const { client } = await signedInAs(t, 'admin')
      const { $ } = await client.page(`/admin/sections/${sectionId}`)
      expect($('input[name=name_fa]')).toHaveLength(1)
      expect($('input[name=name_ps]')).toHaveLength(1)
      // The default language's name is the section's own name, not a separate field.
      expect($('input[name=name_en]')).toHaveLength(0)
      const form: Record<string, string> = {}
      $('form')
        .has('input[name=name_fa]')
        .find('input[name], textarea[name], select[name]')
        .each((_, el) => {
          const node = $(el)
          form[node.attr('name') ?? ''] =
            el.tagName === 'textarea'
              ? node.text()
              : el.tagName === 'select'
                ? (node.find('option[selected]').attr('value') ?? '')
                : (node.attr('value') ?? '')
        })
      await t.get('/fa/desk/')
      const saved = await client.post(`/admin/sections/${sectionId}`, {
        ...form,
        name_fa: 'میز خبر',
        description_fa: 'گزارش‌های میز خبر',
      })
      expect(saved.status).toBe(303)
      const fa = cheerio.load(await (await t.get('/fa/desk/')).text())
      expect(fa('h1').text()).toBe('میز خبر')
      expect(fa('.listing-description').text()).toBe('گزارش‌های میز خبر')
      expect(fa('.section-nav a[href="/fa/desk/"]').text()).toBe('میز خبر')
      // Pashto has no name of its own: the default one.
      expect(
        cheerio
          .load(await (await t.get('/ps/desk/')).text())('h1')
          .text(),
      ).toBe('Desk')
      expect(
        cheerio
          .load(await (await t.get('/desk/')).text())('h1')
          .text(),
      ).toBe('Desk')
      const { $: edit } = await client.page(`/admin/sections/${sectionId}`)
      expect(edit('input[name=name_fa]').attr('value')).toBe('میز خبر')

      // A name too long is refused on its field.
      const tooLong = await client.post(`/admin/sections/${sectionId}`, {
        ...form,
        expectedName: 'Desk',
        name_fa: 'ن'.repeat(81),
      })
      expect(tooLong.status).toBe(422)
    })
  })
}
