// Starts the real app on a loopback port against a fresh database, for tests that speak HTTP.
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { type AppOptions, buildApp } from '../../src/app.ts'
import { type Config, loadConfig } from '../../src/config/config.ts'
import { type AppContext, createContext } from '../../src/context.ts'
import { createDb } from '../../src/db/create-db.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import type { Clock } from '../../src/lib/clock.ts'
import { createTestDatabase, type TestEngine } from './databases.ts'

/** Tests run at a fixed "now" so that what is published, and when, never depends on the day. */
export const TEST_NOW = new Date('2026-11-27T08:00:00.000Z')

export interface TestApp {
  baseUrl: string
  ctx: AppContext
  app: FastifyInstance
  get(path: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

export async function startTestApp(
  engine: TestEngine,
  options: {
    env?: Record<string, string>
    clock?: Clock
    appOptions?: AppOptions
    /** Receives every log line at trace level (to prove that no secret is ever logged). */
    logStream?: { write(line: string): void }
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine)
  const config: Config = {
    ...loadConfig(
      { MEDIA_DIR: `${database.dir}/media`, SITE_URL: 'https://news.example', ...options.env },
      database.dir,
    ),
    database: database.config,
  }
  const db = createDb(config.database)
  await migrateToLatest(db.db, db.engine)
  const log = options.logStream
    ? pino({ level: 'trace' }, options.logStream)
    : pino({ level: process.env.DATELINE_TEST_LOG_LEVEL ?? 'silent' })
  const clock = options.clock ?? { now: () => TEST_NOW }
  const ctx = createContext({ config, db, log, clock })
  const app = await buildApp(ctx, options.appOptions)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('no address')
  const baseUrl = `http://127.0.0.1:${address.port}`
  return {
    baseUrl,
    ctx,
    app,
    get: (path, init) => fetch(baseUrl + path, { redirect: 'manual', ...init }),
    close: async () => {
      await app.close()
      await db.close()
      await database.drop()
    },
  }
}
