// `npm run bench`: generates a 100,000-story site (once; reused while the spec is unchanged), then
// measures the public pages against a bare node:http baseline serving the same bytes, and checks
// the goals of issue 7. Prints a table and writes the same as JSON under bench-output/.
// Knobs: BENCH_STORIES (a smaller site for a quick look), BENCH_DURATION seconds per row,
// BENCH_CONNECTIONS, DATELINE_BENCH_POSTGRES_URL (also run on PostgreSQL).
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import pino from 'pino'
import { buildCompiledCli } from '../bin/compiled-cli.js'
import { loadConfig } from '../src/config/config.ts'
import { createContext } from '../src/context.ts'
import { createDb } from '../src/db/create-db.ts'
import type { Engine } from '../src/db/dialect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { reindexSearch, storiesAwaitingFirstIndex } from '../src/search/search.service.ts'
import { withOfflineApp } from '../src/static/offline-app.ts'
import { createStaticPublisher } from '../src/static/static-publisher.ts'
import { appRenderer } from '../src/static/static-renderer.ts'
import {
  benchServerScript,
  fetchText,
  measureLatency,
  measureThroughput,
  memoryLine,
  percentile,
  round,
  type ServerProcess,
  startChild,
  uncachedStoryIds,
} from './bench-tools.ts'
import { FULL_SITE, generateSite, markerFor, readMarker, type SiteSpec } from './generate-site.ts'
import { NGINX_PATH, startBenchNginx } from './nginx-static.ts'

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const OUT = path.join(ROOT, 'bench-output')
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 5_000)
const spec: SiteSpec = process.env.BENCH_STORIES
  ? { ...FULL_SITE, stories: Number(process.env.BENCH_STORIES) }
  : FULL_SITE

interface Row {
  name: string
  cache: 'on' | 'off' | 'baseline' | 'n/a'
  paths: number
  rps: number | null
  p50: number | null
  p95: number | null
  p99: number | null
  p99Loaded: number | null
  ratio: number | null
  errors: number
  note?: string
}

interface Goal {
  goal: string
  target: string
  measured: string
  result: 'PASS' | 'FAIL' | 'n/a'
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

async function prepare(engine: Engine, databaseUrl: string): Promise<void> {
  const handle = createDb(
    engine === 'sqlite'
      ? { engine, filename: databaseUrl }
      : { engine: 'postgres', connectionString: databaseUrl },
  )
  try {
    await migrateToLatest(handle.db, handle.engine)
    if ((await readMarker(handle.db)) === markerFor(spec)) {
      log(`${engine}: reusing the generated site (${spec.stories} stories)`)
      await buildSearchIndex(handle, engine)
      return
    }
    const existing = await handle.db.selectFrom('articles').select('id').limit(1).executeTakeFirst()
    if (existing) throw new Error(`${databaseUrl} holds other content; the benchmark needs its own database`)
    log(`${engine}: generating ${spec.stories} stories…`)
    const started = performance.now()
    await generateSite(handle.db, engine, spec, new Date(), log)
    log(`${engine}: generated in ${round((performance.now() - started) / 1000)} s`)
    await buildSearchIndex(handle, engine)
  } finally {
    await handle.close()
  }
}

/**
 * The generator writes the tables directly, so the full-text index starts empty; it is built once
 * here (as `dateline search reindex` would), before the servers start, so no measured request
 * races a background index build.
 */
async function buildSearchIndex(handle: ReturnType<typeof createDb>, engine: Engine): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const ctx = createContext({ config, db: handle, log: pino({ level: 'silent' }) })
  if ((await storiesAwaitingFirstIndex(ctx)) === 0) return
  const started = performance.now()
  const report = await reindexSearch(ctx)
  log(
    `${engine}: search index built in ${round((performance.now() - started) / 1000)} s (${JSON.stringify(report)})`,
  )
}

async function sqliteDatabase(): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true })
  const file = path.join(OUT, `bench-${spec.stories}.db`)
  if (fs.existsSync(file)) {
    const handle = createDb({ engine: 'sqlite', filename: file })
    const marker = await readMarker(handle.db).catch(() => undefined)
    await handle.close()
    if (marker !== markerFor(spec))
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  }
  return file
}

/** A database of the benchmark's own on the PostgreSQL server the URL points at. */
async function postgresDatabase(serverUrl: string): Promise<string> {
  const name = `dateline_bench_${spec.stories}`
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.href
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}

