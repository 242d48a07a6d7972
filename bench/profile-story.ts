// Profiles the uncached story page: starts bench-server with --cpu-prof and the cache off, asks for
// 1,000 different stories one at a time for BENCH_PROFILE_MS, and leaves a .cpuprofile in
// bench-output/profiles/ for bench/profile-summary.ts. Usage: BENCH_DATABASE_URL=… node --import tsx bench/profile-story.ts [path…]
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDb } from '../src/db/create-db.ts'
import { measureLatency, startChild } from './bench-tools.ts'

const OUT = path.resolve(fileURLToPath(new URL('../bench-output/profiles/', import.meta.url)))
fs.mkdirSync(OUT, { recursive: true })
const database = process.env.BENCH_DATABASE_URL ?? ''
let paths = process.argv.slice(2)
if (paths.length === 0) {
  const handle = createDb({ engine: 'sqlite', filename: database })
  const rows = await handle.db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'sections.slug as section'])
    .orderBy('articles.id', 'desc')
    .limit(1000)
    .execute()
  await handle.close()
  paths = rows.map((r) => `/${r.section}/${r.slug}`)
}
const server = await startChild(
  './bench-server.ts',
  {
    BENCH_DATABASE_URL: database,
    BENCH_CACHE: process.env.BENCH_CACHE ?? 'off',
    BENCH_MEDIA_DIR: path.join(OUT, 'media'),
  },
  ['--cpu-prof', `--cpu-prof-dir=${OUT}`],
)
await measureLatency(server.port, paths, 1_000)
const latency = await measureLatency(server.port, paths, Number(process.env.BENCH_PROFILE_MS ?? 8_000))
await server.stop()
process.stdout.write(`${JSON.stringify(latency)}\nprofiles in ${OUT}\n`)
