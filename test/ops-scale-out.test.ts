// Several instances on one PostgreSQL database: content events travel between them by
// LISTEN/NOTIFY, and scheduled publishing happens exactly once when two instances race.
// PostgreSQL only: skipped with a message without DATELINE_TEST_POSTGRES_URL.

import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticle, recordCorrection } from '../src/articles/articles.service.ts'
import { createScheduler } from '../src/articles/scheduler.ts'
import { loadConfig } from '../src/config/config.ts'
import { systemActor } from '../src/context.ts'
import type { ContentEvent } from '../src/events/content-events.ts'
import { parseEnvelope } from '../src/events/postgres-bridge.ts'
import { type RunningServer, startServer } from '../src/main.ts'
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts'
import { makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'

const isPostgres = Boolean(process.env.DATELINE_TEST_POSTGRES_URL)
if (!isPostgres) console.log('Scale-out tests skipped: they need PostgreSQL (set DATELINE_TEST_POSTGRES_URL)')

const actor = systemActor('test')

/** Polls until `check` holds or the deadline passes; returns whether it held. */
async function pollUntil(deadlineMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + deadlineMs
  for (;;) {
    if (await check()) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the event bridge payload', () => {
  it('accepts the events it sends and refuses anything else', () => {
    const event = { type: 'article.updated', articleId: 7, at: '2026-11-27T08:00:00.000Z' }
    expect(parseEnvelope(JSON.stringify({ instance: 'a', event }))).toEqual({ instance: 'a', event })
    expect(parseEnvelope('not json')).toBeUndefined()
    expect(
      parseEnvelope(JSON.stringify({ instance: 'a', event: { ...event, type: 'article.eaten' } })),
    ).toBeUndefined()
    expect(
      parseEnvelope(JSON.stringify({ instance: 'a', event: { ...event, articleId: '7' } })),
    ).toBeUndefined()
  })
})

describe.skipIf(!isPostgres)('postgres: two instances on one database', () => {
  let database: TestDatabase
  let a: RunningServer
  let b: RunningServer

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    const config = {
      ...loadConfig(
        { PORT: '0', DEMO_CONTENT: 'off', MEDIA_DIR: `${database.dir}/media`, LOG_LEVEL: 'silent' },
        database.dir,
      ),
      database: database.config,
    }
    const log = pino({ level: 'silent' })
    // Started together, as behind a load balancer: both migrate under the lock.
    ;[a, b] = await Promise.all([startServer(config, log), startServer(config, log)])
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.drop()
  })

  it('serves on B, within one second, a change made on A', async () => {
    const sectionId = await makeSection(a.ctx, { slug: 'bridge-desk' })
    const authorId = await makeAuthor(a.ctx)
    await createArticle(a.ctx, actor, {
      headline: 'Bridge opens over the river',
      slug: 'bridge-opens',
      bodyHtml: paragraphs('The new bridge carries traffic from today.'),
      sectionId,
      authorIds: [authorId],
      status: 'published',
    })
    // B renders and caches the story and the latest list.
    const page = `${b.url}/bridge-desk/bridge-opens`
    expect((await fetch(page)).status).toBe(200)
    expect(await (await fetch(page)).text()).not.toContain('A correction from instance A')
    expect(await (await fetch(`${b.url}/latest/`)).text()).toContain('Bridge opens over the river')

    await recordCorrection(a.ctx, actor, (await findId(a, 'bridge-opens'))!, 'A correction from instance A')
    expect(
      await pollUntil(1_000, async () =>
        (await (await fetch(page)).text()).includes('A correction from instance A'),
      ),
    ).toBe(true)

    await createArticle(a.ctx, actor, {
      headline: 'Second story published on A',
      bodyHtml: paragraphs('It must show on B at once.'),
      sectionId,
      authorIds: [authorId],
      status: 'published',
    })
    expect(
      await pollUntil(1_000, async () =>
        (await (await fetch(`${b.url}/latest/`)).text()).includes('Second story published on A'),
      ),
    ).toBe(true)
  })

  it('listens again after its connection is cut, and then still hears A', async () => {
    const { sql } = await import('kysely')
    const cut = await sql<{ pid: number }>`
      select pg_terminate_backend(pid) as pid from pg_stat_activity
      where datname = current_database() and query like 'LISTEN %'`.execute(a.ctx.db)
    expect(cut.rows.length).toBe(2)
    const id = (await findId(a, 'bridge-opens'))!
    const page = `${b.url}/bridge-desk/bridge-opens`
    // Events sent while B was reconnecting are lost, so keep correcting until one gets through;
    // the deadline only bounds a failing run.
    let n = 0
    const isHeard = await pollUntil(15_000, async () => {
      n += 1
      await recordCorrection(a.ctx, actor, id, `Correction number ${n} after the cut`)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return (await (await fetch(page)).text()).includes(`Correction number ${n} after the cut`)
    })
    expect(isHeard).toBe(true)
    // B has the page cached again now: only a heard event can make it show the next correction.
    await recordCorrection(a.ctx, actor, id, 'The correction after reconnecting')
    expect(
      await pollUntil(1_000, async () =>
        (await (await fetch(page)).text()).includes('The correction after reconnecting'),
      ),
    ).toBe(true)
  })

  it('publishes a due story once when both schedulers race for it: one event', async () => {
    const sectionId = await makeSection(a.ctx)
    const authorId = await makeAuthor(a.ctx)
    const due = new Date(Date.now() - 60_000).toISOString()
    const ids: number[] = []
    for (let i = 0; i < 10; i++) {
      ids.push(
        await createArticle(a.ctx, actor, {
          headline: `Scheduled story ${i}`,
          bodyHtml: paragraphs('Waiting for its time.'),
          sectionId,
          authorIds: [authorId],
          status: 'scheduled',
          publishedAt: due,
        }),
      )
    }
    const local: ContentEvent[] = []
    for (const server of [a, b]) {
      server.ctx.events.on((event) => {
        if (event.origin === undefined && event.type === 'article.published') local.push(event)
      })
    }
    const now = new Date()
    const [fromA, fromB] = await Promise.all([
      createScheduler(a.ctx).runDue(now),
      createScheduler(b.ctx).runDue(now),
    ])
    const claimed = [...fromA, ...fromB].filter((id) => ids.includes(id))
    expect(claimed.sort((x, y) => x - y)).toEqual(ids)
    const published = local.filter((e) => ids.includes(e.articleId)).map((e) => e.articleId)
    expect(published.sort((x, y) => x - y)).toEqual(ids)
    const audits = await a.ctx.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'story.published')
      .where('target_id', 'in', ids.map(String))
      .execute()
    expect(audits.map((r) => Number(r.target_id)).sort((x, y) => x - y)).toEqual(ids)
  })
})

async function findId(server: RunningServer, slug: string): Promise<number | undefined> {
  const row = await server.ctx.db
    .selectFrom('articles')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst()
  return row?.id
}
