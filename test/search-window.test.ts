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

    // The window is read in one statement and ranked in JS (search-index.ts): the order must be the
    // engine's score, best first, with the newest first among equal scores, and pages must split
    // that one order.
    it('ranks the window best first, newest first among equals, and pages through that order', async () => {
      const index = createSearchIndex(t.ctx.db, createSearchBackend(t.ctx.db, t.ctx.engine))
      const query = parseSearchQuery('harvest')
      if (!query) throw new Error('query did not parse')
      const filters = { includeUnpublished: false }
      const all = await index.search(query, filters, { limit: 10, offset: 0 }, TEST_NOW)
      // The oldest story says "harvest" four times; the other seven once each, in the same words,
      // so they tie on score and come newest first.
      expect(all.hits.map((h) => h.id)).toEqual([harvestIds[0], ...harvestIds.slice(1).reverse()])
      for (let i = 1; i < all.hits.length; i++) {
        expect(all.hits[i - 1]?.score).toBeGreaterThanOrEqual(all.hits[i]?.score ?? Number.NaN)
      }
      const pages = [0, 3, 6].map((offset) => index.search(query, filters, { limit: 3, offset }, TEST_NOW))
      const paged = (await Promise.all(pages)).flatMap((p) => p.hits.map((h) => h.id))
      expect(paged).toEqual(all.hits.map((h) => h.id))
      // A page's hits carry the story's own columns, read after ranking.
      const first = all.hits[0]
      expect(first?.headline).toBe('Harvest report number 1')
      expect(first?.language).toBe('en')
      expect(first?.status).toBe('published')
      expect(first?.excerpt).toContain('harvest')
    })

    it('says the total is capped only when more stories match than the window holds', async () => {
      const query = parseSearchQuery('harvest')
      if (!query) throw new Error('query did not parse')
      const withWindow = (rankWindow: number) =>
        createSearchIndex(t.ctx.db, createSearchBackend(t.ctx.db, t.ctx.engine, { rankWindow })).search(
          query,
          { includeUnpublished: false },
          { limit: 10, offset: 0 },
          TEST_NOW,
        )
      // Eight published stories match.
      const exact = await withWindow(8)
      expect([exact.total, exact.isTotalCapped]).toEqual([8, false])
      const oneShort = await withWindow(7)
      expect([oneShort.total, oneShort.isTotalCapped]).toEqual([7, true])
      // Staff search counts the draft too.
      const staff = await createSearchIndex(
        t.ctx.db,
        createSearchBackend(t.ctx.db, t.ctx.engine, { rankWindow: 8 }),
      ).search(query, { includeUnpublished: true }, { limit: 10, offset: 0 }, TEST_NOW)
      expect([staff.total, staff.isTotalCapped]).toEqual([8, true])
    })

    it('finds a word by its start, with the same window and order as the whole word', async () => {
      const index = createSearchIndex(
        t.ctx.db,
        createSearchBackend(t.ctx.db, t.ctx.engine, { rankWindow: 5 }),
      )
      const run = async (text: string) => {
        const query = parseSearchQuery(text)
        if (!query) throw new Error('query did not parse')
        return index.search(query, { includeUnpublished: false }, { limit: 10, offset: 0 }, TEST_NOW)
      }
      const whole = await run('harvest')
      const start = await run('harv')
      expect(start.hits.map((h) => h.id)).toEqual(whole.hits.map((h) => h.id))
      expect([start.total, start.isTotalCapped]).toEqual([5, true])
      expect(start.hits[0]?.marks?.snippet).toContain('\uE000harvest\uE001')
    })
  })
}
