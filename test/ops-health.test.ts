// Health, readiness, metrics and request ids, over real HTTP on both engines.
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config/config.ts'
import { createContext } from '../src/context.ts'
import { createDb } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createLogger } from '../src/main.ts'
import { createTestDatabase, testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: health, readiness and metrics`, () => {
    let t: TestApp
    beforeAll(async () => {
      t = await startTestApp(engine)
    })
    afterAll(async () => t?.close())

    it('answers /healthz and /readyz when the database is current', async () => {
      const health = await t.get('/healthz')
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: 'ok' })
      const ready = await t.get('/readyz')
      expect(ready.status).toBe(200)
      expect(await ready.json()).toEqual({ status: 'ready' })
    })

    it('says 503 with the reason when a migration is pending', async () => {
      const last = await t.ctx.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .orderBy('name' as never, 'desc')
        .executeTakeFirstOrThrow()
      const name = (last as { name: string }).name
      await t.ctx.db
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', name as never)
        .execute()
      try {
        const ready = await t.get('/readyz')
        expect(ready.status).toBe(503)
        expect(await ready.json()).toEqual({
          status: 'unavailable',
          reason: 'migrations pending',
          pendingMigrations: [name],
        })
        expect((await t.get('/healthz')).status).toBe(200)
      } finally {
        await t.ctx.db
          .insertInto('kysely_migration' as never)
          .values({ name, timestamp: new Date().toISOString() } as never)
          .execute()
      }
    })

    it('serves Prometheus metrics labelled by route pattern, with cache, pool and queue figures', async () => {
      const sectionId = await makeSection(t.ctx, { slug: 'metrics-desk' })
      const authorId = await makeAuthor(t.ctx)
      await makeArticle(t.ctx, { sectionId, authorIds: [authorId], slug: 'counted-story' })
      expect((await t.get('/metrics-desk/counted-story')).status).toBe(200)
      expect((await t.get('/metrics-desk/counted-story')).status).toBe(200)
      await t.get('/no/such/story/here/at/all')
      const response = await t.get('/metrics')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toContain('text/plain')
      const text = await response.text()
      // The first was rendered by its route; the second was answered by the page cache's front door.
      expect(text).toMatch(
        /dateline_http_requests_total\{route="\/:first\/:second",method="GET",status="200"\} 1/,
      )
      expect(text).toMatch(
        /dateline_http_requests_total\{route="\(page cache\)",method="GET",status="200"\} 1/,
      )
      expect(text).not.toContain('counted-story')
      expect(text).toContain('dateline_http_request_duration_seconds_bucket')
      expect(text).toMatch(/dateline_page_cache_hits \d+/)
      expect(text).toMatch(/dateline_page_cache_misses [1-9]/)
      expect(text).toMatch(/dateline_page_cache_bytes [1-9]/)
      expect(text).toMatch(/dateline_db_pool_connections\{state="total"\} [1-9]/)
      expect(text).toMatch(/dateline_job_queue_depth\{queue="scheduled_stories_due"\} 0/)
      expect(text).toMatch(/dateline_job_queue_depth\{queue="webhook_deliveries_pending"\} \d+/)
      expect(text).toContain('process_cpu_user_seconds_total')
    })

    it('refuses /metrics to a request relayed by a proxy', async () => {
      const response = await t.get('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } })
      expect(response.status).toBe(403)
      expect(await response.text()).not.toContain('dateline_http_requests_total')
    })

    it('echoes a safe incoming request id and replaces an unsafe one', async () => {
      const kept = await t.get('/healthz', { headers: { 'x-request-id': 'lb-7f3a9c21.req' } })
      expect(kept.headers.get('x-request-id')).toBe('lb-7f3a9c21.req')
      const replaced = await t.get('/healthz', { headers: { 'x-request-id': 'bad id\twith "quotes"' } })
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      const fresh = await t.get('/healthz')
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    })
  })
}

describe('metrics token and logs', () => {
  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const t = await startTestApp('sqlite', { env: { METRICS_TOKEN: 'scrape-token-0123456789' } })
    try {
      expect((await t.get('/metrics')).status).toBe(401)
      const wrong = await t.get('/metrics', { headers: { authorization: 'Bearer not-the-token-at-all' } })
      expect(wrong.status).toBe(401)
      const right = await t.get('/metrics', { headers: { authorization: 'Bearer scrape-token-0123456789' } })
      expect(right.status).toBe(200)
      expect(await right.text()).toContain('dateline_http_requests_total')
    } finally {
      await t.close()
    }
  })

  async function logsOf(env: Record<string, string>): Promise<{ lines: string[]; requestId: string }> {
    const database = await createTestDatabase('sqlite')
    const config = {
      ...loadConfig({ MEDIA_DIR: `${database.dir}/media`, LOG_LEVEL: 'info', ...env }),
      database: database.config,
    }
    const db = createDb(config.database)
    await migrateToLatest(db.db, db.engine)
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const log = createLogger(config, sink)
    const app = await buildApp(createContext({ config, db, log }))
    try {
      const response = await app.inject({
        url: '/healthz',
        remoteAddress: '198.51.100.23',
        headers: { 'x-forwarded-for': '203.0.113.77', 'x-request-id': 'trace-0000abcd' },
      })
      return { lines, requestId: String(response.headers['x-request-id']) }
    } finally {
      await app.close()
      await db.close()
      await database.drop()
    }
  }

  it('logs a request id with each request and no reader address unless LOG_READER_IPS=on', async () => {
    const off = await logsOf({})
    expect(off.requestId).toBe('trace-0000abcd')
    const text = off.lines.join('')
    expect(text).toContain('"reqId":"trace-0000abcd"')
    expect(text).toContain('incoming request')
    expect(text).not.toContain('198.51.100.23')
    expect(text).not.toContain('203.0.113.77')
    const on = await logsOf({ LOG_READER_IPS: 'on' })
    expect(on.lines.join('')).toContain('198.51.100.23')
  })
})