/**
 * Spawn to first page served. 'compiled' is how `npm start` runs (its prestart step builds the
 * compiled CLI, bin/compiled-cli.js); 'tsx' runs the sources, as a fresh edit does.
 */
async function coldStart(
  databaseUrl: string,
  mode: 'compiled' | 'tsx',
): Promise<{ ms: number[]; command: string; failure?: string }> {
  const runs: number[] = []
  const command = `node bin/dateline.js serve (${mode})`
  if (mode === 'compiled') await buildCompiledCli()
  for (let i = 0; i < 3; i++) {
    const port = await freePort()
    const started = performance.now()
    const child: ChildProcess = spawn(process.execPath, ['bin/dateline.js', 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_CONTENT: 'off',
        LOG_LEVEL: 'warn',
        MEDIA_DIR: path.join(OUT, 'media'),
        DATELINE_COMPILE: mode === 'compiled' ? 'on' : 'off',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    let exited = false
    child.once('exit', () => {
      exited = true
    })
    let ms: number | undefined
    while (!exited && performance.now() - started < 30_000) {
      const response = await fetchText(port, '/').catch(() => undefined)
      if (response?.status === 200) {
        ms = performance.now() - started
        break
      }
      await new Promise((r) => setTimeout(r, 5))
    }
    child.kill('SIGTERM')
    await new Promise((r) => (exited ? r(undefined) : child.once('exit', r)))
    if (ms === undefined)
      return { ms: runs, command, failure: stderr.trim().split('\n').slice(0, 3).join(' ') }
    runs.push(ms)
  }
  return { ms: runs, command }
}

async function pickPaths(
  server: ServerProcess,
  databaseUrl: string,
  engine: Engine,
): Promise<Record<string, string[]>> {
  const handle = createDb(
    engine === 'sqlite'
      ? { engine, filename: databaseUrl }
      : { engine: 'postgres', connectionString: databaseUrl },
  )
  try {
    const rows = await handle.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'sections.slug as section', 'articles.featured_media_id'])
      .where('articles.status', '=', 'published')
      .where((eb) => eb('articles.id', 'in', uncachedStoryIds(spec.stories)))
      .execute()
    const withImage = await handle.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'sections.slug as section'])
      .where('articles.featured_media_id', 'is not', null)
      .orderBy('articles.id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    const story = `/${withImage.section}/${withImage.slug}`
    // A top-level section: its page 50 lists its subsections' stories too.
    const top = await handle.db
      .selectFrom('sections')
      .select('slug')
      .where('parent_id', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const sectionPage = spec.stories >= 20_000 ? `/${top.slug}/page/50/` : `/${top.slug}/page/2/`
    const paths = {
      story: [story],
      stories: rows.map((r) => `/${r.section}/${r.slug}`),
      home: ['/'],
      section: [sectionPage],
      tag: ['/tag/topic-1/'],
      // Words the generator writes: a common one, two together, and a prefix as typed.
      search: ['/search?q=water', '/search?q=market+prices', '/search?q=pomegr', '/search?q=northern+clinic'],
      rss: ['/feed/rss.xml'],
      api: ['/api/v1/articles'],
    }
    for (const [name, list] of Object.entries(paths)) {
      const response = await fetchText(server.port, list[0] ?? '/')
      if (response.status !== 200) throw new Error(`${name} ${list[0]} answered ${response.status}`)
    }
    return paths
  } finally {
    await handle.close()
  }
}

async function measureRow(
  name: string,
  cache: Row['cache'],
  port: number,
  paths: string[],
  baselineRps: number | null,
): Promise<Row> {
  // Let the previous row's backlog drain, then warm up (JIT, SQLite's page cache, the page cache
  // when it is on) one request at a time; not recorded.
  await new Promise((r) => setTimeout(r, 1_000))
  await measureLatency(port, paths, 1_500)
  const latency = await measureLatency(port, paths, LATENCY_MS)
  const load = await measureThroughput(port, paths, { connections: CONNECTIONS, durationS: DURATION_S })
  const row: Row = {
    name,
    cache,
    paths: paths.length,
    rps: round(load.requests.average, 0),
    p50: round(latency.p50, 2),
    p95: round(latency.p95, 2),
    p99: round(latency.p99, 2),
    p99Loaded: load.latency.p99,
    ratio: baselineRps ? round(load.requests.average / baselineRps, 2) : null,
    errors: load.errors + load.timeouts + load.non2xx + latency.errors,
  }
  log(
    `  ${name}: ${row.rps} req/s, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, p99 under load ${row.p99Loaded} ms`,
  )
  return row
}

