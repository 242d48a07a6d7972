// Leaving is as easy as arriving: a site exported as WXR and imported into an empty site keeps
// every story, section, tag, byline and image; the JSON export holds everything, revisions,
// redirects and settings included, and never a password hash. On every database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportJson } from '../src/exporters/export-json.ts'
import { exportWxr } from '../src/exporters/export-wxr.ts'
import { importWordPress } from '../src/importers/wordpress/import-wordpress.ts'
import { testEngines } from './helpers/databases.ts'
import { buildRichSite } from './helpers/rich-site.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'
import { fixture, makeUploads } from './helpers/wxr-uploads.ts'

async function snapshot(t: TestApp) {
  const { db } = t.ctx
  const sections = await db.selectFrom('sections').selectAll().execute()
  const slugOf = new Map(sections.map((s) => [s.id, s.slug]))
  const media = await db.selectFrom('media').selectAll().execute()
  const mediaById = new Map(media.map((m) => [m.id, m]))
  const articles = await db.selectFrom('articles').selectAll().orderBy('slug').execute()
  const bylines = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_id', 'name', 'position'])
    .orderBy('position')
    .execute()
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_id', 'slug'])
    .execute()
  const seo = await db.selectFrom('article_seo').selectAll().execute()
  // Image files get new names in the new site: compare bodies with media addresses stood in for.
  const altOfPath = new Map(media.map((m) => [`/media/${m.path}`, m.alt]))
  const body = (html: string) =>
    html.replace(/\/media\/[^"' ]+/g, (url) => `[image: ${altOfPath.get(url) ?? 'variant'}]`)
  return {
    sections: sections
      .map((s) => ({
        slug: s.slug,
        name: s.name,
        parent: s.parent_id === null ? null : slugOf.get(s.parent_id),
      }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    tags: (await db.selectFrom('tags').select(['slug', 'name']).execute()).sort((a, b) =>
      a.slug.localeCompare(b.slug),
    ),
    media: media
      .map((m) => ({ alt: m.alt, caption: m.caption, width: m.width }))
      .sort((a, b) => a.alt.localeCompare(b.alt)),
    stories: articles.map((a) => ({
      slug: a.slug,
      headline: a.headline,
      body: body(a.body_html),
      excerpt: a.excerpt,
      dateline: a.dateline,
      status: a.status,
      publishedAt: a.published_at,
      section: slugOf.get(a.section_id),
      bylines: bylines.filter((b) => b.article_id === a.id).map((b) => b.name),
      tags: tags
        .filter((t) => t.article_id === a.id)
        .map((t) => t.slug)
        .sort(),
      seo: seo.filter((s) => s.article_id === a.id).map((s) => [s.title, s.description]),
      featured: a.featured_media_id === null ? null : mediaById.get(a.featured_media_id)?.alt,
    })),
  }
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: export`, () => {
    let source: TestApp
    let target: TestApp
    let uploads: string

    beforeAll(async () => {
      uploads = await makeUploads()
      source = await startTestApp(engine)
      target = await startTestApp(engine)
      await importWordPress(source.ctx, { file: fixture('newsroom.xml'), mediaDir: uploads })
    })
    afterAll(async () => {
      await source?.close()
      await target?.close()
      fs.rmSync(uploads, { recursive: true, force: true })
    })

    it('round-trips every story, section, tag, byline and image through WXR into an empty site', async () => {
      const file = path.join(uploads, 'site.xml')
      const summary = await exportWxr(source.ctx, file)
      expect(summary).toMatchObject({ stories: 8, media: 2, sections: 7 })
      const report = await importWordPress(target.ctx, { file, mediaDir: source.ctx.config.mediaDir })
      expect(report.imported.stories).toBe(8)
      expect(report.media).toMatchObject({ missing: 0, failed: 0 })
      expect(await snapshot(target)).toEqual(await snapshot(source))
    })

    it('writes everything as JSON, revisions, redirects and settings included, and no secrets', async () => {
      const [story] = await source.ctx.db.selectFrom('articles').select(['id', 'headline']).limit(1).execute()
      await source.ctx.db
        .insertInto('article_revisions')
        .values({
          article_id: story?.id ?? 0,
          revision: 1,
          headline: story?.headline ?? '',
          dek: '',
          body_html: '<p>First version</p>',
          excerpt: null,
          dateline: '',
          correction_note: '',
          status: 'published',
          reason: 'published',
          created_by: null,
          created_at: '2026-11-20T06:00:00.000Z',
        })
        .execute()
      await source.ctx.db
        .insertInto('settings')
        .values({ key: 'site_name', value: 'Paghman Valley Times', updated_at: '2026-11-27T00:00:00.000Z' })
        .execute()
      const file = path.join(uploads, 'site.json')
      const summary = await exportJson(source.ctx, file)
      const text = fs.readFileSync(file, 'utf8')
      const data = JSON.parse(text)
      expect(data.format).toBe('dateline-export')
      expect(data.stories).toHaveLength(8)
      expect(summary.revisions).toBe(1)
      expect(data.stories.find((s: { id: number }) => s.id === story?.id).revisions[0].body_html).toBe(
        '<p>First version</p>',
      )
      expect(data.redirects.length).toBeGreaterThan(40)
      expect(data.settings).toEqual([
        expect.objectContaining({ key: 'site_name', value: 'Paghman Valley Times' }),
      ])
      expect(data.media).toHaveLength(2)
      expect(data.media[0].variants.length).toBeGreaterThan(0)
      expect(data.users).toHaveLength(3)
      expect(text).not.toContain('password_hash')
    })
  })
}

/** What WXR carries of each story, by slug: everything readers and editors see of it. */
async function storyFacts(t: TestApp) {
  const { db } = t.ctx
  const sections = new Map(
    (await db.selectFrom('sections').select(['id', 'slug']).execute()).map((s) => [s.id, s.slug]),
  )
  const media = new Map(
    (await db.selectFrom('media').select(['id', 'alt', 'caption', 'credit']).execute()).map(
      ({ id, ...m }) => [id, m],
    ),
  )
  const articles = await db.selectFrom('articles').selectAll().orderBy('language').orderBy('slug').execute()
  const slugOf = new Map(articles.map((a) => [a.id, `${a.language}/${a.slug}`]))
  const bylines = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select([
      'article_id',
      'authors.slug',
      'authors.name',
      'authors.kind',
      'authors.job_title',
      'authors.is_pseudonym',
      'authors.user_id',
    ])
    .orderBy('article_id')
    .orderBy('position')
    .execute()
  const revisions = await db.selectFrom('article_revisions').selectAll().orderBy('id').execute()
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_id', 'slug'])
    .execute()
  return articles.map((a) => ({
    key: `${a.language}/${a.slug}`,
    headline: a.headline,
    dek: a.dek,
    dateline: a.dateline,
    excerpt: a.excerpt,
    correctionNote: a.correction_note,
    status: a.status,
    publishedAt: a.published_at,
    updatedAt: a.updated_at,
    revision: a.revision,
    section: sections.get(a.section_id),
    featured: a.featured_media_id === null ? null : media.get(a.featured_media_id),
    featuredCaption: a.featured_caption,
    featuredCredit: a.featured_credit,
    translationOf: a.translation_group_id === null ? null : slugOf.get(a.translation_group_id),
    tags: tags
      .filter((t) => t.article_id === a.id)
      .map((t) => t.slug)
      .sort(),
    bylines: bylines
      .filter((b) => b.article_id === a.id)
      .map((b) => ({
        slug: b.slug,
        name: b.name,
        kind: b.kind,
        jobTitle: b.job_title,
        isPseudonym: b.is_pseudonym,
      })),
    revisions: revisions
      .filter((r) => r.article_id === a.id)
      .map((r) => ({
        revision: r.revision,
        headline: r.headline,
        dek: r.dek,
        dateline: r.dateline,
        correctionNote: r.correction_note,
        status: r.status,
        reason: r.reason,
        createdAt: r.created_at,
        words: r.body_html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      })),
  }))
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: WXR export of a Dateline site`, () => {
    let source: TestApp
    let target: TestApp
    let dir: string
    let wxr: string

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-roundtrip-'))
      source = await startTestApp(engine)
      target = await startTestApp(engine)
      await buildRichSite(source.ctx)
      const file = path.join(dir, 'site.xml')
      const copied = path.join(dir, 'media')
      const summary = await exportWxr(source.ctx, file, { copyMediaTo: copied })
      expect(summary).toMatchObject({ stories: 9, mediaFilesMissing: 0 })
      expect(summary.revisions).toBeGreaterThanOrEqual(2)
      wxr = fs.readFileSync(file, 'utf8')
      const report = await importWordPress(target.ctx, { file, mediaDir: copied })
      expect(report.imported).toMatchObject({ stories: 9, revisions: summary.revisions, translationLinks: 2 })
      expect(report.media).toMatchObject({ missing: 0, failed: 0 })
    }, 120_000)
    afterAll(async () => {
      await source?.close()
      await target?.close()
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    })

    it('brings back every story with its dek, dateline, correction note, featured caption and credit, bylines, revisions and translations', async () => {
      const before = await storyFacts(source)
      const after = await storyFacts(target)
      expect(after.map((s) => s.key)).toEqual(before.map((s) => s.key))
      for (const [i, story] of before.entries()) expect(after[i]).toEqual(story)
      const wells = after.find((s) => s.key === 'en/water-board-opens-wells')
      expect(wells).toMatchObject({
        dek: 'The first of twenty planned before spring',
        correctionNote: 'An earlier version gave the wrong number of wells.',
        featuredCaption: 'Residents queue at the new well',
        featuredCredit: 'Photo: Zarghuna Amiri',
      })
      expect(wells?.bylines.map((b) => [b.slug, b.kind])).toEqual([
        ['dateline-news', 'organization'],
        ['zarghuna-amiri', 'person'],
      ])
    })

    it('never names the account behind a pseudonym, and imports the pseudonym without one', async () => {
      expect(wxr).not.toContain('hidden.writer@news.example')
      const pseudonym = await target.ctx.db
        .selectFrom('authors')
        .select(['is_pseudonym', 'user_id'])
        .where('slug', '=', 'kabul-observer')
        .executeTakeFirstOrThrow()
      expect(pseudonym).toEqual({ is_pseudonym: 1, user_id: null })
    })
  })
}
