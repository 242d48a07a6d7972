// The app under test, in a process of its own so that the load generator never shares its event
// loop. Driven over IPC by bench/run.ts and bench/load.ts: it reports its port and memory, and
// publishes stories through the service in-process (so the purge runs exactly as in production).
import http from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import pino from 'pino'
import { buildApp } from '../src/app.ts'
import { createArticle } from '../src/articles/articles.service.ts'
import { createPageCache } from '../src/cache/page-cache.ts'
import { loadConfig } from '../src/config/config.ts'
import { createContext, systemActor } from '../src/context.ts'
import { createDb } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { listSections } from '../src/sections/sections.service.ts'

export type ServerRequest =
  | { type: 'rss' }
  | { type: 'stats' }
  | { type: 'loop-delay-reset' }
  | { type: 'loop-delay' }
  | { type: 'drain' }
  | { type: 'publish-to-visible'; runs: number }
  | { type: 'editor'; intervalMs: number; durationMs: number }

export type ServerMessage =
  | { type: 'ready'; port: number }
  | { type: 'rss'; rss: number; memory: NodeJS.MemoryUsage }
  | { type: 'stats'; stats: unknown }
  | { type: 'loop-delay'; p50: number; p99: number; max: number }
  | { type: 'drained'; ms: number }
  | { type: 'publish-to-visible'; ms: number[]; publishMs: number[] }
  | { type: 'published'; headline: string; paths: string[]; publishMs: number }
  | { type: 'editor-done'; published: number }

const send = (message: ServerMessage): void => {
  process.send?.(message)
}

const config = loadConfig({
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  DATABASE_PREPARED_STATEMENTS: process.env.DATABASE_PREPARED_STATEMENTS,
  MEDIA_DIR: process.env.BENCH_MEDIA_DIR,
  DEMO_CONTENT: 'off',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  SITE_URL: 'http://bench.example',
})
const isCacheOn = process.env.BENCH_CACHE !== 'off'
const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()
const handle = createDb(config.database)
await migrateToLatest(handle.db, handle.engine)
const log = pino({ level: config.logLevel })
const ctx = createContext({ config, db: handle, log })
const pageCache = createPageCache()
const app = await buildApp(ctx, { pageCache: isCacheOn ? pageCache : false })
await app.listen({ host: '127.0.0.1', port: 0 })
// As main.ts does once it listens.
ctx.searchWriter?.warmUp()
const address = app.server.address()
const port = typeof address === 'object' && address ? address.port : 0
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

function get(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
        })
        response.on('end', () => resolve(text))
      })
      .on('error', reject)
  })
}

/**
 * Resolves once the requests of a finished load have all been answered: autocannon's clients are
 * gone, but the server still works through what they left queued (on PostgreSQL, up to ~50
 * requests waiting for the pool's ten connections; most of a second for the uncached API list).
 * Quiet means: no query waiting or running, and timers firing on time, for 50 ms in a row.
 */
async function drain(): Promise<number> {
  const started = performance.now()
  let quietSince: number | undefined
  for (;;) {
    const before = performance.now()
    await new Promise((r) => setTimeout(r, 10))
    const now = performance.now()
    const pool = handle.poolStats()
    const isPoolIdle = pool.waiting === 0 && (handle.engine === 'sqlite' || pool.idle === pool.total)
    const isLoopIdle = now - before < 15
    if (!isPoolIdle || !isLoopIdle) quietSince = undefined
    else if (quietSince === undefined) quietSince = now
    else if (now - quietSince >= 50) return now - started
    if (now - started > 30_000) throw new Error('the server never became idle')
  }
}

let counter = 0
async function publishOne(): Promise<{ headline: string; paths: string[]; publishMs: number }> {
  counter++
  const sections = await listSections(ctx)
  const section = sections[counter % sections.length]
  if (!section) throw new Error('no sections')
  const headline = `Bench bulletin ${process.pid}-${counter} from the ${section.name} desk`
  const started = performance.now()
  const id = await createArticle(ctx, systemActor('bench'), {
    headline,
    bodyHtml: `<p>KABUL – A bulletin written by the benchmark, number ${counter}, to measure how soon readers see it.</p>`,
    dateline: 'Kabul',
    sectionId: section.id,
    authorIds: [1],
    tagNames: ['Topic 1'],
    status: 'published',
  })
  const publishMs = performance.now() - started
  const slug = (
    await ctx.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()
  ).slug
  return {
    headline,
    paths: ['/', '/latest/', section.url, `${section.url}${slug}`, '/tag/topic-1/'],
    publishMs,
  }
}

process.on('message', (raw: ServerRequest) => {
  void (async () => {
    if (raw.type === 'rss') {
      // The whole breakdown, so that a change in RSS can be told apart: V8's heap, Buffers (the
      // page cache's bodies are external memory), or native memory outside both (SQLite's page
      // cache, libraries' own allocations) when RSS grows and neither of the others does.
      const memory = process.memoryUsage()
      send({ type: 'rss', rss: memory.rss, memory })
    }
    if (raw.type === 'stats') send({ type: 'stats', stats: pageCache.stats() })
    if (raw.type === 'loop-delay-reset') loopDelay.reset()
    if (raw.type === 'loop-delay') {
      // How long the event loop was held at once: every reader waits behind the longest hold.
      const ms = (ns: number) => Math.round(ns / 1e4) / 100
      send({
        type: 'loop-delay',
        p50: ms(loopDelay.percentile(50)),
        p99: ms(loopDelay.percentile(99)),
        max: ms(loopDelay.max),
      })
    }
    if (raw.type === 'drain') send({ type: 'drained', ms: await drain() })
    if (raw.type === 'publish-to-visible') {
      const ms: number[] = []
      const publishMs: number[] = []
      for (let i = 0; i < raw.runs; i++) {
        await get('/')
        await get('/') // cached now (when the cache is on)
        const started = performance.now()
        const published = await publishOne()
        const { headline } = published
        publishMs.push(published.publishMs)
        // Visible means: a reader asking for the front page gets the version with the new story.
        while (!(await get('/')).includes(headline)) {
          if (performance.now() - started > 10_000) throw new Error('story never became visible')
        }
        ms.push(performance.now() - started)
      }
      send({ type: 'publish-to-visible', ms, publishMs })
    }
    if (raw.type === 'editor') {
      const endAt = performance.now() + raw.durationMs
      let published = 0
      while (performance.now() < endAt) {
        const next = performance.now() + raw.intervalMs
        send({ type: 'published', ...(await publishOne()) })
        published++
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())))
      }
      send({ type: 'editor-done', published })
    }
  })().catch((error: unknown) => {
    log.error({ err: error }, 'bench server command failed')
    process.exit(1)
  })
})

process.on('SIGTERM', () => {
  void app.close().then(() => handle.close().then(() => process.exit(0)))
})
send({ type: 'ready', port })
