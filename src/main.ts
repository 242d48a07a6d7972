// Process entry for `dateline serve`: config → db → migrations → demo seed → app → listen → signals.
// Only this file and the CLI read process.env and open sockets.
import fs from 'node:fs'
import pino, { type Logger } from 'pino'
import { buildApp } from './app.ts'
import { createScheduler } from './articles/scheduler.ts'
import type { Config } from './config/config.ts'
import { type AppContext, createContext } from './context.ts'
import { createDb } from './db/create-db.ts'
import { migrateToLatest } from './db/migrate.ts'
import { sealStoredSecrets } from './ops/seal-stored-secrets.ts'
import { reindexSearch, storiesAwaitingFirstIndex } from './search/search.service.ts'
import { createWebhookDispatcher } from './webhooks/webhook-dispatcher.ts'

/** Headers and fields that name a reader's address; cut from logs unless LOG_READER_IPS=on. */
const READER_ADDRESS_PATHS = [
  'req.remoteAddress',
  'req.remotePort',
  'req.headers["x-forwarded-for"]',
  'req.headers["x-real-ip"]',
  'req.headers.forwarded',
]

export function createLogger(config: Config, destination?: pino.DestinationStream): Logger {
  // Never log secrets; readers' addresses only when the operator has chosen to (LOG_READER_IPS).
  // The admin logs through children of this logger, so the same rule covers it.
  const paths = ['req.headers.cookie', 'req.headers.authorization']
  if (!config.isReaderIpLogged) paths.push(...READER_ADDRESS_PATHS)
  const options = { level: config.logLevel, redact: { paths, remove: true } }
  return destination ? pino(options, destination) : pino(options)
}

/** Milliseconds spent in each start-up step, logged with 'started' (docs/performance.md). */
function createPhaseClock(from: number): { mark(name: string): void; ms: Record<string, number> } {
  const ms: Record<string, number> = {}
  let last = from
  return {
    mark(name) {
      const now = performance.now()
      ms[name] = Math.round(now - last)
      last = now
    },
    ms,
  }
}

/** Up to this many stories, a first search index is built before the server listens. */
const FOREGROUND_INDEX_LIMIT = 5_000

export interface RunningServer {
  url: string
  /** The instance's context (tests drive the services of a running instance through it). */
  ctx: AppContext
  close(): Promise<void>
}