/**
 * Issue 9's rows: nginx serving the story page Dateline wrote as a static file (the docs/deploy.md
 * configuration, try_files and all), beside nginx serving the same bytes from a plain file.
 * Skipped, with a note, where Debian's nginx is not installed.
 */
async function staticRows(
  engine: Engine,
  databaseUrl: string,
  storyPath: string,
  storyBytes: string,
  appPort: number,
  baselineRps: number | null,
): Promise<Row[]> {
  if (!fs.existsSync(NGINX_PATH)) {
    log(`  nginx rows skipped: ${NGINX_PATH} is not installed`)
    return []
  }
  const work = path.join(OUT, `nginx-${engine}`)
  fs.rmSync(work, { recursive: true, force: true })
  const staticRoot = path.join(work, 'static')
  const plainFile = path.join(work, 'plain', 'story.html')
  fs.mkdirSync(path.dirname(plainFile), { recursive: true })
  fs.writeFileSync(plainFile, storyBytes)
  // The story's file as STATIC_DIR publishing writes it (with .gz and .br), from the same database.
  const handle = createDb(
    engine === 'sqlite'
      ? { engine, filename: databaseUrl }
      : { engine: 'postgres', connectionString: databaseUrl },
  )
  try {
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      DEMO_CONTENT: 'off',
      SITE_URL: 'http://bench.example',
    })
    const ctx = createContext({ config, db: handle, log: pino({ level: 'warn' }) })
    await withOfflineApp(ctx, async (app) => {
      const publisher = createStaticPublisher({
        folder: staticRoot,
        render: appRenderer(app, config.siteUrl),
      })
      const report = await publisher.publishPaths([storyPath])
      if (report.written !== 1) throw new Error(`the static story was not written: ${JSON.stringify(report)}`)
    })
  } finally {
    await handle.close()
  }
  const nginx = await startBenchNginx({ work, staticRoot, plainFile, appPort })
  try {
    const fromFile = await fetchText(nginx.staticPort, storyPath)
    if (fromFile.status !== 200) throw new Error(`nginx answered ${fromFile.status} for ${storyPath}`)
    return [
      await measureRow(
        "story, nginx from Dateline's static file",
        'n/a',
        nginx.staticPort,
        [storyPath],
        baselineRps,
      ),
      await measureRow(
        'story, nginx plain file (same bytes)',
        'n/a',
        nginx.plainPort,
        ['/story.html'],
        baselineRps,
      ),
    ]
  } finally {
    await nginx.stop()
  }
}

