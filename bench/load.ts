// `npm run bench:load`: 1,000 concurrent connections for 30 s over a mix of public URLs while an
// editor publishes a story every second through the service (in the server's process). Passes with
// zero errors and no stale page: after every publication, the pages that list the story are fetched
// at once and must show it. Loopback only. Knobs: BENCH_LOAD_CONNECTIONS, BENCH_LOAD_DURATION,
// BENCH_STORIES (the generated site to use; run `npm run bench` first to create it).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDb } from '../src/db/create-db.ts'
import {
  benchServerScript,
  fetchText,
  measureThroughput,
  memoryLine,
  round,
  startChild,
} from './bench-tools.ts'
import { FULL_SITE, markerFor, readMarker } from './generate-site.ts'

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const OUT = path.join(ROOT, 'bench-output')
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 1_000)
const DURATION_S = Number(process.env.BENCH_LOAD_DURATION ?? 30)
const spec = process.env.BENCH_STORIES
  ? { ...FULL_SITE, stories: Number(process.env.BENCH_STORIES) }
  : FULL_SITE
const database = path.join(OUT, `bench-${spec.stories}.db`)

const handle = createDb({ engine: 'sqlite', filename: database })
if ((await readMarker(handle.db).catch(() => undefined)) !== markerFor(spec)) {
  await handle.close()
  throw new Error(`${database} is not a generated site: run \`npm run bench\` first`)
}
// The mix a news site sees: mostly stories (a popular few and a long tail), then fronts and lists.
const stories = await handle.db
  .selectFrom('articles')
  .innerJoin('sections', 'sections.id', 'articles.section_id')
  .select(['articles.slug', 'sections.slug as section'])
  .orderBy('articles.id', 'desc')
  .limit(2_000)
  .execute()
const sections = await handle.db.selectFrom('sections').select('slug').execute()
await handle.close()
const storyPaths = stories.map((s) => `/${s.section}/${s.slug}`)
const mix: string[] = []
for (let i = 0; i < 1_000; i++) {
  const r = i % 20
  if (r < 8) mix.push(storyPaths[i % 50] ?? '/')
  else if (r < 13) mix.push(storyPaths[(i * 37) % storyPaths.length] ?? '/')
  else if (r < 15) mix.push('/')
  else if (r < 16) mix.push('/latest/')
  else if (r < 18) mix.push(`/${sections[i % sections.length]?.slug}/`)
  else if (r < 19) mix.push(`/tag/topic-${1 + (i % 50)}/`)
  else mix.push(`/author/writer-${1 + (i % 200)}/`)
}

fs.mkdirSync(path.join(OUT, 'media'), { recursive: true })
// As production runs it (compiled, bench-tools.ts benchServerScript), like `npm run bench`'s servers.
const server = await startChild(await benchServerScript(), {
  BENCH_DATABASE_URL: database,
  BENCH_CACHE: 'on',
  BENCH_MEDIA_DIR: path.join(OUT, 'media'),
})
const stale: string[] = []
const pendingChecks: Promise<unknown>[] = []
let checks = 0
let published = 0
const publishMs: number[] = []
// Every bulletin in the order it was published: a check answered seconds late (under 1,000
// connections a response can queue for many seconds) may find the story pushed off a listing by
// the bulletins published since, on a perfectly fresh page.
const headlines: string[] = []
server.child.on(
  'message',
  (message: { type: string; headline?: string; paths?: string[]; publishMs?: number }) => {
    if (message.type !== 'published' || !message.headline || !message.paths) return
    published++
    publishMs.push(message.publishMs ?? 0)
    const { headline, paths } = message
    headlines.push(headline)
    const position = headlines.length - 1
    const sentAt = performance.now()
    // The purge has completed when the message is sent: every page listing the story must show
    // it, or, when the answer came late, a bulletin published after it (which proves the page was
    // rendered after this one's purge). A page with neither is stale.
    const check = Promise.all(
      paths.map(async (p) => {
        const response = await fetchText(server.port, p)
        checks++
        const isFresh = headlines.slice(position).some((h) => response.text.includes(h))
        if (response.status !== 200 || !isFresh) {
          const waited = Math.round(performance.now() - sentAt)
          stale.push(
            `${p} (${response.status}, x-cache ${response.headers['x-cache']}, answered after ${waited} ms) lacks "${headline}" and every later bulletin`,
          )
        }
      }),
    ).catch((error: unknown) => stale.push(`check failed: ${String(error)}`))
    pendingChecks.push(check)
  },
)

