// The content API (/api/v1) over real HTTP on every database: its OpenAPI document checked on its
// own and against every route's real responses (Ajv), filters, pagination, fields, drafts behind
// keys, the privacy of bylines, ETag/304, CORS and errors.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, DRAFTS_SCOPE, revokeApiKey } from '../src/api-keys/api-keys.service.ts'
import { systemActor } from '../src/context.ts'
import { signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

type Doc = {
  openapi: string
  info: { title: string; version: string }
  paths: Record<
    string,
    {
      get: {
        operationId: string
        parameters: unknown[]
        responses: Record<string, { content?: Record<string, { schema: object }> }>
      }
    }
  >
  components: { schemas: Record<string, object> }
}

function resolveRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      doc,
    )
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, refs)
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value)
      else collectRefs(value, refs)
    }
  }
  return refs
}

/** Every key anywhere in a JSON value. */
function allKeys(node: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) allKeys(item, keys)
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      keys.add(key)
      allKeys(value, keys)
    }
  }
  return keys
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: content API`, () => {
    let t: TestApp
    let doc: Doc
    const ids: Record<string, number> = {}
    const logLines: string[] = []
    const scanned: unknown[] = []

    // biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the OpenAPI schemas; tests read them freely
    async function getJson(path: string, init?: RequestInit): Promise<{ response: Response; body: any }> {
      const response = await t.get(path, init)
      const body = await response.json()
      scanned.push(body)
      return { response, body }
    }

    function validate(path: string, status: number, body: unknown): void {
      const operation = doc.paths[path]?.get
      expect(operation, `documented: ${path}`).toBeDefined()
      const response = operation?.responses[String(status)]
      expect(response, `${path} documents ${status}`).toBeDefined()
      let schema = response?.content?.['application/json']?.schema as { $ref?: string } | undefined
      if (schema?.$ref) schema = resolveRef(doc, schema.$ref) as object
      const ajv = new Ajv2020({ strict: false, allErrors: true })
      addFormats.default(ajv)
      const check = ajv.compile(schema as object)
      const isValid = check(body)
      expect(check.errors ?? [], `${path} ${status} matches its schema`).toEqual([])
      expect(isValid).toBe(true)
    }

    beforeAll(async () => {
      t = await startTestApp(engine, {
        env: { DATELINE_API_CORS_ORIGINS: 'https://partner.example' },
        logStream: { write: (line) => void logLines.push(line) },
      })
      const ctx = t.ctx
      ids.news = await makeSection(ctx, { slug: 'news', name: 'News', position: 1 })
      ids.local = await makeSection(ctx, { slug: 'local', name: 'Local', parentId: ids.news, position: 1 })
      ids.sport = await makeSection(ctx, { slug: 'sport', name: 'Sport', position: 2 })
      // A pseudonymous byline linked to a staff account: the link must never surface.
      const { user } = await signedInAs(t, 'author')
      ids.user = user.id
      ids.pseudonym = await makeAuthor(ctx, {
        slug: 'night-owl',
        name: 'Night Owl',
        isPseudonym: true,
        userId: user.id,
      })
      ids.agency = await makeAuthor(ctx, {
        slug: 'dateline-news',
        name: 'Dateline News',
        kind: 'organization',
      })
      ids.a = await makeArticle(ctx, {
        headline: 'Water board opens new wells',
        slug: 'water-board-opens-new-wells',
        sectionId: ids.local,
        authorIds: [ids.pseudonym],
        tagNames: ['Water'],
        publishedAt: '2026-11-20T06:00:00.000Z',
        bodyHtml: paragraphs('Residents lined up as the water board opened twelve new wells.'),
      })
      ids.b = await makeArticle(ctx, {
        headline: 'Football league returns',
        slug: 'football-league-returns',
        sectionId: ids.sport,
        authorIds: [ids.agency],
        tagNames: ['Football'],
        publishedAt: '2026-11-25T06:00:00.000Z',
      })
      ids.c = await makeArticle(ctx, {
        headline: 'Dari story about the river',
        slug: 'dari-river',
        language: 'fa',
        sectionId: ids.news,
        authorIds: [ids.agency],
        publishedAt: '2026-11-26T06:00:00.000Z',
      })
      ids.draft = await makeArticle(ctx, {
        headline: 'Secret draft about the budget',
        slug: 'secret-draft-budget',
        sectionId: ids.news,
        authorIds: [ids.pseudonym],
        tagNames: ['Draft-only tag'],
        status: 'draft',
        publishedAt: null,
      })
      ids.scheduled = await makeArticle(ctx, {
        headline: 'Scheduled story for tomorrow',
        slug: 'scheduled-story',
        sectionId: ids.news,
        authorIds: [ids.agency],
        status: 'scheduled',
        publishedAt: '2026-12-01T06:00:00.000Z',
      })
      doc = (await (await t.get('/api/v1/openapi.json')).json()) as Doc
    })
    afterAll(async () => {
      await t?.close()
    })

    it('serves an OpenAPI 3.1 document whose paths all have schemas and whose $refs resolve', () => {
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
      expect(doc.info.title).toBeTruthy()
      expect(doc.info.version).toBeTruthy()
      const paths = Object.keys(doc.paths)
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/articles',
          '/api/v1/articles/{idOrSlug}',
          '/api/v1/sections',
          '/api/v1/tags',
          '/api/v1/authors',
          '/api/v1/search',
          '/api/v1/openapi.json',
        ]),
      )
      for (const path of paths) {
        const responses = doc.paths[path]?.get.responses ?? {}
        expect(responses['200']?.content?.['application/json']?.schema, path).toBeDefined()
        for (const [status, response] of Object.entries(responses)) {
          if (status !== '304')
            expect(response.content?.['application/json']?.schema, `${path} ${status}`).toBeDefined()
        }
      }
      const refs = collectRefs(doc)
      expect(refs.length).toBeGreaterThan(0)
      for (const ref of refs) expect(resolveRef(doc, ref), ref).toBeDefined()
      // The schemas themselves compile.
      const ajv = new Ajv2020({ strict: false })
      addFormats.default(ajv)
      for (const path of paths) {
        for (const response of Object.values(doc.paths[path]?.get.responses ?? {})) {
          const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined
          if (schema) ajv.compile(schema.$ref ? (resolveRef(doc, schema.$ref) as object) : schema)
        }
      }
    })

    it('answers every route with a body that matches the document', async () => {
      const cases: [string, string][] = [
        ['/api/v1/articles', '/api/v1/articles'],
        ['/api/v1/articles?include=body&per_page=2', '/api/v1/articles'],
        [`/api/v1/articles/${ids.a}`, '/api/v1/articles/{idOrSlug}'],
        ['/api/v1/articles/water-board-opens-new-wells?include=body', '/api/v1/articles/{idOrSlug}'],
        ['/api/v1/sections', '/api/v1/sections'],
        ['/api/v1/tags', '/api/v1/tags'],
        ['/api/v1/authors', '/api/v1/authors'],
        ['/api/v1/search?q=wells', '/api/v1/search'],
        ['/api/v1/openapi.json', '/api/v1/openapi.json'],
      ]
      for (const [url, path] of cases) {
        const { response, body } = await getJson(url)
        expect(response.status, url).toBe(200)
        expect(response.headers.get('content-type')).toMatch(/^application\/json/)
        validate(path, 200, body)
      }
      const notFound = await getJson('/api/v1/articles/no-such-story')
      expect(notFound.response.status).toBe(404)
      validate('/api/v1/articles/{idOrSlug}', 404, notFound.body)
      const bad = await getJson('/api/v1/articles?per_page=1000')
      expect(bad.response.status).toBe(400)
      validate('/api/v1/articles', 400, bad.body)
      const noKey = await getJson('/api/v1/articles?status=draft')
      expect(noKey.response.status).toBe(401)
      validate('/api/v1/articles', 401, noKey.body)
      const badSearch = await getJson('/api/v1/search')
      expect(badSearch.response.status).toBe(400)
      validate('/api/v1/search', 400, badSearch.body)
    })

    it('lists published stories only, newest first, with filters', async () => {
      const all = (await getJson('/api/v1/articles')).body
      expect(all.data.map((a: { id: number }) => a.id)).toEqual([ids.c, ids.b, ids.a])
      expect(all.meta).toEqual({ total: 3, page: 1, per_page: 20, pages: 1 })
      const section = (await getJson('/api/v1/articles?section=news')).body
      // A parent section includes its subsections, as on the site.
      expect(section.data.map((a: { id: number }) => a.id)).toEqual([ids.c, ids.a])
      expect(
        (await getJson('/api/v1/articles?tag=football')).body.data.map((a: { id: number }) => a.id),
      ).toEqual([ids.b])
      expect(
        (await getJson('/api/v1/articles?author=night-owl')).body.data.map((a: { id: number }) => a.id),
      ).toEqual([ids.a])
      expect(
        (await getJson('/api/v1/articles?language=fa')).body.data.map((a: { id: number }) => a.id),
      ).toEqual([ids.c])
      const window = (await getJson('/api/v1/articles?since=2026-11-21&until=2026-11-25')).body
      expect(window.data.map((a: { id: number }) => a.id)).toEqual([ids.b])
      expect((await getJson('/api/v1/articles?section=no-such-section')).body.meta.total).toBe(0)
    })

    it('paginates with links and meta', async () => {
      const first = (await getJson('/api/v1/articles?per_page=2')).body
      expect(first.meta).toEqual({ total: 3, page: 1, per_page: 2, pages: 2 })
      expect(first.data).toHaveLength(2)
      expect(first.links.prev).toBeNull()
      const next = new URL(first.links.next)
      expect(next.origin + next.pathname).toBe('https://news.example/api/v1/articles')
      expect(next.searchParams.get('page')).toBe('2')
      expect(next.searchParams.get('per_page')).toBe('2')
      const second = (await getJson('/api/v1/articles?per_page=2&page=2')).body
      expect(second.data.map((a: { id: number }) => a.id)).toEqual([ids.a])
      expect(second.links.next).toBeNull()
      expect(second.links.prev).toBe(first.links.first)
    })

    it('selects fields from the allowlist and adds the body only on request', async () => {
      const slim = (await getJson('/api/v1/articles?fields=headline,url')).body
      for (const item of slim.data) expect(Object.keys(item).sort()).toEqual(['headline', 'id', 'url'])
      const plain = (await getJson(`/api/v1/articles/${ids.a}`)).body
      expect(plain.data.body_html).toBeUndefined()
      expect(plain.data.url).toBe(
        'https://news.example/news/water-board-opens-new-wells'.replace('/news/', '/local/'),
      )
      const full = (await getJson(`/api/v1/articles/${ids.a}?include=body`)).body
      expect(full.data.body_html).toContain('twelve new wells')
      const refused = await getJson('/api/v1/articles?fields=headline,user_id')
      expect(refused.response.status).toBe(400)
      expect(refused.body.error.code).toBe('INVALID_PARAMETER')
      expect(refused.body.error.message).toContain('user_id')
    })

    it('never shows drafts without a key, shows them with one, and refuses a revoked key', async () => {
      expect((await getJson(`/api/v1/articles/${ids.draft}`)).response.status).toBe(404)
      expect((await getJson('/api/v1/articles/secret-draft-budget')).response.status).toBe(404)
      expect((await getJson(`/api/v1/articles/${ids.scheduled}`)).response.status).toBe(404)
      const tags = (await getJson('/api/v1/tags')).body
      expect(tags.data.map((x: { slug: string }) => x.slug)).not.toContain('draft-only-tag')
      const search = (await getJson('/api/v1/search?q=budget')).body
      expect(search.meta.total).toBe(0)

      const { key } = await createApiKey(t.ctx, systemActor('test'), {
        name: 'Partner app',
        scope: DRAFTS_SCOPE,
      })
      const auth = { headers: { authorization: `Bearer ${key}` } }
      const drafts = await getJson('/api/v1/articles?status=draft', auth)
      expect(drafts.response.status).toBe(200)
      expect(drafts.response.headers.get('cache-control')).toBe('private, no-store')
      expect(drafts.response.headers.get('surrogate-key')).toBeNull()
      expect(drafts.body.data.map((a: { id: number }) => a.id)).toEqual([ids.draft])
      expect(drafts.body.data[0].published_at).toBeNull()
      validate('/api/v1/articles', 200, drafts.body)
      const scheduled = await getJson('/api/v1/articles?status=scheduled', auth)
      expect(scheduled.body.data.map((a: { id: number }) => a.id)).toEqual([ids.scheduled])
      const one = await getJson(`/api/v1/articles/${ids.draft}?include=body`, auth)
      expect(one.response.status).toBe(200)
      expect(one.body.data.status).toBe('draft')

      const wrong = await getJson('/api/v1/articles', {
        headers: { authorization: 'Bearer dtl_not-a-real-key' },
      })
      expect(wrong.response.status).toBe(401)
      expect(wrong.body.error.code).toBe('API_KEY_INVALID')

      const [created] = await t.ctx.db
        .selectFrom('api_keys')
        .select('id')
        .where('name', '=', 'Partner app')
        .execute()
      await revokeApiKey(t.ctx, systemActor('test'), created?.id ?? 0)
      const revoked = await getJson('/api/v1/articles?status=draft', auth)
      expect(revoked.response.status).toBe(401)
      expect(revoked.body.error.code).toBe('API_KEY_INVALID')
      // The key never reaches the log.
      expect(logLines.some((line) => line.includes(key))).toBe(false)
    })

    it('never reveals the account behind a byline in any response', async () => {
      const authors = (await getJson('/api/v1/authors')).body
      const owl = authors.data.find((a: { slug: string }) => a.slug === 'night-owl')
      expect(Object.keys(owl).sort()).toEqual(
        ['article_count', 'avatar', 'bio', 'id', 'job_title', 'kind', 'name', 'slug', 'url'].sort(),
      )
      const user = await t.ctx.db
        .selectFrom('users')
        .select(['email', 'display_name'])
        .where('id', '=', ids.user ?? 0)
        .executeTakeFirstOrThrow()
      expect(scanned.length).toBeGreaterThan(10)
      for (const body of scanned) {
        const keys = allKeys(body)
        for (const forbidden of ['user_id', 'userId', 'is_pseudonym', 'isPseudonym', 'email', 'created_by']) {
          expect(keys.has(forbidden), forbidden).toBe(false)
        }
        const text = JSON.stringify(body)
        expect(text).not.toContain(user.email)
        expect(text).not.toContain(user.display_name)
      }
    })

    it('answers If-None-Match with 304 and carries cache headers and surrogate keys', async () => {
      const first = await t.get(`/api/v1/articles/${ids.a}`)
      const etag = first.headers.get('etag')
      expect(etag).toBeTruthy()
      expect(first.headers.get('cache-control')).toContain('s-maxage=')
      expect(first.headers.get('surrogate-key')).toContain(`article:${ids.a}`)
      const again = await t.get(`/api/v1/articles/${ids.a}`, { headers: { 'if-none-match': etag ?? '' } })
      expect(again.status).toBe(304)
      const list = await t.get('/api/v1/articles')
      expect(list.headers.get('surrogate-key')).toContain('latest')
      // A content event purges it: the next read is a miss that shows the change.
      await t.get('/api/v1/articles')
      expect((await t.get('/api/v1/articles')).headers.get('x-cache')).toBe('HIT')
      await makeArticle(t.ctx, {
        headline: 'Fresh story',
        sectionId: ids.sport ?? 0,
        authorIds: [ids.agency ?? 0],
        publishedAt: '2026-11-27T07:00:00.000Z',
      })
      const fresh = await t.get('/api/v1/articles')
      expect(fresh.headers.get('x-cache')).toBe('MISS')
      expect(((await fresh.json()) as { meta: { total: number } }).meta.total).toBe(4)
    })

    it('sends CORS headers to configured origins only, never with credentials', async () => {
      const allowed = await t.get('/api/v1/sections', { headers: { origin: 'https://partner.example' } })
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example')
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull()
      expect(allowed.headers.get('vary')).toMatch(/Origin/)
      const other = await t.get('/api/v1/sections', { headers: { origin: 'https://evil.example' } })
      expect(other.headers.get('access-control-allow-origin')).toBeNull()
      const preflight = await t.get('/api/v1/articles', {
        method: 'OPTIONS',
        headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET' },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization')
    })

    it('answers bad parameters with 400 in the JSON error shape', async () => {
      for (const url of [
        '/api/v1/articles?page=0',
        '/api/v1/articles?per_page=101',
        '/api/v1/articles?since=yesterday',
        '/api/v1/articles?since=2026-02-31',
        '/api/v1/articles?status=secret',
        '/api/v1/articles?fields=headline;drop',
        '/api/v1/search?q=',
      ]) {
        const { response, body } = await getJson(url)
        expect(response.status, url).toBe(400)
        expect(body.error.code, url).toBe('INVALID_PARAMETER')
        expect(typeof body.error.message).toBe('string')
      }
      const missing = await getJson('/api/v1/nothing-here')
      expect(missing.response.status).toBe(404)
      expect(missing.body.error.code).toBe('NOT_FOUND')
    })
  })
}
