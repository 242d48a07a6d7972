// Ranking is bounded: only the newest matches (RANK_WINDOW, 1,000 in production, 5 here) are
// scored, so a word found in most of a large archive costs the same as a rare one. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSearchBackend } from '../src/db/dialect.ts'
import { createSearchIndex } from '../src/search/search-index.ts'
import { parseSearchQuery } from '../src/search/search-query.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: search ranks the newest matches only`, () => {
    let t: TestApp
    const harvestIds: number[] = []

    beforeAll(async () => {
      t = await startTestApp(engine)
      const section = await makeSection(t.ctx, { slug: 'farming', name: 'Farming' })
      const author = await makeAuthor(t.ctx, { slug: 'window-desk', name: 'Window Desk' })
      // Eight stories mention the harvest, oldest first; the oldest mentions it most often, so it
      // would rank first if every match were scored.
      for (let i = 0; i < 8; i++) {
        const mentions = i === 0 ? 'harvest harvest harvest harvest' : 'harvest'
        harvestIds.push(
          await makeArticle(t.ctx, {
            headline: `Harvest report number ${i + 1}`,
            bodyHtml: paragraphs(`Farmers spoke about the ${mentions} in the valley.`),
            sectionId: section,
            authorIds: [author],
            publishedAt: new Date(TEST_NOW.getTime() - (10 - i) * 3_600_000).toISOString(),
          }),
        )
      }
      await makeArticle(t.ctx, {
        headline: 'Draft about the harvest',
        bodyHtml: paragraphs('Not yet published harvest notes.'),
        sectionId: section,
        authorIds: [author],
        status: 'draft',
      })
    })
    afterAll(() => t?.close())

    it('scores the newest five published matches, best first, and reports at most five', async () => {
      const index = createSearchIndex(
        t.ctx.db,
        createSearchBackend(t.ctx.db, t.ctx.engine, { rankWindow: 5 }),
      )
      await index.reindexAll()
      const query = parseSearchQuery('harvest')
      if (!query) throw new Error('query did not parse')
      const page = await index.search(
        query,
        { includeUnpublished: false },
        { limit: 10, offset: 0 },
        TEST_NOW,
      )
      expect(page.total).toBe(5)
      expect(page.isTotalCapped).toBe(true)
      expect(page.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(
        harvestIds.slice(3).sort((a, b) => a - b),
      )
      // The unbounded default still finds the oldest, most repetitive story first.
      const full = createSearchIndex(t.ctx.db, createSearchBackend(t.ctx.db, t.ctx.engine))
      const all = await full.search(query, { includeUnpublished: false }, { limit: 10, offset: 0 }, TEST_NOW)
      expect(all.total).toBe(8)
      expect(all.isTotalCapped).toBe(false)
      expect(all.hits[0]?.id).toBe(harvestIds[0])
    })
  })
}
