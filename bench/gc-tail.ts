// How much of the uncached story page's slow tail is garbage collection. Starts the bench server
// without the page cache (as bench/run.ts's "uncached" row) with bench/gc-tail-preload.mjs, which
// times every request and records every collection in the server's own clock; asks for the
// uncached row's 1,000 stories one at a time for BENCH_DURATION seconds (default 6) after 100 warm-up requests;
// then prints the server-side p50/p95/p99, how many requests had a collection inside them, how many
// of the slowest 5% did, the tail of the requests without one, and the slowest ten.
//   BENCH_DATABASE_URL=bench-output/bench-100000.db node --import tsx bench/gc-tail.ts
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/dateline_bench_100000 node --import tsx bench/gc-tail.ts
// Run it on a copy of the SQLite bench database, or on the PostgreSQL one, while nothing else runs.
import path from 'node:path'
import { constants as perfConstants } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createDb } from '../src/db/create-db.ts'
import {
  benchServerScript,
  measureLatency,
  percentile,
  round,
  startChild,
  uncachedStoryIds,
} from './bench-tools.ts'

const database = process.env.BENCH_DATABASE_URL ?? ''
if (!database) throw new Error('Set BENCH_DATABASE_URL to the bench database (a file or postgres://…)')
const durationMs = Number(process.env.BENCH_DURATION ?? 6) * 1000
// A collection's kind as Node reports it (PerformanceEntry.detail.kind).
const {
  NODE_PERFORMANCE_GC_MINOR,
  NODE_PERFORMANCE_GC_MAJOR,
  NODE_PERFORMANCE_GC_INCREMENTAL,
  NODE_PERFORMANCE_GC_WEAKCB,
} = perfConstants
const KINDS: Record<number, string> = {
  [NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
}

const handle = createDb(
  database.startsWith('postgres')
    ? { engine: 'postgres', connectionString: database }
    : { engine: 'sqlite', filename: database },
)
// The same 1,000 stories as bench/run.ts's uncached row: spread over the whole site, old and new.
const { count } = await handle.db
  .selectFrom('articles')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .executeTakeFirstOrThrow()
const rows = await handle.db
  .selectFrom('articles')
  .innerJoin('sections', 'sections.id', 'articles.section_id')
  .select(['articles.slug', 'sections.slug as section'])
  .where('articles.status', '=', 'published')
  .where('articles.id', 'in', uncachedStoryIds(Number(count)))
  .execute()
await handle.close()
const paths = rows.map((r) => `/${r.section}/${r.slug}`)

const preload = fileURLToPath(new URL('./gc-tail-preload.mjs', import.meta.url))
const server = await startChild(
  await benchServerScript(),
  {
    BENCH_DATABASE_URL: database,
    BENCH_CACHE: 'off',
    BENCH_MEDIA_DIR: path.join(path.dirname(preload), '..', 'bench-output', 'media'),
  },
  ['--import', preload],
)
await measureLatency(server.port, paths.slice(0, 100), 1_000)
const client = await measureLatency(server.port, paths, durationMs)
interface Record_ {
  start: number
  ms: number
  kind: number
}
const { collections, requests } = await server.ask<{
  collections: Record_[]
  requests: Omit<Record_, 'kind'>[]
}>({ type: 'gc-tail' }, 'gc-tail')
await server.stop()

const measured = requests.slice(-client.count)
const withCollections = measured.map((request) => {
  const inside = collections.filter(
    (c) => c.start < request.start + request.ms && c.start + c.ms > request.start,
  )
  return {
    ...request,
    gcMs: inside.reduce((sum, c) => sum + c.ms, 0),
    kinds: inside.map((c) => KINDS[c.kind] ?? c.kind),
  }
})
const sorted = (list: { ms: number }[]) => list.map((r) => r.ms).sort((a, b) => a - b)
const all = sorted(withCollections)
const slowCut = percentile(all, 95)
const slowest = withCollections.filter((r) => r.ms >= slowCut)
const withoutGc = sorted(withCollections.filter((r) => r.gcMs === 0))
const scavenges = collections.filter((c) => c.kind === NODE_PERFORMANCE_GC_MINOR)
console.log(
  `client (one at a time, ${client.count} requests): p50 ${round(client.p50, 2)}, p95 ${round(client.p95, 2)}, p99 ${round(client.p99, 2)} ms`,
)
console.log(
  `server-side: p50 ${round(percentile(all, 50), 2)}, p95 ${round(slowCut, 2)}, p99 ${round(percentile(all, 99), 2)} ms`,
)
console.log(
  `collections during the whole run: ${scavenges.length} scavenges (median ${round(percentile(sorted(scavenges), 50), 2)} ms, longest ${round(Math.max(0, ...scavenges.map((c) => c.ms)), 2)} ms), ${collections.filter((c) => c.kind === NODE_PERFORMANCE_GC_MAJOR).length} mark-compacts`,
)
console.log(
  `requests with a collection inside: ${withCollections.filter((r) => r.gcMs > 0).length} of ${measured.length}`,
)
console.log(
  `of the slowest 5% (≥ ${round(slowCut, 2)} ms): ${slowest.filter((r) => r.gcMs > 0).length} of ${slowest.length}`,
)
console.log(
  `requests without one: p50 ${round(percentile(withoutGc, 50), 2)}, p95 ${round(percentile(withoutGc, 95), 2)}, p99 ${round(percentile(withoutGc, 99), 2)} ms`,
)
console.log('slowest ten:')
for (const r of [...withCollections].sort((a, b) => b.ms - a.ms).slice(0, 10)) {
  console.log(
    `  ${round(r.ms, 2)} ms${r.gcMs > 0 ? `, of which collections ${round(r.gcMs, 2)} ms (${r.kinds.join(', ')})` : ''}`,
  )
}