async function runEngine(engine: Engine, databaseUrl: string) {
  const env = { BENCH_DATABASE_URL: databaseUrl, BENCH_MEDIA_DIR: path.join(OUT, 'media') }
  fs.mkdirSync(env.BENCH_MEDIA_DIR, { recursive: true })
  const serverScript = await benchServerScript()
  const cached = await startChild(serverScript, { ...env, BENCH_CACHE: 'on' })
  const uncached = await startChild(serverScript, { ...env, BENCH_CACHE: 'off' })
  try {
    const paths = await pickPaths(uncached, databaseUrl, engine)
    const storyPath = paths.story?.[0] ?? '/'
    const storyBytes = (await fetchText(uncached.port, storyPath)).text
    const baselineFile = path.join(OUT, 'baseline-story.html')
    fs.writeFileSync(baselineFile, storyBytes)
    const baseline = await startChild('./baseline-server.ts', { BENCH_BASELINE_FILE: baselineFile })
    const rows: Row[] = []
    try {
      rows.push(
        await measureRow(
          'baseline: node:http, same story bytes',
          'baseline',
          baseline.port,
          [storyPath],
          null,
        ),
      )
    } finally {
      await baseline.stop()
    }
    const baselineRps = rows[0]?.rps ?? null
    rows.push(await measureRow('story, from the cache', 'on', cached.port, paths.story ?? [], baselineRps))
    rows.push(...(await staticRows(engine, databaseUrl, storyPath, storyBytes, cached.port, baselineRps)))
    rows.push(
      await measureRow(
        'story, uncached (1,000 stories in turn)',
        'off',
        uncached.port,
        paths.stories ?? [],
        baselineRps,
      ),
    )
    rows.push(await measureRow('home, from the cache', 'on', cached.port, paths.home ?? [], baselineRps))
    rows.push(await measureRow('home, uncached', 'off', uncached.port, paths.home ?? [], baselineRps))
    rows.push(
      await measureRow(
        "a section's page 50, uncached",
        'off',
        uncached.port,
        paths.section ?? [],
        baselineRps,
      ),
    )
    rows.push(await measureRow('a tag page, uncached', 'off', uncached.port, paths.tag ?? [], baselineRps))
    // Search pages are never cached (no-store), so they are measured on the uncached server.
    rows.push(await measureRow('search', 'off', uncached.port, paths.search ?? [], baselineRps))
    rows.push(await measureRow('RSS feed, from the cache', 'on', cached.port, paths.rss ?? [], baselineRps))
    rows.push(await measureRow('RSS feed, uncached', 'off', uncached.port, paths.rss ?? [], baselineRps))
    rows.push(await measureRow('API list, from the cache', 'on', cached.port, paths.api ?? [], baselineRps))
    rows.push(await measureRow('API list, uncached', 'off', uncached.port, paths.api ?? [], baselineRps))
    // Both servers finish the last row's queued requests first: on PostgreSQL the uncached
    // server's backlog (the API list at 50 connections) ran into the first publication and made it
    // 2–5× slower than the rest (docs/performance.md, "Latest runs", session 5).
    type DrainReply = { ms: number }
    const drained = await Promise.all([
      cached.ask<DrainReply>({ type: 'drain' }, 'drained'),
      uncached.ask<DrainReply>({ type: 'drain' }, 'drained'),
    ])
    log(`  servers idle after ${drained.map((d) => `${round(d.ms, 0)} ms`).join(' and ')}`)
    type MemoryReply = { rss: number; memory: NodeJS.MemoryUsage }
    const { rss, memory } = await cached.ask<MemoryReply>({ type: 'rss' }, 'rss')
    const { rss: rssUncached, memory: memoryUncached } = await uncached.ask<MemoryReply>(
      { type: 'rss' },
      'rss',
    )
    const { stats } = await cached.ask<{ stats: unknown }>({ type: 'stats' }, 'stats')
    const { ms: publishMs, publishMs: publishOnlyMs } = await cached.ask<{
      ms: number[]
      publishMs: number[]
      // 20, not 5: on SQLite at 100,000 stories about one search-index write in 13–20 runs into an
      // FTS5 merge of ~0.8 s (docs/performance.md, "Known problems"); five runs missed it by luck.
    }>({ type: 'publish-to-visible', runs: 20 }, 'publish-to-visible')
    const coldUrl = engine === 'sqlite' ? `sqlite:${databaseUrl}` : databaseUrl
    const cold = await coldStart(coldUrl, 'compiled')
    const coldTsx = await coldStart(coldUrl, 'tsx')
    return {
      rows,
      rss,
      rssUncached,
      memory,
      memoryUncached,
      serverScript,
      cacheStats: stats,
      publishMs,
      publishOnlyMs,
      cold,
      coldTsx,
      paths: { ...paths, stories: paths.stories?.length },
    }
  } finally {
    await cached.stop()
    await uncached.stop()
  }
}

type EngineResult = Awaited<ReturnType<typeof runEngine>>

function goals(result: EngineResult): Goal[] {
  const row = (prefix: string) => result.rows.find((r) => r.name.startsWith(prefix))
  const baseline = row('baseline')?.rps ?? 0
  const cachedStory = row('story, from')
  const uncachedStory = row('story, uncached')
  const home = row('home, uncached')
  const search = row('search')
  const mb = result.rss / 1024 / 1024
  const median = (ms: number[]): number | undefined =>
    ms.length > 0
      ? percentile(
          [...ms].sort((a, b) => a - b),
          50,
        )
      : undefined
  const coldMs = median(result.cold.ms)
  const coldTsxMs = median(result.coldTsx.ms)
  const publishMax = Math.max(...result.publishMs)
  const check = (ok: boolean): Goal['result'] => (ok ? 'PASS' : 'FAIL')
  return [
    {
      goal: 'cached story ≥ 60% of baseline req/s',
      target: '≥ 0.60',
      measured: `${cachedStory?.ratio ?? '?'} (${cachedStory?.rps} / ${baseline})`,
      result: check((cachedStory?.ratio ?? 0) >= 0.6),
    },
    {
      goal: 'uncached story p99',
      target: '≤ 15 ms',
      measured: `${uncachedStory?.p99} ms`,
      result: check((uncachedStory?.p99 ?? Number.POSITIVE_INFINITY) <= 15),
    },
    {
      goal: 'home uncached p99',
      target: '≤ 25 ms',
      measured: `${home?.p99} ms`,
      result: check((home?.p99 ?? Number.POSITIVE_INFINITY) <= 25),
    },
    {
      goal: 'search p95',
      target: '≤ 30 ms',
      measured: `${search?.p95} ms (p99 ${search?.p99} ms)`,
      result: check((search?.p95 ?? Number.POSITIVE_INFINITY) <= 30),
    },
    {
      goal: 'resident memory (cached server, after the runs)',
      target: '≤ 250 MB',
      measured: `${round(mb)} MB`,
      result: check(mb <= 250),
    },
    {
      goal: `cold start (${result.cold.command} → first page)`,
      target: '≤ 1500 ms',
      measured:
        coldMs === undefined
          ? `failed: ${result.cold.failure}`
          : `${round(coldMs, 0)} ms (median of ${result.cold.ms.length}; through tsx: ${
              coldTsxMs === undefined ? 'failed' : `${round(coldTsxMs, 0)} ms`
            })`,
      result: coldMs === undefined ? 'FAIL' : check(coldMs <= 1500),
    },
    {
      goal: 'publish to visible (purge done, new home page served)',
      target: '≤ 100 ms',
      // The writing part (createArticle, its purge included) apart, so that a slow run can be told
      // from a slow re-render.
      measured: `max ${round(publishMax)} ms, median ${round(median(result.publishMs) ?? Number.NaN)} ms of ${result.publishMs.length} (writing: max ${round(Math.max(...result.publishOnlyMs))} ms)`,
      result: check(publishMax <= 100),
    },
  ]
}

