// Times the readers' search page end to end, per query: the app is built in this process without
// the page cache (as the bench's "uncached" server) and each URL is asked for through app.inject,
// round robin, so every query sees the same machine load. Prints p50/p95/p99 per URL (wall clock)
// and the median CPU time of this process per page (steadier on a busy machine) and, with
// --sql, every statement a search page runs with its median time (Kysely's query log).
//
// Usage (on a COPY of the bench database; never on /work/main's):
//   node --import tsx bench/search-profile.ts [--db bench-output/bench-100000.db] [--runs 60] [--sql] [url…]
//   node --import tsx bench/search-profile.ts --db postgres://postgres@127.0.0.1:5432/dateline_bench_100000
//   node --cpu-prof --cpu-prof-dir=bench-output/profiles --import tsx bench/search-profile.ts --runs 100
//   node --import tsx bench/profile-summary.ts bench-output/profiles/CPU….cpuprofile
// The default URLs are bench/run.ts's 'search' row.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import pino from 'pino'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config/config.ts'
import { createContext } from '../src/context.ts'
import { type DbHandle, openSqlite } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { withStatementCache } from '../src/db/sqlite-statements.ts'
import type { Database } from '../src/db/tables.ts'

const DEFAULT_URLS = [
  '/search?q=water',
  '/search?q=market+prices',
  '/search?q=pomegr',
  '/search?q=northern+clinic',
]

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string', default: 'bench-output/bench-100000.db' },
    runs: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '3' },
    sql: { type: 'boolean', default: false },
  },
})
const urls = positionals.length > 0 ? positionals : DEFAULT_URLS
const runs = Number(values.runs)
const isPostgres = values.db.startsWith('postgres://')
const databaseUrl = isPostgres ? values.db : path.resolve(values.db)

// The app's own connection (src/db/create-db.ts: pragmas, the search database attached) and pool
// size, on a Kysely of our own so that statements can be logged. The search index is only read here.
let statementLog: { sql: string; ms: number }[] | undefined
const log = (event: LogEvent) => {
  statementLog?.push({ sql: event.query.sql, ms: event.queryDurationMillis })
}
const sqliteDialect = () => new SqliteDialect({ database: withStatementCache(openSqlite(databaseUrl)) })
const db = new Kysely<Database>({
  dialect: isPostgres
    ? new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 10, min: 10 }) })
    : sqliteDialect(),
  log,
})
const handle: DbHandle = {
  db,
  engine: isPostgres ? 'postgres' : 'sqlite',
  close: () => db.destroy(),
  poolStats: () => ({ total: 1, idle: 0, waiting: 0 }),
}
await migrateToLatest(db, handle.engine)
const config = loadConfig({
  DATABASE_URL: databaseUrl,
  MEDIA_DIR: path.resolve('bench-output/profile-media'),
  DEMO_CONTENT: 'off',
  LOG_LEVEL: 'warn',
  SITE_URL: 'http://bench.example',
})
const ctx = createContext({ config, db: handle, log: pino({ level: 'warn' }) })
const app = await buildApp(ctx, { pageCache: false })
await app.ready()

/** Wall-clock ms of one page, and the CPU ms this process spent on it (less sensitive to other load). */
async function timeOne(url: string): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const response = await app.inject({ method: 'GET', url })
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`)
  return { ms, cpuMs: (used.user + used.system) / 1000 }
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? Number.NaN
}

const round = (ms: number): number => Math.round(ms * 10) / 10

for (let i = 0; i < Number(values.warmup); i++) for (const url of urls) await timeOne(url)

const samples = new Map<string, number[]>(urls.map((url) => [url, []]))
const cpuSamples = new Map<string, number[]>(urls.map((url) => [url, []]))
const statements = new Map<string, Map<string, number[]>>(urls.map((url) => [url, new Map()]))
for (let i = 0; i < runs; i++) {
  for (const url of urls) {
    if (values.sql) statementLog = []
    const { ms, cpuMs } = await timeOne(url)
    samples.get(url)?.push(ms)
    cpuSamples.get(url)?.push(cpuMs)
    if (statementLog) {
      const byStatement = statements.get(url)
      for (const { sql, ms } of statementLog) {
        const list = byStatement?.get(sql) ?? []
        list.push(ms)
        byStatement?.set(sql, list)
      }
      statementLog = undefined
    }
  }
}

const table = urls.map((url) => {
  const sorted = [...(samples.get(url) ?? [])].sort((a, b) => a - b)
  const cpu = [...(cpuSamples.get(url) ?? [])].sort((a, b) => a - b)
  return {
    url,
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    'cpu p50': round(percentile(cpu, 50)),
  }
})
console.table(table)
if (values.sql) {
  for (const url of urls) {
    console.log(`\n${url}: statements per page (median ms over ${runs} pages)`)
    for (const [sql, list] of statements.get(url) ?? []) {
      const sorted = [...list].sort((a, b) => a - b)
      const perPage = list.length / runs
      console.log(
        `  ${round(percentile(sorted, 50)).toFixed(1).padStart(7)} ms ×${perPage}  ${sql.slice(0, 220)}`,
      )
    }
  }
}
await app.close()
await handle.close()
