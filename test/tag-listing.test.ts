// A tag's listing takes one of two routes (articles.queries.ts tagLookupFor): the tag's members
// for a rare tag or a deep page, a walk down the newest-first listing for a common tag's first
// pages. Both must list exactly the published stories that carry the tag, newest first, on both
// engines; this site is built so that each route is taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listPublishedArticles } from '../src/articles/articles.queries.ts'
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
  })
}
