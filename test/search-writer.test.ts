// SQLite's search index is written by a worker thread (ADR 0005): a publication never waits for
// the index, readers of pages never wait for it, and a search still finds what was published
// before it. Proved while the thread is kept busy by a long write, as an FTS5 merge keeps it.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchStories } from '../src/search/search.service.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

describe('sqlite: the search index written beside the site', () => {
  let t: TestApp
  let sectionId: number
  let authorId: number

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    sectionId = await makeSection(t.ctx, { slug: 'provinces', name: 'Provinces' })
    authorId = await makeAuthor(t.ctx, { slug: 'desk' })
  })
  afterAll(async () => {
    await t.close()
  })

  it('publishes and serves pages while the index is busy, and the next search finds the story', async () => {
    const writer = t.ctx.searchWriter
    if (!writer) throw new Error('a SQLite site has a search writer')
    // Seconds of work for the thread, far from the stories' ids.
    const long = sql`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)
      INSERT INTO search_fts(rowid, headline, dek, body, tags, authors, status)
      SELECT 10000000 + x, 'filler ' || x, '', 'filler text', '', '', 'draft' FROM n`.compile(t.ctx.db)
    let isBusy = true
    const busy = writer.write([long]).then(() => {
      isBusy = false
    })

    await makeArticle(t.ctx, {
      sectionId,
      authorIds: [authorId],
      slug: 'saffron-harvest',
      headline: 'Saffron harvest begins in Herat',
    })
    const story = await t.get('/provinces/saffron-harvest')
    const home = await t.get('/')
    // The publication and both pages were done before the index had finished its write.
    expect(isBusy).toBe(true)
    expect(story.status).toBe(200)
    expect(await home.text()).toContain('Saffron harvest begins in Herat')

    const found = await searchStories(t.ctx, 'saffron')
    expect(found.items.map((item) => item.headline)).toEqual(['Saffron harvest begins in Herat'])
    // The search waited for the writes queued before it, the long one included.
    expect(isBusy).toBe(false)
    await busy
  })
})
