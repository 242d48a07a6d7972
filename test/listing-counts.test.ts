// Listings' story counts (pagination, the API's meta.total) are remembered per app
// (src/articles/listing-counts.ts) and forgotten at every content event: a publication or a
// withdrawal shows in the counts at once, on both engines; what no event announces is counted
// again after a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countPublished } from '../src/articles/articles.service.ts'
import { applyWorkflowStep } from '../src/articles/workflow.service.ts'
import { systemActor } from '../src/context.ts'
import { manualClock } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: remembered listing counts`, () => {
    let t: TestApp
    let sectionId = 0
    let authorId = 0
    const clock = manualClock(TEST_NOW)
    const published = () => countPublished(t.ctx, { language: 'en', sectionIds: [sectionId] })
    const apiTotal = async () => {
      const response = await t.get('/api/v1/articles?per_page=1')
      return ((await response.json()) as { meta: { total: number } }).meta.total
    }
    const story = (headline: string) =>
      makeArticle(t.ctx, {
        headline,
        sectionId,
        authorIds: [authorId],
        publishedAt: new Date(clock.now().getTime() - 60_000).toISOString(),
      })

    beforeAll(async () => {
      t = await startTestApp(engine, { clock })
      sectionId = await makeSection(t.ctx, { slug: 'counted', name: 'Counted' })
      authorId = await makeAuthor(t.ctx, { slug: 'counter', name: 'Counter' })
      for (let i = 0; i < 3; i++) await story(`Counted story ${i}`)
    })
    afterAll(() => t?.close())

    it('counts again after a publication and a withdrawal, in listings and in the API', async () => {
      expect(await published()).toBe(3)
      expect(await apiTotal()).toBe(3)
      const id = await story('A fourth story')
      expect(await published()).toBe(4)
      expect(await apiTotal()).toBe(4)
      await applyWorkflowStep(t.ctx, systemActor('test'), id, 'unpublish')
      expect(await published()).toBe(3)
      expect(await apiTotal()).toBe(3)
    })

    it('remembers a count until an event or a minute has passed', async () => {
      expect(await published()).toBe(3)
      // A row no event announces (written by hand): the remembered count stands for a minute.
      const row = await t.ctx.db
        .selectFrom('articles')
        .selectAll()
        .where('section_id', '=', sectionId)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow()
      const { id: _, ...copy } = row
      await t.ctx.db
        .insertInto('articles')
        .values({ ...copy, slug: `${row.slug}-by-hand` })
        .execute()
      expect(await published()).toBe(3)
      clock.advance(61_000)
      expect(await published()).toBe(4)
    })
  })
}