// A site that has been up for a while has its popular pages cached: warm each URL once first.
const warmStarted = performance.now()
for (const url of new Set(mix)) await fetchText(server.port, url)
process.stdout.write(
  `warm-up: ${new Set(mix).size} URLs rendered in ${round((performance.now() - warmStarted) / 1000)} s\n`,
)

process.stdout.write(
  `load: ${CONNECTIONS} connections for ${DURATION_S} s over ${new Set(mix).size} URLs, publishing every second…\n`,
)
server.child.send({ type: 'loop-delay-reset' })
const editor = server.ask<{ published: number }>(
  { type: 'editor', intervalMs: 1_000, durationMs: DURATION_S * 1_000 },
  'editor-done',
)
// Readers' browsers ask for compressed pages; the cache keeps brotli and gzip forms for them.
const result = await measureThroughput(server.port, mix, {
  connections: CONNECTIONS,
  durationS: DURATION_S,
  headers: { 'accept-encoding': 'br, gzip' },
})
await editor
await Promise.all(pendingChecks)
const { rss, memory } = await server.ask<{ rss: number; memory: NodeJS.MemoryUsage }>({ type: 'rss' }, 'rss')
const { stats } = await server.ask<{ stats: unknown }>({ type: 'stats' }, 'stats')
const loopDelay = await server.ask<{ p50: number; p99: number; max: number }>(
  { type: 'loop-delay' },
  'loop-delay',
)
await server.stop()

const errors = result.errors + result.timeouts + result.non2xx
const report = {
  at: new Date().toISOString(),
  stories: spec.stories,
  connections: CONNECTIONS,
  durationS: DURATION_S,
  requests: result.requests.total,
  rps: round(result.requests.average, 0),
  latencyMs: {
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  errors: { total: errors, socket: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
  published,
  publishMs: {
    max: round(Math.max(...publishMs)),
    mean: round(publishMs.reduce((a, b) => a + b, 0) / publishMs.length),
  },
  staleChecks: checks,
  stale,
  rssMb: round(rss / 1048576),
  heapUsedMb: round(memory.heapUsed / 1048576),
  externalMb: round(memory.external / 1048576),
  loopDelayMs: { p50: loopDelay.p50, p99: loopDelay.p99, max: loopDelay.max },
  cache: stats,
}
fs.writeFileSync(path.join(OUT, 'load-latest.json'), `${JSON.stringify(report, null, 2)}\n`)
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')
process.stdout.write(
  `${[
    `requests: ${report.requests} (${report.rps} req/s)`,
    `latency: p50 ${report.latencyMs.p50} ms, p97.5 ${report.latencyMs.p97_5} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`,
    `stories published during the run: ${published} (publish incl. purge: mean ${report.publishMs.mean} ms, max ${report.publishMs.max} ms)`,
    `resident memory after the run: ${memoryLine(memory)}`,
    `event loop delay during the run: p50 ${loopDelay.p50} ms, p99 ${loopDelay.p99} ms, max ${loopDelay.max} ms`,
    `errors: ${errors} (socket ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})  ${verdict(errors === 0)}`,
    `stale pages after a purge: ${stale.length} of ${checks} checks  ${verdict(stale.length === 0 && checks > 0)}`,
    ...stale.slice(0, 10).map((s) => `  stale: ${s}`),
    'written: bench-output/load-latest.json',
  ].join('\n')}\n`,
)
process.exitCode = errors === 0 && stale.length === 0 ? 0 : 1
