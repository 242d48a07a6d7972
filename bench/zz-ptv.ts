import { benchServerScript, startChild } from './bench-tools.ts'

const server = await startChild(await benchServerScript(), {
  BENCH_DATABASE_URL: process.argv[2] ?? '',
  BENCH_CACHE: 'on',
  BENCH_MEDIA_DIR: '/tmp/bm',
})
for (let i = 0; i < 3; i++) {
  console.log(JSON.stringify(await server.ask({ type: 'publish-to-visible', runs: 2 }, 'publish-to-visible')))
  await new Promise((r) => setTimeout(r, 12_000))
}
await server.stop()
