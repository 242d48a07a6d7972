// Leaving and coming back loses nothing: a rich site (every kind of content, Dari and Pashto text)
// exported as JSON, imported into an empty site and exported again gives the same export field by
// field (ids aside: everything compared by slugs, e-mails, paths and keys), the same public story
// pages byte for byte, and the same image files. The import is checked first as a dry run (nothing
// written) and then run twice (nothing added the second time). The export never ties a pseudonym
// to the account behind it. On every database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScheduler } from '../src/articles/scheduler.ts'
import type {
  ExportedAuthor,
  ExportedMedia,
  ExportedSection,
  ExportedSetting,
  ExportedStory,
  ExportedTag,
  ExportedUser,
} from '../src/exporters/export-format.ts'
import { exportJson } from '../src/exporters/export-json.ts'
import { importJson } from '../src/importers/json/import-json.ts'
import type { JsonImportReport } from '../src/importers/json/json-import-report.ts'
import { testEngines } from './helpers/databases.ts'
import { buildRichSite, type RichSite } from './helpers/rich-site.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

interface ExportFile {
  format: string
  version: number
  siteUrl: string
  settings: ExportedSetting[]
  sections: ExportedSection[]
  users: ExportedUser[]
  authors: ExportedAuthor[]
  tags: ExportedTag[]
  media: ExportedMedia[]
  stories: ExportedStory[]
  redirects: { from_path: string; to_path: string; status_code: number; created_at: string }[]
}

/** The export with every id replaced by the natural key of what it names. */
function byNaturalKeys(data: ExportFile) {
  const key = <T extends { id: number }>(rows: T[], name: (row: T) => string) => {
    const names = new Map(rows.map((row) => [row.id, name(row)]))
    return (id: number | null) => (id === null ? null : (names.get(id) ?? `missing ${id}`))
  }
  const section = key(data.sections, (s) => s.slug)
  const user = key(data.users, (u) => u.email)
  const author = key(data.authors, (a) => a.slug)
  const tag = key(data.tags, (t) => t.slug)
  const media = key(data.media, (m) => m.path)
  const story = key(data.stories, (s) => `${s.language}/${s.slug}`)
  return {
    format: data.format,
    version: data.version,
    siteUrl: data.siteUrl,
    settings: data.settings.map((s) =>
      s.key === 'logo_media_id' ? { ...s, value: media(Number(s.value)) } : s,
    ),
    sections: data.sections.map(({ id: _, parent_id, ...rest }) => ({ ...rest, parent: section(parent_id) })),
    users: data.users.map(({ id: _, ...rest }) => rest),
    authors: data.authors.map(({ id: _, avatar_media_id, user_id, ...rest }) => ({
      ...rest,
      avatar: media(avatar_media_id),
      user: user(user_id),
    })),
    tags: data.tags.map(({ id: _, ...rest }) => rest),
    media: data.media.map(({ id: _, uploaded_by, ...rest }) => ({ ...rest, uploadedBy: user(uploaded_by) })),
    stories: data.stories.map(
      ({
        id: _,
        section_id,
        featured_media_id,
        created_by,
        translation_group_id,
        author_ids,
        tag_ids,
        revisions,
        ...rest
      }) => ({
        ...rest,
        section: section(section_id),
        featured: media(featured_media_id),
        createdBy: user(created_by),
        translationOf: story(translation_group_id),
        bylines: author_ids.map(author),
        tags: tag_ids.map(tag).sort(),
        revisions: revisions.map(({ id: __, created_by: by, ...revision }) => ({
          ...revision,
          createdBy: user(by),
        })),
      }),
    ),
    redirects: data.redirects.map(({ from_path, to_path, status_code, created_at }) => ({
      from_path,
      to_path,
      status_code,
      created_at,
    })),
  }
}

