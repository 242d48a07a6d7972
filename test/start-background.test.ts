// Regression: on a large site whose search index is empty (an upgrade, content written straight
// into the tables), `dateline serve` builds the index after listening, "so that a large site is
// not kept offline while it builds". On SQLite every call is synchronous, and the build was one
// chain of promises with no turn of the event loop in it: no request was answered until the whole
// index was built. The first page must come before the build ends.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { generateSite } from '../bench/generate-site.ts'
import { loadConfig } from '../src/config/config.ts'
import { createDb } from '../src/db/create-db.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createLogger, startServer } from '../src/main.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-background-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

it('answers the first page while the search index of a large site is still being built', async () => {
  const file = path.join(dir, 'large.db')
  const handle = createDb({ engine: 'sqlite', filename: file })
  await migrateToLatest(handle.db, handle.engine)
  // More stories than main.ts indexes before listening (5,000), so the build runs in the background.
  const spec = { stories: 6_000, storiesWithImages: 0, sections: 5, tags: 50, authors: 5 }
  await generateSite(handle.db, 'sqlite', spec, new Date())
  await handle.close()

  const events: string[] = []
  const config = loadConfig({
    DATABASE_URL: file,
    MEDIA_DIR: path.join(dir, 'media'),
    DEMO_CONTENT: 'off',
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
  })
  const log = createLogger(config, {
    write(line: string) {
      const { msg } = JSON.parse(line) as { msg: string }
      if (msg === 'search index built' || msg === 'building the search index failed') events.push(msg)
    },
  })
  const server = await startServer(config, log)
  try {
    const home = await fetch(`${server.url}/`)
    events.push(`first page ${home.status}`)
    const deadline = Date.now() + 60_000
    while (events.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(events).toEqual(['first page 200', 'search index built'])
  } finally {
    await server.close()
  }
}, 90_000)