export async function startServer(
  config: Config,
  log: Logger = createLogger(config),
): Promise<RunningServer> {
  // performance.now() counts from the process's start: what it reads here is Node's own start-up
  // plus loading the modules (the compiled bundle, or the sources through tsx).
  const startedAt = performance.now()
  const phases = createPhaseClock(startedAt)
  fs.mkdirSync(config.mediaDir, { recursive: true })
  const db = createDb(config.database, (error) => log.warn({ err: error }, 'idle database connection closed'))
  phases.mark('database')
  await migrateToLatest(db.db, db.engine)
  phases.mark('migrations')
  const ctx = createContext({ config, db, log })
  const sealed = await sealStoredSecrets(ctx)
  if (sealed.totp + sealed.webhooks > 0) log.info(sealed, 'secrets stored in clear were sealed')
  if (config.database.engine === 'postgres' && !config.secretsKey)
    log.warn(
      `SECRETS_KEY is not set: stored secrets are sealed with ${config.secretsKeyFile}; every instance of this site needs the same key (docs/deploy.md)`,
    )
  if (config.isDemoContentEnabled) {
    // Loaded only when enabled: the demo's texts and drawings are a large part of the code.
    const { seedDemoIfEmpty } = await import('./demo/seed.ts')
    const seeded = await seedDemoIfEmpty(ctx)
    if (seeded) {
      // Printed once, on the first start only: the password is not stored anywhere in clear.
      process.stdout.write(
        [
          '',
          '  A demo newsroom was created.',
          `  Admin login:    ${seeded.adminEmail}`,
          `  Admin password: ${seeded.adminPassword}`,
          '  (shown only this once — keep it somewhere safe)',
          '',
          '',
        ].join('\n'),
      )
    }
    phases.mark('demo')
  }
  // Stories written before the app listened for content events (the demo seed, an upgrade) are
  // indexed now: before listening when few, so that the demo is searchable at once; in the
  // background when many, so that a large site is not kept offline while it builds.
  const awaitingIndex = await storiesAwaitingFirstIndex(ctx)
  const buildIndex = () =>
    reindexSearch(ctx).then(
      (report) => log.info({ stories: report.indexed, ms: report.ms }, 'search index built'),
      (error: unknown) => log.error({ err: error }, 'building the search index failed'),
    )
  if (awaitingIndex > 0 && awaitingIndex <= FOREGROUND_INDEX_LIMIT) await buildIndex()
  phases.mark('search')
  const app = await buildApp(ctx)
  phases.mark('app')
  // Several instances on one PostgreSQL hear each other's content events (cache purges).
  // Loaded only there: a SQLite site never needs it.
  const bridge =
    config.database.engine === 'postgres'
      ? await (await import('./events/postgres-bridge.ts')).startPostgresEventBridge(ctx, {
          connectionString: config.database.connectionString,
        })
      : undefined
  await app.listen({ port: config.port, host: config.host })
  phases.mark('listen')
  // Scheduled stories publish themselves; the schedule is in the database, so a restart loses none.
  const scheduler = createScheduler(ctx)
  scheduler.start()
  // Webhook deliveries wait in the database; the dispatcher sends them (and retries) after listening.
  const webhooks = createWebhookDispatcher(ctx)
  webhooks.start()
  // SQLite: the thread that writes the search index, started now rather than by the first
  // publication (the background build below starts it anyway when the index is empty).
  ctx.searchWriter?.warmUp()
  if (awaitingIndex > FOREGROUND_INDEX_LIMIT) void buildIndex()
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  const cpu = process.cpuUsage()
  log.info(
    {
      ms: Math.round(performance.now() - startedAt),
      loadMs: Math.round(startedAt),
      phases: phases.ms,
      // CPU time of the whole process so far (every thread): steadier than wall time on a busy machine.
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    },
    'started',
  )
  process.stdout.write(
    `Dateline is serving ${config.siteName} at ${url}/ (public address ${config.siteUrl}/)\n`,
  )
  return {
    url,
    ctx,
    // Order matters: stop accepting and let requests in flight finish (their writes and events
    // still need the database and the bus), then stop the background loops, then close the
    // database last. app.close() also runs the onClose hooks: event listeners, the view counter's
    // last flush.
    close: async () => {
      // Connections the kernel accepted but whose request never started (a burst just before the
      // signal) would keep app.close() waiting until the client gives up: after a drain period
      // they are cut, so shutdown always ends well inside the supervisor's grace time.
      const cutStragglers = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_DRAIN_MS)
      try {
        await app.close()
      } finally {
        clearTimeout(cutStragglers)
      }
      scheduler.stop()
      await webhooks.stop()
      await bridge?.stop()
      await db.close()
    },
  }
}

/** How long requests in flight may take to finish once a shutdown has begun. */
const SHUTDOWN_DRAIN_MS = 10_000

/** How long a shutdown may take before the process gives up on finishing and exits anyway. */
const SHUTDOWN_GRACE_MS = 25_000

/**
 * Stops cleanly on SIGINT/SIGTERM: no new connections, in-flight requests finish, background loops
 * stop, the database is closed. A shutdown stuck past SHUTDOWN_GRACE_MS exits with 1 so a
 * supervisor (systemd's TimeoutStopSec) is not left waiting.
 */
export function closeOnSignals(server: RunningServer, log: Logger): void {
  let isClosing = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (isClosing) return
      isClosing = true
      log.info({ signal }, 'shutting down')
      setTimeout(() => {
        log.error({ ms: SHUTDOWN_GRACE_MS }, 'shutdown took too long: exiting')
        process.exit(1)
      }, SHUTDOWN_GRACE_MS).unref()
      server.close().then(
        () => {
          log.info('stopped')
          process.exit(0)
        },
        (error: unknown) => {
          log.error({ err: error }, 'error while shutting down')
          process.exit(1)
        },
      )
    })
  }
}
