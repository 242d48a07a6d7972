// "Most read" on every database: views counted by the beacon, bots and staff left out, no cookie
// set, and nothing stored but (story, day, count).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../src/context.ts'
import { addArticleViews, mostRead } from '../src/most-read/most-read.service.ts'
import { createViewCounter, type ViewCounter } from '../src/most-read/view-counter.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const BROWSER =
  'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: most read`, () => {
    let t: TestApp
    let views: ViewCounter
    const ids: Record<string, number> = {}

    beforeAll(async () => {
      // Flushed by hand: the test's counter writes only when told to.
      let ctxRef: AppContext | undefined
      views = createViewCounter({
        write: (counts) => (ctxRef ? addArticleViews(ctxRef, counts) : Promise.resolve()),
        onError: (error) => {
          throw error
        },
        intervalMs: 0,
      })
      t = await startTestApp(engine, { appOptions: { viewCounter: views } })
      ctxRef = t.ctx
      const section = await makeSection(t.ctx, { slug: 'society', name: 'Society' })
      const author = await makeAuthor(t.ctx)
      for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
        ids[name] = await makeArticle(t.ctx, {
          headline: `Story ${name.toUpperCase()}`,
          sectionId: section,
          authorIds: [author],
        })
      }
      ids.draft = await makeArticle(t.ctx, {
        headline: 'Draft story',
        sectionId: section,
        authorIds: [author],
        status: 'draft',
        publishedAt: null,
      })
      ids.dari = await makeArticle(t.ctx, {
        language: 'fa',
        headline: 'خبر',
        sectionId: section,
        authorIds: [author],
      })
    })

    afterAll(async () => {
      await t?.close()
    })

    const hit = (id: number, headers: Record<string, string> = { 'user-agent': BROWSER }) =>
      t.get(`/api/hit/${id}`, { headers })

    it('counts a view per beacon request, sets no cookie and is never cached', async () => {
      const response = await hit(ids.a ?? 0)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/gif')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('set-cookie')).toBeNull()
      // A valid 1×1 GIF, so the browser never reports a broken image on the story page.
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 6)
          .toString('latin1'),
      ).toBe('GIF89a')
      await views.flush()
      const rows = await t.ctx.db.selectFrom('article_views').selectAll().execute()
      expect(rows).toEqual([{ article_id: ids.a, day: '2026-11-27', count: 1 }])
    })

    it('leaves out bots, prefetches and staff, and ignores unknown, draft and malformed ids', async () => {
      const b = ids.b ?? 0
      await hit(b, {
        'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      })
      await hit(b, { 'user-agent': 'curl/8.5.0' })
      await hit(b, { 'user-agent': '' })
      await hit(b, {})
      await hit(b, { 'user-agent': BROWSER, 'sec-purpose': 'prefetch;prerender' })
      await hit(b, { 'user-agent': BROWSER, cookie: 'dateline_session=abc' })
      await hit(ids.draft ?? 0)
      await hit(999_999)
      expect((await t.get('/api/hit/abc', { headers: { 'user-agent': BROWSER } })).status).toBe(200)
      await views.flush()
      const rows = await t.ctx.db.selectFrom('article_views').select(['article_id', 'count']).execute()
      expect(rows).toEqual([{ article_id: ids.a, count: 1 }])
    })

    it('stores nothing but the story, the day and the count', async () => {
      const row = await t.ctx.db.selectFrom('article_views').selectAll().executeTakeFirstOrThrow()
      expect(Object.keys(row).sort()).toEqual(['article_id', 'count', 'day'])
    })

    it('lists the five most read published stories of the last 7 days in the default language', async () => {
      const counts: [string, number][] = [
        ['a', 1],
        ['b', 7],
        ['c', 5],
        ['d', 3],
        ['e', 1],
        ['f', 4],
        ['dari', 9],
      ]
      for (const [name, n] of counts) for (let i = 0; i < n; i++) await hit(ids[name] ?? 0)
      await views.flush()
      // An old day does not count.
      await addArticleViews(t.ctx, [{ articleId: ids.e ?? 0, day: '2026-11-01', count: 100 }])
      const list = await mostRead(t.ctx, { language: 'en' })
      expect(list.map((item) => item.headline)).toEqual([
        'Story B',
        'Story C',
        'Story F',
        'Story D',
        'Story A',
      ])
      expect(list[0]).toMatchObject({ views: 7, url: expect.stringMatching(/^\/society\//) })
    })

    it('remembers a list until views are written or a story is published, not reading the counts each time', async () => {
      const before = await mostRead(t.ctx, { language: 'en' })
      const rowsOfA = await t.ctx.db
        .selectFrom('article_views')
        .selectAll()
        .where('article_id', '=', ids.a ?? 0)
        .execute()
      // Counts written behind the service's back (another instance) are not seen at once…
      await t.ctx.db
        .updateTable('article_views')
        .set({ count: 1_000 })
        .where('article_id', '=', ids.a ?? 0)
        .execute()
      expect(await mostRead(t.ctx, { language: 'en' })).toEqual(before)
      // …but this instance's own writes clear the list,
      await addArticleViews(t.ctx, [{ articleId: ids.d ?? 0, day: '2026-11-01', count: 1 }])
      expect((await mostRead(t.ctx, { language: 'en' }))[0]?.headline).toBe('Story A')
      // and so does a publication (a story withdrawn leaves the list at once).
      for (const row of rowsOfA)
        await t.ctx.db
          .updateTable('article_views')
          .set({ count: row.count })
          .where('article_id', '=', row.article_id)
          .where('day', '=', row.day)
          .execute()
      await t.ctx.events.emit({
        type: 'article.updated',
        articleId: ids.a ?? 0,
        at: new Date().toISOString(),
      })
      expect(await mostRead(t.ctx, { language: 'en' })).toEqual(before)
    })

    it('shows the list on the home page, and the story page carries the beacon', async () => {
      const home = await (await t.get('/')).text()
      expect(home).toMatch(/<section class="most-read"[^>]*>.*Story B.*Story C/s)
      const list = await mostRead(t.ctx, { language: 'en' })
      const story = await (await t.get(list[0]?.url ?? '/')).text()
      expect(story).toContain(`<img src="/api/hit/${ids.b}" alt width="1" height="1" hidden/>`)
      expect(story).toContain('class="most-read"')
    })
  })
}
