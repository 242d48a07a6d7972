// `npm run bench:import`: generates a WordPress export (100,000 posts by default, no media) and
// imports it into an empty SQLite database, printing stories per second and the peak resident
// memory, sampled through the run, so that "memory stays flat" is measured rather than assumed.
//   npm run bench:import -- [--posts 100000] [--batch-size N]   (or BENCH_POSTS=N)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { loadConfig } from '../src/config/config.ts'
import { createContext } from '../src/context.ts'
import { createDb } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { importWordPress } from '../src/importers/wordpress/import-wordpress.ts'
import { generateWxr } from './generate-wxr.ts'

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}
const posts = Number(argument('--posts') ?? process.env.BENCH_POSTS ?? 100_000)
const batchSize = argument('--batch-size') === undefined ? undefined : Number(argument('--batch-size'))
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-import-'))
const file = path.join(dir, 'export.xml')

try {
  await generateWxr(file, posts)
  const megabytes = fs.statSync(file).size / 1024 / 1024
  const config = {
    ...loadConfig({ DATABASE_URL: path.join(dir, 'bench.db'), MEDIA_DIR: path.join(dir, 'media') }, dir),
  }
  const db = createDb(config.database)
  await migrateToLatest(db.db, db.engine)
  const ctx = createContext({ config, db, log: pino({ level: 'silent' }) })
  let peak = process.memoryUsage().rss
  const samples: number[] = []
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss
    peak = Math.max(peak, rss)
    samples.push(rss)
  }, 200)
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const report = await importWordPress(ctx, { file, shouldReindex: false, batchSize })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  clearInterval(sampler)
  await db.close()
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
  const quarter = Math.floor(samples.length / 4)
  const early = samples.slice(quarter, quarter * 2)
  const late = samples.slice(quarter * 3)
  const average = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length)
  console.log(`WordPress import: ${posts} posts, ${megabytes.toFixed(0)} MB of WXR, SQLite, no media`)
  console.log(
    `  imported ${report.imported.stories} stories and ${report.imported.redirects} redirects in ${seconds.toFixed(1)} s`,
  )
  console.log(`  whole run (both passes): ${Math.round(posts / seconds)} posts/s`)
  console.log(`  story pass (map + write): ${Math.round(report.storiesPerSecond)} posts/s (goal ≥ 2,000)`)
  console.log(
    `  CPU time of this process ${cpuSeconds.toFixed(1)} s: ${Math.round(posts / cpuSeconds)} posts per CPU-second (less sensitive to a busy machine)`,
  )
  console.log(
    `  peak RSS ${mb(peak)}; RSS in the 2nd quarter ${mb(average(early))}, in the last quarter ${mb(average(late))}`,
  )
  console.log(
    `  load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs (timings are only comparable on a quiet machine)`,
  )
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