/** RSS and what V8 can account for in it; the rest is native (SQLite, libraries, code, stacks). */
function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [
    line(cells[0] ?? []),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n')
}

async function main(): Promise<void> {
  // BENCH_ENGINES=postgres measures PostgreSQL alone (the SQLite half takes ~4 minutes).
  const wanted = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',')
  const engines: { engine: Engine; url: string }[] = []
  if (wanted.includes('sqlite')) engines.push({ engine: 'sqlite', url: await sqliteDatabase() })
  const postgresUrl = process.env.DATELINE_BENCH_POSTGRES_URL
  if (!wanted.includes('postgres')) log('PostgreSQL run skipped (BENCH_ENGINES)')
  else if (postgresUrl) engines.push({ engine: 'postgres', url: await postgresDatabase(postgresUrl) })
  else log('PostgreSQL run skipped: set DATELINE_BENCH_POSTGRES_URL to include it')

  const report: Record<string, unknown> = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    // Machines of one kind differ from session to session (the baseline's req/s is the best guide).
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    spec,
    settings: { durationS: DURATION_S, connections: CONNECTIONS, latencyMs: LATENCY_MS },
    engines: {},
  }
  const output: string[] = []
  for (const { engine, url } of engines) {
    await prepare(engine, url)
    if (process.env.BENCH_GENERATE_ONLY) continue
    log(
      `${engine}: measuring (${DURATION_S} s per row at ${CONNECTIONS} connections, latency one request at a time)`,
    )
    const result = await runEngine(engine, url)
    const results = goals(result)
    ;(report.engines as Record<string, unknown>)[engine] = { ...result, goals: results }
    output.push(
      `\n## ${engine}: ${spec.stories.toLocaleString('en')} stories\n`,
      table(
        [
          'page',
          'cache',
          'req/s',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          `p99 ms @${CONNECTIONS}`,
          'vs baseline',
          'errors',
        ],
        result.rows.map((r) =>
          r.note
            ? [r.name, r.note, null, null, null, null, null, null, null]
            : [r.name, r.cache, r.rps, r.p50, r.p95, r.p99, r.p99Loaded, r.ratio, r.errors],
        ),
      ),
      '',
      `resident memory (servers run ${result.serverScript.endsWith('.mjs') ? 'compiled, as npm start does' : 'through tsx'}): cached server ${memoryLine(result.memory)}; uncached server ${memoryLine(result.memoryUncached)}`,
      '',
      table(
        ['goal', 'target', 'measured', 'result'],
        results.map((g) => [g.goal, g.target, g.measured, g.result]),
      ),
    )
  }
  // Generating only: nothing was measured, and the latest report must stay the last real one.
  if (process.env.BENCH_GENERATE_ONLY) return
  const text = output.join('\n')
  log(text)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  fs.writeFileSync(path.join(OUT, `bench-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`)
  fs.writeFileSync(path.join(OUT, 'bench-latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  fs.writeFileSync(path.join(OUT, 'bench-latest.txt'), `${text}\n`)
  log(`\nwritten: bench-output/bench-${stamp}.json`)
}

await main()
