// The page cache over real HTTP, on every database in the matrix: hits, encodings, 304s, and that
// publishing a story purges exactly the pages that show it.
import http from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCorrection } from '../src/articles/articles.service.ts'
import type { CachePurger } from '../src/cache/page-cache.ts'
import { systemActor } from '../src/context.ts'
import { findTagBySlug } from '../src/tags/tags.service.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A GET without fetch's automatic decompression, to see the bytes as sent. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(baseUrl + path, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        )
      })
      .on('error', reject)
  })
}

function recordingPurger(): CachePurger & { calls: string[][] } {
  const calls: string[][] = []
  return {
    calls,
    async purge(keys) {
      calls.push([...keys])
    },
    async purgeAll() {
      calls.push(['*'])
    },
  }
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: page cache`, () => {
    let t: TestApp
    const purger = recordingPurger()
    const ids: Record<string, number> = {}

    beforeAll(async () => {
      t = await startTestApp(engine, { appOptions: { purgers: [purger] } })
      const ctx = t.ctx
      ids.news = await makeSection(ctx, { slug: 'news', name: 'News', position: 1 })
      ids.city = await makeSection(ctx, { slug: 'city', name: 'City', parentId: ids.news, position: 1 })
      ids.sport = await makeSection(ctx, { slug: 'sport', name: 'Sport', position: 2 })
      ids.reporter = await makeAuthor(ctx, { slug: 'reporter', name: 'Reporter' })
      ids.other = await makeAuthor(ctx, { slug: 'other', name: 'Other Writer' })
      ids.roads = await makeArticle(ctx, {
        headline: 'Road works close the old bridge',
        slug: 'road-works-close-the-old-bridge',
        bodyHtml: paragraphs('The old bridge will be closed for two weeks while crews repair its deck.'),
        sectionId: ids.city!,
        authorIds: [ids.reporter!],
        tagNames: ['Roads'],
        publishedAt: '2026-11-25T06:00:00.000Z',
      })
      ids.match = await makeArticle(ctx, {
        headline: 'Local side wins the autumn cup',
        slug: 'local-side-wins-the-autumn-cup',
        bodyHtml: paragraphs('The final was decided on penalties in front of a full stadium.'),
        sectionId: ids.sport,
        authorIds: [ids.other],
        tagNames: ['Cricket'],
        publishedAt: '2026-10-10T06:00:00.000Z',
      })
      purger.calls.length = 0
    })

    afterAll(async () => {
      await t?.close()
    })

    it('serves the second request for a page from the cache, byte for byte', async () => {
      const first = await t.get('/city/')
      expect(first.status).toBe(200)
      expect(first.headers.get('x-cache')).toBe('MISS')
      const firstBody = await first.text()
      const second = await t.get('/city/')
      expect(second.headers.get('x-cache')).toBe('HIT')
      expect(await second.text()).toBe(firstBody)
      for (const response of [first, second]) {
        // The section, and each story it lists (so that a story leaving it purges it too).
        expect(response.headers.get('surrogate-key')).toBe(`section:${ids.city} article:${ids.roads}`)
        expect(response.headers.get('cache-control')).toContain('s-maxage=')
        expect(response.headers.get('cache-control')).toContain('stale-while-revalidate=')
        expect(response.headers.get('vary')).toBe('Accept-Encoding, Save-Data')
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      }
      // Security headers are part of what is replayed.
      expect(second.headers.get('content-security-policy')).toContain("default-src 'self'")
    })

    it('serves brotli, gzip or plain bytes by Accept-Encoding, all the same page', async () => {
      const path = '/city/road-works-close-the-old-bridge'
      await rawGet(t.baseUrl, path)
      const plain = await rawGet(t.baseUrl, path, { 'accept-encoding': 'identity' })
      const gzip = await rawGet(t.baseUrl, path, { 'accept-encoding': 'gzip' })
      const brotli = await rawGet(t.baseUrl, path, { 'accept-encoding': 'gzip, deflate, br' })
      expect([plain, gzip, brotli].map((r) => r.headers['x-cache'])).toEqual(['HIT', 'HIT', 'HIT'])
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(gzip.headers['content-encoding']).toBe('gzip')
      expect(brotli.headers['content-encoding']).toBe('br')
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true)
      expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true)
      expect(brotli.body.length).toBeLessThan(plain.body.length)
      expect(plain.body.toString()).toContain('Road works close the old bridge')
      expect(new Set([plain.headers.etag, gzip.headers.etag, brotli.headers.etag]).size).toBe(3)
      expect(Number(plain.headers['content-length'])).toBe(plain.body.length)
    })

    it('answers 304 to the cached ETag of the encoding asked for', async () => {
      const first = await rawGet(t.baseUrl, '/sport/', { 'accept-encoding': 'br' })
      const hit = await rawGet(t.baseUrl, '/sport/', { 'accept-encoding': 'br' })
      expect(hit.headers['x-cache']).toBe('HIT')
      expect(hit.headers.etag).toBe(first.headers.etag)
      const etag = hit.headers.etag ?? ''
      const notModified = await rawGet(t.baseUrl, '/sport/', {
        'accept-encoding': 'br',
        'if-none-match': etag,
      })
      expect(notModified.status).toBe(304)
      expect(notModified.body.length).toBe(0)
      // The brotli ETag does not validate the plain bytes.
      const plain = await rawGet(t.baseUrl, '/sport/', { 'if-none-match': etag })
      expect(plain.status).toBe(200)
    })

    it('never caches for a request that carries the session cookie', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await t.get('/latest/', { headers: { cookie: 'dateline_session=editor' } })
        expect(response.status).toBe(200)
        expect(response.headers.get('x-cache')).toBeNull()
        expect(response.headers.get('cache-control')).toBe('private, no-store')
        expect(response.headers.get('surrogate-key')).toBeNull()
      }
    })

    it('does not cache error pages', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await t.get('/city/no-such-story')
        expect(response.status).toBe(404)
        expect(response.headers.get('x-cache')).toBe('MISS')
      }
    })

    it('publishing a story purges exactly its page, sections, tags, bylines, home, latest, archive, feeds and sitemaps', async () => {
      const related = [
        '/',
        '/latest/',
        '/city/',
        '/news/',
        '/tag/roads/',
        '/author/reporter/',
        '/2026/11/',
        '/city/road-works-close-the-old-bridge',
      ]
      const unrelated = [
        '/sport/',
        '/tag/cricket/',
        '/author/other/',
        '/2026/10/',
        '/sport/local-side-wins-the-autumn-cup',
      ]
      for (const path of [...related, ...unrelated]) {
        expect((await t.get(path)).status, path).toBe(200)
        expect((await t.get(path)).headers.get('x-cache'), path).toBe('HIT')
      }
      purger.calls.length = 0

      ids.fresh = await makeArticle(t.ctx, {
        headline: 'New bridge opens to traffic',
        slug: 'new-bridge-opens-to-traffic',
        bodyHtml: paragraphs('Traffic crossed the new bridge for the first time on Thursday morning.'),
        sectionId: ids.city!,
        authorIds: [ids.reporter!],
        tagNames: ['Roads', 'Bridges'],
        publishedAt: '2026-11-26T06:00:00.000Z',
      })

      // The same keys went to every purger (memory and, here, a stand-in for a CDN).
      expect(purger.calls).toHaveLength(1)
      const roads = await findTagBySlug(t.ctx, 'roads')
      const bridges = await findTagBySlug(t.ctx, 'bridges')
      expect(purger.calls[0]?.sort()).toEqual(
        [
          `article:${ids.fresh}`,
          `section:${ids.city}`,
          `section:${ids.news}`,
          `tag:${roads?.id}`,
          `tag:${bridges?.id}`,
          `author:${ids.reporter}`,
          'home',
          'latest',
          'archive:2026-11',
          'feeds',
          'sitemaps',
        ].sort(),
      )
      // Right after the event, the pages that list the story show it; the others are still cached.
      for (const path of related.filter((p) => !p.startsWith('/city/road'))) {
        const response = await t.get(path)
        expect(response.headers.get('x-cache'), path).toBe('MISS')
        expect(await response.text(), path).toContain('New bridge opens to traffic')
      }
      // Pages that do not show the story were left alone.
      for (const path of unrelated) expect((await t.get(path)).headers.get('x-cache'), path).toBe('HIT')
    })

    it('serves the updated story right after the update event', async () => {
      const path = '/sport/local-side-wins-the-autumn-cup'
      expect((await t.get(path)).headers.get('x-cache')).toBe('HIT')
      purger.calls.length = 0
      await recordCorrection(
        t.ctx,
        systemActor('test'),
        ids.match ?? 0,
        'The score was corrected.',
        '2026-11-26T07:00:00.000Z',
      )
      expect(purger.calls[0]).toContain(`article:${ids.match}`)
      expect(purger.calls[0]).toContain('archive:2026-10')
      const response = await t.get(path)
      expect(response.headers.get('x-cache')).toBe('MISS')
      expect(await response.text()).toContain('The score was corrected.')
      expect((await t.get(path)).headers.get('x-cache')).toBe('HIT')
    })

    it('purges the pages a story left when it moves to another section and loses a tag', async () => {
      const left = ['/sport/', '/tag/cricket/']
      for (const path of left) {
        await t.get(path)
        const cached = await t.get(path)
        expect(cached.headers.get('x-cache'), path).toBe('HIT')
        expect(await cached.text(), path).toContain('Local side wins the autumn cup')
      }
      const cricket = await findTagBySlug(t.ctx, 'cricket')
      // The story's new placement, written as any writer would, then the event its service emits.
      await t.ctx.db
        .updateTable('articles')
        .set({ section_id: ids.news ?? 0 })
        .where('id', '=', ids.match ?? 0)
        .execute()
      await t.ctx.db
        .deleteFrom('article_tags')
        .where('article_id', '=', ids.match ?? 0)
        .where('tag_id', '=', cricket?.id ?? 0)
        .execute()
      await t.ctx.events.emit({
        type: 'article.updated',
        articleId: ids.match ?? 0,
        at: '2026-11-26T08:00:00.000Z',
      })
      for (const path of left) {
        const response = await t.get(path)
        expect(response.headers.get('x-cache'), path).toBe('MISS')
        expect(await response.text(), path).not.toContain('Local side wins the autumn cup')
      }
    })

    it('renders concurrent misses for one page once', async () => {
      const path = '/author/other/'
      await t.get(path)
      purger.calls.length = 0
      // Purge through the same path a content event takes, then send a burst.
      await t.ctx.events.emit({
        type: 'article.updated',
        articleId: ids.match ?? 0,
        at: '2026-11-26T07:00:00.000Z',
      })
      const burst = await Promise.all(Array.from({ length: 20 }, () => t.get(path)))
      expect(burst.map((r) => r.status)).toEqual(Array(20).fill(200))
      expect(burst.filter((r) => r.headers.get('x-cache') === 'MISS')).toHaveLength(1)
      const bodies = new Set(await Promise.all(burst.map((r) => r.text())))
      expect(bodies.size).toBe(1)
    })
  })
}
