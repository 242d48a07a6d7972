// Search on every database in the matrix, with the same assertions: English, Dari and Pashto
// stories written for this test; ranking, safe highlighting, filters, pages, hostile queries; the
// index following publish, unpublish and delete at once; drafts for staff only.
import * as cheerio from 'cheerio'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../src/context.ts'
import { indexStory, reindexSearch, searchStories } from '../src/search/search.service.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

async function page(
  t: TestApp,
  path: string,
): Promise<{ status: number; $: cheerio.CheerioAPI; raw: string }> {
  const response = await t.get(path)
  const raw = await response.text()
  return { status: response.status, $: cheerio.load(raw), raw }
}

const headlines = ($: cheerio.CheerioAPI): string[] =>
  $('.search-result .story-card-headline')
    .map((_, el) => $(el).text())
    .get()

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: search`, () => {
    let t: TestApp
    const ids: Record<string, number> = {}

    beforeAll(async () => {
      t = await startTestApp(engine)
      const ctx = t.ctx
      const society = await makeSection(ctx, { slug: 'society', name: 'Society', position: 1 })
      const education = await makeSection(ctx, { slug: 'education', name: 'Education', parentId: society })
      const sport = await makeSection(ctx, { slug: 'sport', name: 'Sport', position: 2 })
      const maryam = await makeAuthor(ctx, { slug: 'maryam-sadat', name: 'Maryam Sadat' })
      const agency = await makeAuthor(ctx, {
        slug: 'dateline-news',
        name: 'Dateline News',
        kind: 'organization',
      })

      ids.wellsHeadline = await makeArticle(ctx, {
        headline: 'Water board opens new wells in western Kabul',
        dek: 'Residents of three districts will have running water before winter.',
        bodyHtml: paragraphs(
          'Engineers said the pumps draw from a deeper aquifer that has not fallen in a decade.',
          'The board promised forty more by the end of the year.',
        ),
        sectionId: society,
        authorIds: [maryam],
        tagNames: ['Water'],
        publishedAt: '2026-11-10T05:00:00.000Z',
      })
      ids.wellsBody = await makeArticle(ctx, {
        headline: 'Teachers return to village schools',
        bodyHtml: paragraphs(
          'Classes resumed on Saturday. The school yard has two wells, and parents dug one of the wells themselves.',
        ),
        sectionId: education,
        authorIds: [agency],
        // 2026-11-16 at 00:30 in Kabul (UTC+4:30), though still the 15th in UTC.
        publishedAt: '2026-11-15T20:00:00.000Z',
      })
      ids.script = await makeArticle(ctx, {
        headline: 'Court hears case over <script> tags on election site',
        bodyHtml: paragraphs(
          'The judge read out &lt;script&gt;alert("owned")&lt;/script&gt; from the printed page.',
        ),
        sectionId: society,
        authorIds: [agency],
        publishedAt: '2026-11-20T05:00:00.000Z',
      })
      ids.cricket = await makeArticle(ctx, {
        headline: 'Cricket board names squad for the winter tour',
        bodyHtml: paragraphs('Selectors named sixteen players after the domestic season.'),
        sectionId: sport,
        authorIds: [maryam],
        tagNames: ['Cricket'],
        publishedAt: '2026-11-21T05:00:00.000Z',
      })
      for (let i = 0; i < 22; i++) {
        await makeArticle(ctx, {
          headline: `Harvest report ${i + 1}`,
          bodyHtml: paragraphs(`Farmers in district ${i + 1} brought in the pomegranate harvest.`),
          sectionId: sport,
          authorIds: [agency],
          publishedAt: new Date(Date.parse('2026-10-01T05:00:00Z') + i * 3_600_000).toISOString(),
        })
      }
      // Stored with Persian yeh and keheh, a ZWNJ, Persian digits and a hamza above heh.
      ids.dari = await makeArticle(ctx, {
        language: 'fa',
        headline: 'شهرداری کابل ۱۲ چاه جدید را افتتاح کرد',
        bodyHtml: paragraphs(
          'مردم می‌گویند که آب آشامیدنی در سال ۱۴۰۵ بهتر شده است. کتاب‌خانهٔ شهر نیز بازسازی شد.',
        ),
        sectionId: society,
        authorIds: [maryam],
        publishedAt: '2026-11-22T05:00:00.000Z',
      })
      // Stored with Arabic yeh and kaf, as text pasted from an Arabic keyboard layout often is.
      ids.dariArabicLetters = await makeArticle(ctx, {
        language: 'fa',
        headline: 'يك مكتب جديد در هرات',
        bodyHtml: paragraphs('شاگردان در صنف‌هاي تازه درس مي‌خوانند.'),
        sectionId: education,
        authorIds: [maryam],
        publishedAt: '2026-11-22T06:00:00.000Z',
      })
      ids.pashto = await makeArticle(ctx, {
        language: 'ps',
        headline: 'په ننګرهار کې نوې ښوونځۍ پرانستل شوې',
        bodyHtml: paragraphs('د ښوونځي ودانۍ د ولسوالۍ خلکو جوړه کړې ده.'),
        sectionId: education,
        authorIds: [agency],
        publishedAt: '2026-11-22T07:00:00.000Z',
      })
      // Written without a content event (the scheduler announces it later; drafts announce nothing):
      // indexed by hand, so the index holds them and only the query's filters keep them out.
      ids.scheduled = await makeArticle(ctx, {
        headline: 'Scheduled desalination plant story',
        sectionId: society,
        authorIds: [maryam],
        publishedAt: '2026-12-01T05:00:00.000Z',
      })
      ids.draft = await makeArticle(ctx, {
        headline: 'Draft about the desalination plant',
        sectionId: society,
        authorIds: [maryam],
        status: 'draft',
        publishedAt: null,
      })
      await indexStory(ctx, ids.scheduled)
      await indexStory(ctx, ids.draft)
    })

    afterAll(async () => {
      await t?.close()
    })

    it('ranks a headline match above a body match', async () => {
      const results = await searchStories(t.ctx, 'wells', { language: 'en' })
      expect(results.items.map((r) => r.id)).toEqual([ids.wellsHeadline, ids.wellsBody])
    })

    it('matches dek, tags and author names, and the start of the last word', async () => {
      expect((await searchStories(t.ctx, 'running water before', { language: 'en' })).items[0]?.id).toBe(
        ids.wellsHeadline,
      )
      expect((await searchStories(t.ctx, 'cricket', { language: 'en' })).items.map((r) => r.id)).toEqual([
        ids.cricket,
      ])
      const byAuthor = await searchStories(t.ctx, 'maryam sad', { language: 'en' })
      expect(byAuthor.items.map((r) => r.id).sort()).toEqual([ids.wellsHeadline, ids.cricket].sort())
      expect((await searchStories(t.ctx, 'aquif', { language: 'en' })).total).toBe(1)
    })

    it('shows ranked results with highlighted snippets at /search', async () => {
      const { status, $, raw } = await page(t, '/search?q=aquifer')
      expect(status).toBe(200)
      expect(headlines($)).toEqual(['Water board opens new wells in western Kabul'])
      expect($('.search-result .story-card-excerpt mark').first().text()).toBe('aquifer')
      expect($('.search-result a').attr('href')).toContain('/society/')
      expect(raw).toContain('<mark>aquifer</mark>')
      expect($('meta[name=robots]').attr('content')).toBe('noindex')
      const highlighted = await page(t, '/search?q=wells')
      expect(highlighted.$('.search-result .story-card-headline mark').first().text()).toBe('wells')
    })

    it('escapes stored text and only then adds <mark>', async () => {
      const { status, $, raw } = await page(t, '/search?q=script')
      expect(status).toBe(200)
      expect(raw).not.toContain('<script>')
      expect(raw).toContain('&lt;<mark>script</mark>&gt;')
      expect(headlines($)).toEqual(['Court hears case over <script> tags on election site'])
      expect($('.search-result .story-card-excerpt').text()).toContain('alert("owned")')
    })

    it('filters by section (with its subsections), author and dates in the site time zone', async () => {
      const inSociety = await page(t, '/search?q=wells&section=society')
      expect(headlines(inSociety.$)).toHaveLength(2)
      const inEducation = await page(t, '/search?q=wells&section=education')
      expect(headlines(inEducation.$)).toEqual(['Teachers return to village schools'])
      const byAuthor = await page(t, '/search?q=wells&author=maryam-sadat')
      expect(headlines(byAuthor.$)).toEqual(['Water board opens new wells in western Kabul'])
      // The body match went out on the 16th in Kabul: not in a range that ends on the 15th.
      const until15 = await page(t, '/search?q=wells&from=2026-11-01&to=2026-11-15')
      expect(headlines(until15.$)).toEqual(['Water board opens new wells in western Kabul'])
      const from16 = await page(t, '/search?q=wells&from=2026-11-16')
      expect(headlines(from16.$)).toEqual(['Teachers return to village schools'])
    })

    it('pages through results with rel prev and next', async () => {
      const first = await page(t, '/search?q=pomegranate')
      expect(first.$('.search-summary').text()).toContain('22')
      expect(headlines(first.$)).toHaveLength(20)
      expect(first.$('link[rel=next]').attr('href')).toBe('https://news.example/search?q=pomegranate&page=2')
      expect(first.$('link[rel=prev]')).toHaveLength(0)
      expect(first.$('.pagination a[rel=next]').attr('href')).toBe('/search?q=pomegranate&page=2')
      const second = await page(t, '/search?q=pomegranate&page=2')
      expect(headlines(second.$)).toHaveLength(2)
      expect(second.$('link[rel=prev]').attr('href')).toBe('https://news.example/search?q=pomegranate')
      const all = [...headlines(first.$), ...headlines(second.$)]
      expect(new Set(all).size).toBe(22)
      expect((await t.get('/search?q=pomegranate&page=3')).status).toBe(404)
    })

    it('finds Dari text however the word is typed: yeh, kaf, ZWNJ, diacritics, digits', async () => {
      const find = async (q: string) =>
        (await searchStories(t.ctx, q, { language: 'fa' })).items.map((r) => r.id)
      expect(await find('كابل')).toEqual([ids.dari]) // Arabic kaf
      expect(await find('کابل')).toEqual([ids.dari])
      expect(await find('کَابُل')).toEqual([ids.dari]) // with harakat
      expect(await find('ميگويند')).toEqual([ids.dari]) // Arabic yeh, no ZWNJ
      expect(await find('می‌گویند')).toEqual([ids.dari]) // Persian yeh, ZWNJ
      expect(await find('12 چاه')).toEqual([ids.dari]) // ASCII digits for ۱۲
      expect(await find('١٤٠٥')).toEqual([ids.dari]) // Arabic-Indic digits for ۱۴۰۵
      expect(await find('كتابخانه')).toEqual([ids.dari]) // ZWNJ and hamza above heh in the story
      expect(await find('یک مکتب')).toEqual([ids.dariArabicLetters]) // Persian letters, story in Arabic ones
      expect(await find('صنفهای')).toEqual([ids.dariArabicLetters])
      const [hit] = (await searchStories(t.ctx, 'آشامیدنی', { language: 'fa' })).items
      // Snippets come from the folded text the index holds (آ is folded to ا); headlines are shown as written.
      expect(hit?.snippetHtml).toContain('<mark>اشامیدنی</mark>')
      const [arabic] = (await searchStories(t.ctx, 'مكتب', { language: 'fa' })).items
      expect(arabic?.headlineHtml).toBe('يك <mark>مكتب</mark> جديد در هرات')
    })

    it('finds Pashto text with its own letters intact', async () => {
      const find = async (q: string) =>
        (await searchStories(t.ctx, q, { language: 'ps' })).items.map((r) => r.id)
      expect(await find('ننګرهار')).toEqual([ids.pashto])
      expect(await find('ښوونځي')).toEqual([ids.pashto])
      expect(await find('ودانۍ')).toEqual([ids.pashto])
      // Pashto's ګ is not Persian گ: they stay different letters.
      expect(await find('ننگرهار')).toEqual([])
    })

    it('never fails on query syntax characters', async () => {
      for (const q of [
        '"',
        'water"',
        '"water board',
        'AND',
        'water AND OR NOT board',
        'NEAR(water board)',
        'NEAR/2',
        '*',
        'wat*',
        'headline:water',
        '^water',
        '(',
        ')water(',
        "'",
        "water's",
        '\\',
        '-water',
        '+water',
        'water:*',
        '!water & | <->',
        '{}[]',
        '%_',
        'كابل"*)',
        '\u0000\u0001',
        '\uE000water\uE001',
      ]) {
        const response = await t.get(`/search?q=${encodeURIComponent(q)}`)
        expect(response.status, q).toBe(200)
      }
      const { $ } = await page(t, `/search?q=${encodeURIComponent('"wells" (board*)')}`)
      expect(headlines($)).toEqual(['Water board opens new wells in western Kabul'])
    })

    it('answers bad parameters with the form and a message, and an empty query with just the form', async () => {
      const empty = await page(t, '/search')
      expect(empty.status).toBe(200)
      expect(empty.$('form.search-form input[name=q]')).toHaveLength(1)
      expect(empty.$('.search-result')).toHaveLength(0)
      expect(empty.$('.search-summary')).toHaveLength(0)
      for (const query of [
        `q=${'a'.repeat(201)}`,
        'q=wells&from=2026-13-01',
        'q=wells&to=yesterday',
        'q=wells&from=2026-11-20&to=2026-11-01',
        'q=wells&section=no-such-section',
        'q=wells&section=../../etc',
        'q=wells&author=nobody-here',
        'q=wells&page=abc',
        'q=wells&page=0',
      ]) {
        const { status, $ } = await page(t, `/search?${query}`)
        expect(status, query).toBe(400)
        expect($('.search-problems').text(), query).not.toBe('')
        expect($('form.search-form'), query).toHaveLength(1)
      }
      const repeated = await t.get('/search?q=wells&q=water')
      expect(repeated.status).toBe(200)
    })

    it('is never cached', async () => {
      const response = await t.get('/search?q=wells')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('surrogate-key')).toBeNull()
      expect((await t.get('/search/?q=wells')).headers.get('location')).toBe('/search?q=wells')
    })

    it('follows publish, unpublish and delete at once', async () => {
      const ctx = t.ctx
      const sectionId = (
        await ctx.db
          .selectFrom('sections')
          .select('id')
          .where('slug', '=', 'society')
          .executeTakeFirstOrThrow()
      ).id
      const authorId = (
        await ctx.db
          .selectFrom('authors')
          .select('id')
          .where('slug', '=', 'maryam-sadat')
          .executeTakeFirstOrThrow()
      ).id
      const id = await makeArticle(ctx, {
        headline: 'Flash flood warning for the Panjshir valley',
        sectionId,
        authorIds: [authorId],
        publishedAt: new Date(TEST_NOW.getTime() - 60_000).toISOString(),
      })
      const found = async () => headlines((await page(t, '/search?q=panjshir')).$)
      expect(await found()).toEqual(['Flash flood warning for the Panjshir valley'])

      await ctx.db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id).execute()
      await ctx.events.emit({ type: 'article.unpublished', articleId: id, at: TEST_NOW.toISOString() })
      expect(await found()).toEqual([])
      // Still in the index for staff, with its status.
      const staff = await searchStories(ctx, 'panjshir', { includeUnpublished: true })
      expect(staff.items.map((r) => [r.id, r.status])).toEqual([[id, 'unpublished']])

      await ctx.db
        .updateTable('articles')
        .set({ status: 'published', headline: 'Panjshir flood warning lifted' })
        .where('id', '=', id)
        .execute()
      await ctx.events.emit({ type: 'article.published', articleId: id, at: TEST_NOW.toISOString() })
      expect(await found()).toEqual(['Panjshir flood warning lifted'])

      await ctx.db.deleteFrom('articles').where('id', '=', id).execute()
      await ctx.events.emit({ type: 'article.deleted', articleId: id, at: TEST_NOW.toISOString() })
      expect(await found()).toEqual([])
      expect((await searchStories(ctx, 'panjshir', { includeUnpublished: true })).total).toBe(0)
    })

    it('never shows stories scheduled for later or drafts to readers; staff find them', async () => {
      expect(headlines((await page(t, '/search?q=desalination')).$)).toEqual([])
      expect((await searchStories(t.ctx, 'desalination')).total).toBe(0)
      const staff = await searchStories(t.ctx, 'desalination', { includeUnpublished: true })
      expect(staff.items.map((r) => [r.id, r.status]).sort()).toEqual(
        [
          [ids.draft, 'draft'],
          [ids.scheduled, 'published'],
        ].sort(),
      )
    })

    it('rebuilds the whole index with a report', async () => {
      const progress: number[] = []
      const report = await reindexSearch(t.ctx, ({ done }) => progress.push(done))
      const stories = await t.ctx.db.selectFrom('articles').select('id').execute()
      expect(report.indexed).toBe(stories.length)
      expect(progress.at(-1)).toBe(stories.length)
      if (engine === 'postgres') {
        // The planner sees the rebuilt index at once (postgres-search.ts refreshStatistics).
        const { rows } = await sql<{ analyzed: boolean }>`
          SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
          WHERE relname = 'search_documents'`.execute(t.ctx.db)
        expect(rows[0]?.analyzed).toBe(true)
        // Vectors live in their rows, not out of line (migration 0014): a search tests one per story.
        const storage = await sql<{ attstorage: string }>`
          SELECT attstorage FROM pg_attribute
          WHERE attrelid = 'search_documents'::regclass AND attname = 'document'`.execute(t.ctx.db)
        expect(storage.rows[0]?.attstorage).toBe('m')
      }
      expect((await searchStories(t.ctx, 'wells', { language: 'en' })).items.map((r) => r.id)).toEqual([
        ids.wellsHeadline,
        ids.wellsBody,
      ])
    })

    it('refuses an over-long query from other callers with a stable code', async () => {
      await expect(searchStories(t.ctx, 'a'.repeat(201))).rejects.toMatchObject({
        code: 'SEARCH_QUERY_TOO_LONG',
      })
      void systemActor
    })
  })
}
