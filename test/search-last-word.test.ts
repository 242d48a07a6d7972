// The query's last word: matched as a whole word when that finds stories ("water" means water,
// not waterfalls), and otherwise as the start of a word, so that results come while a word is
// being typed ("pomegr"); on SQLite through the index's vocabulary (search_vocabulary, migration
// 0013), on PostgreSQL as a prefix. Both engines, with Dari folding applied to the typed word.
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { up as searchVocabulary } from '../src/db/migrations/2026-11-28-0013-search-vocabulary.ts'
import { indexStory, searchStories } from '../src/search/search.service.ts'
import { createTestDatabase, testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: the last word of a search`, () => {
    let t: TestApp
    const ids: Record<string, number> = {}
    const found = async (text: string, includeUnpublished = false): Promise<number[]> =>
      (await searchStories(t.ctx, text, { includeUnpublished })).items.map((r) => r.id).sort((a, b) => a - b)

    beforeAll(async () => {
      t = await startTestApp(engine)
      const sectionId = await makeSection(t.ctx, { slug: 'valley', name: 'Valley' })
      const authorIds = [await makeAuthor(t.ctx, { slug: 'desk', name: 'Desk' })]
      ids.water = await makeArticle(t.ctx, {
        headline: 'Water returns to the old canal',
        bodyHtml: paragraphs('The water came back on Monday after the repairs.'),
        sectionId,
        authorIds,
      })
      ids.waterfalls = await makeArticle(t.ctx, {
        headline: 'Waterfalls draw visitors to the valley',
        bodyHtml: paragraphs('The waterfalls were full after the rain, and the canal too.'),
        sectionId,
        authorIds,
      })
      ids.pomegranate = await makeArticle(t.ctx, {
        headline: 'Pomegranate harvest begins in Kandahar',
        bodyHtml: paragraphs('Growers expect more pomegranates than last year.'),
        sectionId,
        authorIds,
      })
      // Written with Arabic kaf and yeh and a zero-width non-joiner, as pasted text often is.
      ids.library = await makeArticle(t.ctx, {
        headline: 'كتابخانه‌ي ملي بازگشايي شد',
        bodyHtml: paragraphs('كتابخانه‌ي ملي پس از دو سال باز شد.'),
        sectionId,
        authorIds,
        language: 'fa',
      })
      ids.lakeshore = await makeArticle(t.ctx, {
        headline: 'Lakeshore hotels reopen',
        sectionId,
        authorIds,
      })
      ids.lakeDraft = await makeArticle(t.ctx, {
        headline: 'Draft about the lake',
        sectionId,
        authorIds,
        status: 'draft',
        publishedAt: null,
      })
      await indexStory(t.ctx, ids.lakeDraft)
      // More words start with "quil" than are looked up one by one: left to the engine's prefix.
      ids.quills = await makeArticle(t.ctx, {
        headline: 'Quill words',
        bodyHtml: paragraphs(
          Array.from({ length: 20 }, (_, i) => `quill${String.fromCharCode(97 + i)}`).join(' '),
        ),
        sectionId,
        authorIds,
      })
    })
    afterAll(async () => {
      await t?.close()
    })

    it('matches a complete last word as a whole word: "water" finds water, not waterfalls', async () => {
      expect(await found('water')).toEqual([ids.water])
      expect(await found('canal water')).toEqual([ids.water])
      const [hit] = (await searchStories(t.ctx, 'water')).items
      expect(hit?.headlineHtml).toBe('<mark>Water</mark> returns to the old canal')
    })

    it('matches an unfinished last word as the start of a word', async () => {
      expect(await found('pomegr')).toEqual([ids.pomegranate])
      expect(await found('waterf')).toEqual([ids.waterfalls])
      expect(await found('wat')).toEqual([ids.water, ids.waterfalls])
      expect(await found('valley wat')).toEqual([ids.waterfalls])
      const [hit] = (await searchStories(t.ctx, 'pomegr')).items
      expect(hit?.headlineHtml).toBe('<mark>Pomegranate</mark> harvest begins in Kandahar')
    })

    it('falls back to the start of a word when the whole word finds nothing', async () => {
      // "canal" and "water" are both words, but no story has both with "waterfalls" aside: the
      // last word whole finds the water story; "valley water" finds no story whole, so waterfalls.
      expect(await found('valley water')).toEqual([ids.waterfalls])
      expect(await found('quil')).toEqual([ids.quills])
      expect(await found('quilld')).toEqual([ids.quills])
      expect(await found('pomegx')).toEqual([])
    })

    it('decides on the stories the search may return: a draft-only word changes nothing for readers', async () => {
      expect(await found('lake')).toEqual([ids.lakeshore])
      expect(await found('lake', true)).toEqual([ids.lakeDraft])
    })

    it('folds Dari letters in the typed word before looking it up, whole or unfinished', async () => {
      for (const typed of ['کتابخانهی', 'كتابخانه‌ي', 'کتابخا', 'كتابخا', 'کتاب']) {
        expect(await found(typed), typed).toEqual([ids.library])
      }
    })
  })

  describe.skipIf(!isAvailable)(`${label}: the search vocabulary migration`, () => {
    it('runs twice without error', async () => {
      const database = await createTestDatabase(engine)
      const handle = createDb(database.config)
      try {
        await migrateToLatest(handle.db, handle.engine)
        // Migrations are written against an untyped database, as Kysely's Migrator passes it.
        const untyped = handle.db as unknown as Kysely<unknown>
        await searchVocabulary(untyped, handle.engine)
        await searchVocabulary(untyped, handle.engine)
        const tables = (await handle.db.introspection.getTables()).map((table) => table.name)
        // fts5vocab on SQLite only; introspection lists virtual tables as tables there.
        expect(tables.includes('search_vocabulary')).toBe(engine === 'sqlite')
      } finally {
        await handle.close()
        await database.drop()
      }
    })
  })
}
