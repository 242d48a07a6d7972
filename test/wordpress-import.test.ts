// The WordPress importer on every database: the fixtures written for the project imported into
// an empty site, every old URL answering 301 over HTTP, reruns adding nothing, dry runs writing
// nothing, bad files leaving the site untouched, private editorial notes never stored.
import fs from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImportFileError } from '../src/importers/wordpress/import-errors.ts'
import type { ImportReport } from '../src/importers/wordpress/import-report.ts'
import { importWordPress } from '../src/importers/wordpress/import-wordpress.ts'
import { verifyPassword } from '../src/users/passwords.ts'
import { testEngines } from './helpers/databases.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'
import { fixture, makeUploads } from './helpers/wxr-uploads.ts'

async function count(
  t: TestApp,
  table:
    | 'articles'
    | 'sections'
    | 'media'
    | 'redirects'
    | 'authors'
    | 'users'
    | 'tags'
    | 'wp_import_map'
    | 'article_authors',
): Promise<number> {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: WordPress import`, () => {
    let t: TestApp
    let uploads: string
    let report: ImportReport

    beforeAll(async () => {
      uploads = await makeUploads()
      t = await startTestApp(engine)
      report = await importWordPress(t.ctx, { file: fixture('newsroom.xml'), mediaDir: uploads })
    })
    afterAll(async () => {
      await t?.close()
      fs.rmSync(uploads, { recursive: true, force: true })
    })

    it('reports what it imported, skipped and did not store', () => {
      expect(report.wxrVersion).toBe('1.2')
      expect(report.permalinkStructure).toBe('/%year%/%monthnum%/%day%/%postname%/')
      expect(report.imported).toMatchObject({ stories: 7, pages: 1, media: 2, users: 3 })
      expect(report.skipped).toEqual({ 'in the trash': 1, 'post type "nav_menu_item"': 1 })
      expect(report.comments).toMatchObject({ approved: 1, pending: 1, notes: 1, stored: 0 })
      expect(report.media.missing).toBe(1)
      expect(report.unknownShortcodes).toEqual({ tie_list: 1 })
      expect(report.warnings.map((w) => w.message)).toContain('private in WordPress: imported as a draft')
    })

    it('maps statuses, dates, languages, datelines, excerpts and SEO text', async () => {
      const rows = await t.ctx.db
        .selectFrom('articles')
        .leftJoin('article_seo', 'article_seo.article_id', 'articles.id')
        .select(['slug', 'language', 'status', 'published_at', 'dateline', 'excerpt', 'title', 'description'])
        .orderBy('articles.id')
        .execute()
      const bySlug = new Map(rows.map((r) => [r.slug, r]))
      expect(bySlug.get('water-board-opens-wells')).toMatchObject({
        status: 'published',
        published_at: '2026-11-20T05:30:00.000Z',
        dateline: 'KABUL',
        excerpt: 'Six wells open in Paghman, the first of twenty.',
        title: 'Water board opens new wells in Paghman',
        description: 'Six new wells in Paghman: who built them and who will keep them running.',
      })
      expect(bySlug.get('بودجه-آب')).toMatchObject({
        language: 'en',
        status: 'published',
        description: 'توضیح کوتاه',
      })
      // A zero GMT date is an unpublished draft, whatever else the item says.
      expect(bySlug.get('د-اوبو-نوې-لارې')).toMatchObject({ status: 'draft', published_at: null })
      expect(bySlug.get('election-results-expected')).toMatchObject({
        status: 'scheduled',
        published_at: '2026-12-01T04:30:00.000Z',
        dateline: 'HERAT',
      })
      expect(bySlug.get('pending-market')?.status).toBe('review')
      expect(bySlug.get('private-memo')?.status).toBe('draft')
      expect(bySlug.has('deleted-story__trashed')).toBe(false)
    })

    it('builds the section tree from the categories, renaming a reserved slug', async () => {
      const sections = await t.ctx.db.selectFrom('sections').select(['id', 'slug', 'parent_id']).execute()
      const id = (slug: string) => sections.find((s) => s.slug === slug)?.id
      expect(sections.find((s) => s.slug === 'politics')?.parent_id).toBe(id('news'))
      expect(sections.find((s) => s.slug === 'elections')?.parent_id).toBe(id('politics'))
      expect(id('feed-section')).toBeDefined()
      expect(id('جامعه')).toBeDefined()
      expect(id('pages')).toBeDefined()
    })

    it('turns authors into bylines and password-less contributor accounts; Co-Authors Plus adds bylines', async () => {
      const users = await t.ctx.db.selectFrom('users').select(['email', 'role', 'password_hash']).execute()
      expect(users.map((u) => u.email).sort()).toEqual([
        'amina@old.example',
        'daud@old.example',
        'web@old.example',
      ])
      for (const user of users) {
        expect(user.role).toBe('contributor')
        expect(await verifyPassword('', user.password_hash)).toBe(false)
        expect(await verifyPassword('!', user.password_hash)).toBe(false)
      }
      const bylines = await t.ctx.db
        .selectFrom('article_authors')
        .innerJoin('articles', 'articles.id', 'article_authors.article_id')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select(['articles.slug', 'authors.name', 'authors.kind'])
        .orderBy('article_authors.position')
        .execute()
      const of = (slug: string) => bylines.filter((b) => b.slug === slug).map((b) => b.name)
      expect(of('بودجه-آب')).toEqual(['Daud Karimi', 'Guest Writer'])
      expect(of('water-board-opens-wells')).toEqual(['آمنه رحیمی'])
      // The house "admin" account is never a byline: the site's own name stands in.
      expect(of('roads-reopen')).toEqual(['Paghman Valley Times'])
    })

    it('never stores or shows private editorial notes', async () => {
      const leaks = await t.ctx.db
        .selectFrom('articles')
        .select('id')
        .where('body_html', 'like', '%PRIVATE-EDITORIAL-NOTE%')
        .execute()
      expect(leaks).toHaveLength(0)
      const page = await (await t.get('/politics/water-board-opens-wells')).text()
      expect(page).not.toContain('PRIVATE-EDITORIAL-NOTE')
      expect(page).not.toContain('check the well count')
    })

    it('serves the imported story with its dateline, figure and images from the media library', async () => {
      const response = await t.get('/politics/water-board-opens-wells')
      expect(response.status).toBe(200)
      const html = await response.text()
      expect(html).toContain('KABUL —')
      expect(html).toContain('<figcaption>Villagers at the first of the new wells</figcaption>')
      expect(html).not.toContain('wp-content/uploads/2026/11/well')
      expect(html).not.toContain('[caption')
      expect(html).toContain('[tie_list')
    })

    it('processes attachments like uploads: variants made, metadata stripped', async () => {
      const media = await t.ctx.db.selectFrom('media').selectAll().orderBy('alt').execute()
      expect(media.map((m) => m.alt)).toEqual([
        'A new well with villagers queuing',
        'Stalls at the reopened market',
      ])
      expect(media[0]?.caption).toBe('Villagers at the first of the new wells')
      const variants = await t.ctx.db.selectFrom('media_variants').select('id').execute()
      expect(variants.length).toBeGreaterThan(2)
      const original = fs.readFileSync(`${t.ctx.config.mediaDir}/${media[0]?.path}`)
      const meta = await sharp(original).metadata()
      expect(meta.exif).toBeUndefined()
      expect(original.includes(Buffer.from('SECRET-CAMERA-OWNER'))).toBe(false)
    })

    it('answers every old URL with a 301 to its new home', async () => {
      const media = await t.ctx.db.selectFrom('media').select(['path']).orderBy('alt').execute()
      const well = `/media/${media[0]?.path}`
      const market = `/media/${media[1]?.path}`
      const dari = '/%D8%AC%D8%A7%D9%85%D8%B9%D9%87/%D8%A8%D9%88%D8%AF%D8%AC%D9%87-%D8%A2%D8%A8'
      const expected: [string, string][] = [
        ['/2026/11/20/water-board-opens-wells/', '/politics/water-board-opens-wells'],
        ['/?p=101', '/politics/water-board-opens-wells'],
        ['/2026/11/22/%d8%a8%d9%88%d8%af%d8%ac%d9%87-%d8%a2%d8%a8/', dari],
        ['/2026/11/22/%D8%A8%D9%88%D8%AF%D8%AC%D9%87-%D8%A2%D8%A8/', dari],
        ['/2026/12/01/election-results-expected/', '/elections/election-results-expected'],
        ['/about/', '/pages/about'],
        ['/?page_id=109', '/pages/about'],
        ['/category/news/', '/news/'],
        ['/category/news/politics/', '/politics/'],
        ['/category/news/politics/elections/', '/elections/'],
        ['/category/feed/', '/feed-section/'],
        ['/?cat=6', '/politics/'],
        ['/category/news/feed/', '/feed/section/news/rss.xml'],
        ['/category/news/politics/feed/', '/feed/section/politics/rss.xml'],
        ['/tag/water/feed/', '/feed/tag/water/rss.xml'],
        ['/?author=3', '/author/daud/'],
        ['/author/amina/feed/', '/feed/author/amina/rss.xml'],
        ['/feed/', '/feed/rss.xml'],
        ['/feed/atom/', '/feed/atom.xml'],
        ['/comments/feed/', '/feed/rss.xml'],
        ['/2026/11/20/water-board-opens-wells/well/', well],
        ['/?attachment_id=202', market],
        ['/wp-content/uploads/2026/11/well.jpg', well],
        ['/wp-content/uploads/2026/11/well-1024x683.jpg', well],
        ['/wp-content/uploads/2026/11/well-150x150.jpg', well],
      ]
      for (const [from, to] of expected) {
        const response = await t.get(from)
        expect({ from, status: response.status, location: response.headers.get('location') }).toEqual({
          from,
          status: 301,
          location: to,
        })
      }
      // Same slugs as before need no redirect: /tag/water/ and /tag/%d8%a2%d8%a8/ simply work.
      for (const live of [
        '/politics/water-board-opens-wells',
        dari,
        '/tag/%d8%a2%d8%a8/',
        '/pages/about',
        '/tag/water/',
        '/author/amina/',
        '/news/',
        well,
      ]) {
        expect({ live, status: (await t.get(live)).status }).toEqual({ live, status: 200 })
      }
      // The home page itself is untouched by query strings that are not WordPress's.
      expect((await t.get('/?utm_source=newsletter')).status).toBe(200)
    })

    it('adds nothing on a second run', async () => {
      const before = await Promise.all(
        (
          [
            'articles',
            'sections',
            'media',
            'redirects',
            'authors',
            'users',
            'tags',
            'wp_import_map',
            'article_authors',
          ] as const
        ).map((n) => count(t, n)),
      )
      const again = await importWordPress(t.ctx, { file: fixture('newsroom.xml'), mediaDir: uploads })
      expect(again.imported).toMatchObject({
        stories: 0,
        pages: 0,
        media: 0,
        sections: 0,
        authors: 0,
        users: 0,
      })
      expect(again.alreadyImported).toMatchObject({ stories: 8, media: 2 })
      const after = await Promise.all(
        (
          [
            'articles',
            'sections',
            'media',
            'redirects',
            'authors',
            'users',
            'tags',
            'wp_import_map',
            'article_authors',
          ] as const
        ).map((n) => count(t, n)),
      )
      expect(after).toEqual(before)
    })
  })

  describe.skipIf(!isAvailable)(`${label}: WordPress import of other exports`, () => {
    let t: TestApp
    let uploads: string

    beforeAll(async () => {
      uploads = await makeUploads()
      t = await startTestApp(engine)
    })
    afterAll(async () => {
      await t?.close()
      fs.rmSync(uploads, { recursive: true, force: true })
    })

    it('checks everything in a dry run and writes nothing', async () => {
      const report = await importWordPress(t.ctx, {
        file: fixture('newsroom.xml'),
        mediaDir: uploads,
        isDryRun: true,
      })
      expect(report.isDryRun).toBe(true)
      expect(report.imported).toMatchObject({ stories: 7, pages: 1, media: 2 })
      for (const table of [
        'articles',
        'sections',
        'media',
        'redirects',
        'authors',
        'users',
        'tags',
        'wp_import_map',
      ] as const) {
        expect({ table, n: await count(t, table) }).toEqual({ table, n: 0 })
      }
      expect(fs.existsSync(t.ctx.config.mediaDir) ? fs.readdirSync(t.ctx.config.mediaDir) : []).toEqual([])
    })

    it('refuses bad files with the line, and writes nothing', async () => {
      const dir = fs.mkdtempSync(`${uploads}/bad-`)
      const whole = fs.readFileSync(fixture('newsroom.xml'))
      fs.writeFileSync(`${dir}/truncated.xml`, whole.subarray(0, Math.floor(whole.length * 0.8)))
      fs.writeFileSync(`${dir}/malformed.xml`, whole.toString('utf8').replace('</title>', '</titel>'))
      const cases: [string, string][] = [
        [`${dir}/truncated.xml`, 'IMPORT_XML_INVALID'],
        [`${dir}/malformed.xml`, 'IMPORT_XML_INVALID'],
        [fixture('doctype-xxe.xml'), 'IMPORT_DOCTYPE_REFUSED'],
        [fixture('not-wxr.xml'), 'IMPORT_NOT_WXR'],
      ]
      for (const [file, code] of cases) {
        const error = await importWordPress(t.ctx, { file }).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ImportFileError)
        expect({ file, code: (error as ImportFileError).code }).toEqual({ file, code })
        expect((error as ImportFileError).message).toMatch(/line \d+/)
      }
      for (const table of ['articles', 'sections', 'authors', 'users', 'wp_import_map'] as const) {
        expect({ table, n: await count(t, table) }).toEqual({ table, n: 0 })
      }
    })

    it('imports a WXR 1.0 export without CDATA and redirects its /yyyy/mm/slug/ links', async () => {
      const report = await importWordPress(t.ctx, { file: fixture('wxr-1.0-no-cdata.xml') })
      expect(report.imported.stories).toBe(1)
      expect(report.permalinkStructure).toBe('/%year%/%monthnum%/%postname%/')
      expect(report.comments).toMatchObject({ approved: 1, spam: 1 })
      const row = await t.ctx.db
        .selectFrom('articles')
        .selectAll()
        .where('slug', '=', 'bridge-repaired')
        .executeTakeFirstOrThrow()
      expect(row.headline).toBe('Bridge repaired & reopened')
      expect(row.body_html).toBe(
        '<p>The old bridge is open again <em>after three months</em>.</p>\n<p>Cars crossed it on Monday.</p>',
      )
      const response = await t.get('/2009/03/bridge-repaired/')
      expect(response.status).toBe(301)
      expect(response.headers.get('location')).toBe('/local/bridge-repaired')
    })

    it('imports a multisite sub-site: paths below its base, uploads under sites/N/', async () => {
      const report = await importWordPress(t.ctx, {
        file: fixture('multisite-subsite.xml'),
        mediaDir: uploads,
      })
      expect(report.source).toBe('https://network.example/kandahar')
      expect(report.permalinkStructure).toBe('/%postname%/')
      expect(report.imported).toMatchObject({ stories: 1, media: 1 })
      const story = await t.ctx.db
        .selectFrom('articles')
        .selectAll()
        .where('slug', '=', 'bazaar-reopens')
        .executeTakeFirstOrThrow()
      // One language per site: the Pashto sub-site's stories take the site's, and the report says so.
      expect(story.language).toBe('en')
      expect(report.warnings.map((w) => w.message).join('\n')).toContain('the export\'s language is "ps"')
      expect(story.featured_media_id).not.toBeNull()
      const media = await t.ctx.db
        .selectFrom('media')
        .select('path')
        .where('id', '=', story.featured_media_id ?? 0)
        .executeTakeFirstOrThrow()
      expect(story.body_html).toContain(`src="/media/${media.path}"`)
      const old = await t.get('/bazaar-reopens/')
      expect(old.status).toBe(301)
      expect(old.headers.get('location')).toBe('/local-news/bazaar-reopens')
      const upload = await t.get('/wp-content/uploads/sites/3/2026/10/bazaar.jpg')
      expect(upload.headers.get('location')).toBe(`/media/${media.path}`)
    })
  })
}
