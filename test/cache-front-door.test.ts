// The page cache's front door (src/cache/cache-front-door.ts) over a real socket: hits are
// answered before Fastify, exactly as Fastify's own cache hook answers them (compared with an
// injected request, which never meets the front door), and everything it must not answer still
// reaches the framework. Which of the two answered is read from /metrics: front-door answers count
// under the route "(page cache)".
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../src/cache/cache-key.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .request(
        baseUrl + path,
        { method: options.method ?? 'GET', headers: options.headers ?? {} },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          )
        },
      )
      .on('error', reject)
      .end()
  })
}

/** Headers that are the page's, not the connection's or the moment's. */
const PAGE_HEADERS = [
  'content-type',
  'cache-control',
  'surrogate-key',
  'vary',
  'etag',
  'content-encoding',
  'content-security-policy',
  'referrer-policy',
  'x-content-type-options',
  'x-frame-options',
  'x-cache',
]

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: the page cache's front door`, () => {
    let t: TestApp
    let story = ''

    /** Requests the front door has answered so far, from the app's metrics. */
    async function frontDoorAnswers(): Promise<number> {
      const text = await (await t.get('/metrics')).text()
      let total = 0
      for (const match of text.matchAll(
        /dateline_http_requests_total\{route="\(page cache\)",[^}]*\} (\d+)/g,
      ))
        total += Number(match[1])
      return total
    }

    beforeAll(async () => {
      t = await startTestApp(engine)
      const sectionId = await makeSection(t.ctx, { slug: 'front', name: 'Front' })
      const authorId = await makeAuthor(t.ctx, { slug: 'door-writer', name: 'Door Writer' })
      await makeArticle(t.ctx, {
        headline: 'Ferry timetable changes for the winter',
        slug: 'ferry-timetable-changes',
        bodyHtml: paragraphs('The river ferry will run every forty minutes from December.'),
        sectionId,
        authorIds: [authorId],
        publishedAt: '2026-11-26T06:00:00.000Z',
      })
      story = '/front/ferry-timetable-changes'
    })
    afterAll(async () => t?.close())

    it('answers a cached page before the framework, with the same bytes and headers as the framework', async () => {
      const rendered = await rawRequest(t.baseUrl, story, { headers: { 'accept-encoding': 'br' } })
      expect(rendered.headers['x-cache']).toBe('MISS')
      const before = await frontDoorAnswers()
      const fromDoor = await rawRequest(t.baseUrl, story, { headers: { 'accept-encoding': 'br' } })
      expect(await frontDoorAnswers()).toBe(before + 1)
      const fromHook = await t.app.inject({ method: 'GET', url: story, headers: { 'accept-encoding': 'br' } })
      expect(fromDoor.status).toBe(200)
      expect(fromHook.statusCode).toBe(200)
      expect(fromDoor.body.equals(fromHook.rawPayload)).toBe(true)
      expect(fromDoor.body.equals(rendered.body)).toBe(true)
      for (const name of PAGE_HEADERS)
        expect([name, fromDoor.headers[name]]).toEqual([name, fromHook.headers[name]])
      expect(fromDoor.headers['content-encoding']).toBe('br')
      expect(Number(fromDoor.headers['content-length'])).toBe(fromDoor.body.length)
      expect(Number(fromDoor.headers.age)).toBeGreaterThanOrEqual(0)
    })

    it('gives every answer its own request id, never the id of the request that rendered the page', async () => {
      const first = await rawRequest(t.baseUrl, story)
      const second = await rawRequest(t.baseUrl, story)
      const chosen = await rawRequest(t.baseUrl, story, { headers: { 'x-request-id': 'edge-proxy-1234' } })
      expect(first.headers['x-cache']).toBe('HIT')
      expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
      expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id'])
      expect(chosen.headers['x-request-id']).toBe('edge-proxy-1234')
      const injected = await t.app.inject({ method: 'GET', url: story })
      expect(injected.headers['x-cache']).toBe('HIT')
      // The framework's own hit path too (it replayed the renderer's id before).
      expect(injected.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
      expect(injected.headers['x-request-id']).not.toBe(first.headers['x-request-id'])
    })

    it('answers 304 to the ETag and HEAD without a body', async () => {
      const page = await rawRequest(t.baseUrl, story)
      const etag = String(page.headers.etag)
      const before = await frontDoorAnswers()
      const notModified = await rawRequest(t.baseUrl, story, { headers: { 'if-none-match': etag } })
      expect(notModified.status).toBe(304)
      expect(notModified.body.length).toBe(0)
      expect(notModified.headers.etag).toBe(etag)
      const head = await rawRequest(t.baseUrl, story, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.body.length).toBe(0)
      expect(Number(head.headers['content-length'])).toBe(page.body.length)
      expect(await frontDoorAnswers()).toBe(before + 2)
    })

    it('leaves to the framework what it must not answer: sessions, lite mode, query strings, other methods, unknown pages', async () => {
      await rawRequest(t.baseUrl, story)
      const before = await frontDoorAnswers()
      const withSession = await rawRequest(t.baseUrl, story, { headers: { cookie: `${SESSION_COOKIE}=x` } })
      expect(withSession.headers['x-cache']).toBeUndefined()
      expect(withSession.headers['cache-control']).toBe('private, no-store')
      const lite = await rawRequest(t.baseUrl, story, { headers: { cookie: 'dateline_lite=1' } })
      expect(lite.headers['cache-control']).toMatch(/private/)
      const query = await rawRequest(t.baseUrl, `${story}?utm_source=mail`)
      expect(query.status).toBe(200)
      const post = await rawRequest(t.baseUrl, story, { method: 'POST' })
      expect(post.status).toBe(404)
      const missing = await rawRequest(t.baseUrl, '/front/no-such-story')
      expect(missing.status).toBe(404)
      expect(await frontDoorAnswers()).toBe(before)
    })

    it('stops answering once the page is purged, and answers the new version after the next render', async () => {
      const old = await rawRequest(t.baseUrl, '/')
      await rawRequest(t.baseUrl, '/')
      const sectionId = await makeSection(t.ctx, { slug: 'late', name: 'Late' })
      const authorId = await makeAuthor(t.ctx, { slug: 'late-writer', name: 'Late Writer' })
      await makeArticle(t.ctx, {
        headline: 'Night market opens by the river',
        slug: 'night-market-opens',
        bodyHtml: paragraphs('Stalls will stay open until midnight through the winter.'),
        sectionId,
        authorIds: [authorId],
        publishedAt: '2026-11-27T07:00:00.000Z',
      })
      const after = await rawRequest(t.baseUrl, '/')
      expect(after.headers['x-cache']).toBe('MISS')
      expect(after.body.toString()).toContain('Night market opens by the river')
      expect(old.body.toString()).not.toContain('Night market opens by the river')
      const again = await rawRequest(t.baseUrl, '/')
      expect(again.headers['x-cache']).toBe('HIT')
      expect(again.body.equals(after.body)).toBe(true)
    })
  })
}
