// A tag's listing takes one of three routes (articles.queries.ts): for a tag page (a tag in one
// language) the index article_tags_listing, whose copy of each story's language and publication
// time is kept by triggers (migration 0012); otherwise the tag's members for a rare tag or a deep
// page, or a walk down the newest-first listing for a common tag's first pages. All must list
// exactly the published stories that carry the tag, newest first, on both engines, whatever wrote
// to the tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countPublishedArticles, listPublishedArticles } from '../src/articles/articles.queries.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: tag listings`, () => {
    let t: TestApp
    let commonTag = 0
    let rareTag = 0
    const common: number[] = []
    const rare: number[] = []

    beforeAll(async () => {
      t = await startTestApp(engine)
      const section = await makeSection(t.ctx, { slug: 'provinces', name: 'Provinces' })
      const author = await makeAuthor(t.ctx, { slug: 'tag-desk', name: 'Tag Desk' })
      for (let i = 0; i < 30; i++) {
        const tagNames = i % 10 === 3 ? ['Drought', 'Wheat'] : i % 5 === 0 ? [] : ['Drought']
        const id = await makeArticle(t.ctx, {
          headline: `Province report ${i}`,
          bodyHtml: paragraphs(`Report number ${i} from the provinces.`),
          sectionId: section,
          authorIds: [author],
          tagNames,
          // Out of id order on purpose: the listing is by publication time, not by id.
          publishedAt: new Date(TEST_NOW.getTime() - ((i * 7) % 30) * 3_600_000 - 60_000).toISOString(),
          // A scheduled and a draft story carry the tag but are not listed.
          status: i === 28 ? 'draft' : 'published',
        })
        if (tagNames.includes('Drought') && i !== 28) common.push(id)
        if (tagNames.includes('Wheat')) rare.push(id)
      }
      const tags = await t.ctx.db.selectFrom('tags').select(['id', 'slug']).execute()
      commonTag = tags.find((tag) => tag.slug === 'drought')?.id ?? 0
      rareTag = tags.find((tag) => tag.slug === 'wheat')?.id ?? 0
    })
    afterAll(() => t?.close())

    async function expectedNewestFirst(ids: number[]): Promise<number[]> {
      const rows = await t.ctx.db
        .selectFrom('articles')
        .select(['id', 'published_at'])
        .where('id', 'in', ids)
        .execute()
      return rows
        .sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id - a.id)
        .map((r) => r.id)
    }

    it('walks a common tag page by page and lists the same stories the members would', async () => {
      const expected = await expectedNewestFirst(common)
      const listed: number[] = []
      for (let offset = 0; offset < expected.length + 3; offset += 3) {
        const rows = await listPublishedArticles(
          t.ctx.db,
          TEST_NOW,
          { tagId: commonTag, language: 'en' },
          { limit: 3, offset },
        )
        listed.push(...rows.map((r) => r.id))
      }
      expect(listed).toEqual(expected)
    })

    it('lists a rare tag through its members', async () => {
      const rows = await listPublishedArticles(
        t.ctx.db,
        TEST_NOW,
        { tagId: rareTag },
        { limit: 20, offset: 0 },
      )
      expect(rows.map((r) => r.id)).toEqual(await expectedNewestFirst(rare))
    })

    /** The tag page's route (the index copy) against the generic one, which reads articles itself. */
    async function expectListingsAgree(tagId: number, language: string, now = TEST_NOW): Promise<number[]> {
      // A window that holds every story sends the same question down the generic route.
      const everything = { start: '0000', end: '9999' }
      const fast = await listPublishedArticles(t.ctx.db, now, { tagId, language }, { limit: 100, offset: 0 })
      const generic = await listPublishedArticles(
        t.ctx.db,
        now,
        { tagId, language, publishedBetween: everything },
        { limit: 100, offset: 0 },
      )
      expect(fast.map((r) => r.id)).toEqual(generic.map((r) => r.id))
      expect(await countPublishedArticles(t.ctx.db, now, { tagId, language })).toBe(generic.length)
      return fast.map((r) => r.id)
    }

    it('keeps the tag listing index in step with every write, including SQL written by hand', async () => {
      const section = await makeSection(t.ctx, { slug: 'copy-desk', name: 'Copy Desk' })
      const author = await makeAuthor(t.ctx, { slug: 'copy-writer', name: 'Copy Writer' })
      const at = (hoursAgo: number) => new Date(TEST_NOW.getTime() - hoursAgo * 3_600_000).toISOString()
      const story = (headline: string, publishedAt: string, status: 'published' | 'draft' = 'published') =>
        makeArticle(t.ctx, {
          headline,
          bodyHtml: paragraphs(`${headline}.`),
          sectionId: section,
          authorIds: [author],
          tagNames: ['Irrigation'],
          publishedAt,
          status,
        })
      const older = await story('Canal repairs begin', at(5))
      const newer = await story('Canal repairs finish', at(1))
      const draft = await story('Canal repairs, a draft', at(2), 'draft')
      const later = await story(
        'Canal opening ceremony',
        new Date(TEST_NOW.getTime() + 3_600_000).toISOString(),
      )
      const tag =
        (await t.ctx.db.selectFrom('tags').select('id').where('slug', '=', 'irrigation').executeTakeFirst())
          ?.id ?? 0
      expect(await expectListingsAgree(tag, 'en')).toEqual([newer, older])
      // A scheduled time that has come: listed without any write.
      expect(await expectListingsAgree(tag, 'en', new Date(TEST_NOW.getTime() + 2 * 3_600_000))).toEqual([
        later,
        newer,
        older,
      ])
      // Published, withdrawn, moved in time and to another language by plain UPDATEs.
      await t.ctx.db.updateTable('articles').set({ status: 'published' }).where('id', '=', draft).execute()
      expect(await expectListingsAgree(tag, 'en')).toEqual([newer, draft, older])
      await t.ctx.db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', newer).execute()
      await t.ctx.db
        .updateTable('articles')
        .set({ published_at: at(10) })
        .where('id', '=', draft)
        .execute()
      expect(await expectListingsAgree(tag, 'en')).toEqual([older, draft])
      await t.ctx.db
        .updateTable('articles')
        .set({ language: 'fa', slug: 'canal-fa' })
        .where('id', '=', older)
        .execute()
      expect(await expectListingsAgree(tag, 'en')).toEqual([draft])
      expect(await expectListingsAgree(tag, 'fa')).toEqual([older])
      // Tagged by a plain INSERT (as the importers do), untagged by a DELETE.
      await t.ctx.db.deleteFrom('article_tags').where('article_id', '=', draft).execute()
      expect(await expectListingsAgree(tag, 'en')).toEqual([])
      await t.ctx.db.insertInto('article_tags').values({ article_id: draft, tag_id: tag }).execute()
      expect(await expectListingsAgree(tag, 'en')).toEqual([draft])
    })
  })
}