async function count(
  t: TestApp,
  table: 'articles' | 'media' | 'sections' | 'users' | 'redirects',
): Promise<number> {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: JSON export → import round trip`, () => {
    let source: TestApp
    let target: TestApp
    let site: RichSite
    let dir: string
    let first: ExportFile
    let second: ExportFile
    let dryRun: JsonImportReport
    let report: JsonImportReport
    let rerun: JsonImportReport

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-json-roundtrip-'))
      source = await startTestApp(engine)
      target = await startTestApp(engine)
      site = await buildRichSite(source.ctx)
      const file = path.join(dir, 'site.json')
      const copied = path.join(dir, 'media-copy')
      const summary = await exportJson(source.ctx, file, { copyMediaTo: copied })
      expect(summary.mediaFilesMissing).toBe(0)
      first = JSON.parse(fs.readFileSync(file, 'utf8'))
      dryRun = await importJson(target.ctx, { file, mediaDir: copied, isDryRun: true })
      expect(await count(target, 'articles')).toBe(0)
      report = await importJson(target.ctx, { file, mediaDir: copied })
      rerun = await importJson(target.ctx, { file, mediaDir: copied })
      const again = path.join(dir, 'again.json')
      await exportJson(target.ctx, again)
      second = JSON.parse(fs.readFileSync(again, 'utf8'))
    }, 120_000)
    afterAll(async () => {
      await source?.close()
      await target?.close()
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    })

    it('exports every kind of content', () => {
      expect(first.format).toBe('dateline-export')
      expect(first.version).toBe(2)
      expect(first.stories).toHaveLength(9)
      expect(new Set(first.stories.map((s) => s.status))).toEqual(
        new Set(['published', 'draft', 'scheduled', 'review', 'unpublished']),
      )
      const wells = first.stories.find((s) => s.slug === 'water-board-opens-wells')
      expect(wells).toMatchObject({
        dek: 'The first of twenty planned before spring',
        dateline: 'KABUL',
        correction_note: 'An earlier version gave the wrong number of wells.',
        featured_caption: 'Residents queue at the new well',
        featured_credit: 'Photo: Zarghuna Amiri',
        seo: { title: 'Six new wells in Paghman', description: 'Who built them and who keeps them running.' },
      })
      expect(wells?.revisions.length).toBeGreaterThanOrEqual(2)
      expect(first.sections.find((s) => s.slug === 'news')?.translations).toEqual([
        { language: 'fa', name: 'خبرها', description: 'آنچه امروز رخ داد' },
        { language: 'ps', name: 'خبرونه', description: 'هغه څه چې نن پېښ شول' },
      ])
      expect(first.stories.filter((s) => s.translation_group_id !== null)).toHaveLength(2)
      expect(first.authors.find((a) => a.slug === 'dateline-news')?.kind).toBe('organization')
      expect(first.media).toHaveLength(3)
      expect(first.redirects.length).toBeGreaterThanOrEqual(2)
    })

    it('never ties a pseudonym to the account behind it', () => {
      const pseudonym = first.authors.find((a) => a.slug === 'kabul-observer')
      expect(pseudonym).toMatchObject({ is_pseudonym: 1, user_id: null })
      const writer = first.users.find((u) => u.email === site.pseudonymUserEmail)
      expect(writer).toBeDefined()
      const story = first.stories.find((s) => s.slug === 'inside-the-queue')
      expect(story?.created_by).toBeNull()
      const featured = first.media.find((m) => m.id === story?.featured_media_id)
      expect(featured?.uploaded_by).toBeNull()
      const mentions = JSON.stringify(first).split(`"created_by":${writer?.id},`).length - 1
      expect(mentions).toBe(0)
      expect(JSON.stringify(first)).not.toContain('password_hash')
    })

    it('checks everything in a dry run and writes nothing', () => {
      expect(dryRun.isDryRun).toBe(true)
      expect(dryRun.imported).toMatchObject({ stories: 9, sections: 4, media: 3, authors: 4 })
    })

    it('imports everything once, and nothing the second time', async () => {
      expect(report.imported).toMatchObject({
        stories: 9,
        sections: 4,
        tags: first.tags.length,
        authors: 4,
        users: 2,
        media: 3,
        redirects: first.redirects.length,
        settings: first.settings.length,
        translationLinks: 2,
      })
      expect(report.imported.revisions).toBe(first.stories.reduce((n, s) => n + s.revisions.length, 0))
      expect(report.media).toEqual({
        filesCopied: first.media.reduce((n, m) => n + 1 + m.variants.length, 0),
        filesMissing: 0,
        filesRefused: 0,
      })
      expect(report.warnings).toEqual([])
      expect(rerun.imported).toMatchObject({
        stories: 0,
        sections: 0,
        tags: 0,
        authors: 0,
        users: 0,
        media: 0,
      })
      expect(rerun.alreadyPresent).toMatchObject({ stories: 9, sections: 4, media: 3, translationLinks: 2 })
      expect(await count(target, 'articles')).toBe(9)
    })

    it('exports again exactly what it imported, field by field', () => {
      const before = byNaturalKeys(first)
      const after = byNaturalKeys(second)
      // Accounts come back without a password and cannot sign in until reset, but otherwise equal.
      expect(after.settings).toEqual(before.settings)
      expect(after.sections).toEqual(before.sections)
      expect(after.users).toEqual(before.users)
      expect(after.authors).toEqual(before.authors)
      expect(after.tags).toEqual(before.tags)
      expect(after.media).toEqual(before.media)
      for (const [i, story] of before.stories.entries()) expect(after.stories[i]).toEqual(story)
      expect(after.redirects).toEqual(before.redirects)
      expect(after).toEqual(before)
    })

    it('serves the same story pages, redirects and image files', async () => {
      for (const [section, slug] of site.publicStories) {
        const address = `/${section}/${encodeURIComponent(slug)}`
        const [a, b] = await Promise.all([source.get(address), target.get(address)])
        expect(b.status).toBe(200)
        expect(a.status).toBe(200)
        expect(await b.text()).toBe(await a.text())
      }
      const moved = await target.get('/2025/03/01/old-wells-story/')
      expect(moved.status).toBe(301)
      expect(moved.headers.get('location')).toBe('/politics/city-budget-water')
      for (const item of first.media) {
        const [a, b] = await Promise.all([
          source.get(`/media/${item.path}`),
          target.get(`/media/${item.path}`),
        ])
        expect(b.status).toBe(200)
        expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer()))).toBe(true)
      }
    })

    it('imports a published story dated later as scheduled, published and announced at its time', async () => {
      const [section, slug] = site.publicStories[0] ?? ['', '']
      const later = '2099-01-01T08:00:00.000Z'
      const file = path.join(dir, 'dated-later.json')
      fs.writeFileSync(
        file,
        JSON.stringify({
          ...first,
          stories: first.stories.map((s) => (s.slug === slug ? { ...s, published_at: later } : s)),
        }),
      )
      const fresh = await startTestApp(engine)
      try {
        const imported = await importJson(fresh.ctx, { file, mediaDir: path.join(dir, 'media-copy') })
        expect(imported.warnings.map((w) => w.message)).toContain(
          'it is published with a time still to come: imported as scheduled for then',
        )
        const row = await fresh.ctx.db
          .selectFrom('articles')
          .select(['id', 'status', 'published_at'])
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow()
        expect(row).toMatchObject({ status: 'scheduled', published_at: later })
        const address = `/${section}/${encodeURIComponent(slug)}`
        expect((await fresh.get(address)).status).toBe(404)
        // At its time the scheduler publishes it with an event, which purges the cached pages.
        const announced: number[] = []
        fresh.ctx.events.on((event) => {
          if (event.type === 'article.published') announced.push(event.articleId)
        })
        // (The site's own scheduled story is due by then too.)
        const published = await createScheduler(fresh.ctx).runDue(new Date('2099-01-01T08:00:01.000Z'))
        expect(published).toContain(row.id)
        expect(announced).toEqual(published)
      } finally {
        await fresh.close()
      }
    })
  })
}
