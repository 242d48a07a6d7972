// Static publishing while the site runs (STATIC_DIR): the same content events and surrogate keys
// that purge the page cache rewrite or delete exactly the files they reach. Work is queued and
// done one run at a time, so two events never race on a file; events that arrive during a run are
// merged into the next one. Readers are never waited on: the event listener only queues, and
// every file is replaced atomically (atomic-files.ts). At start, one full run brings the folder
// up to date (it rewrites only what changed while the site was down).
import type { FastifyInstance } from 'fastify'
import { surrogateKeysForArticle } from '../cache/content-invalidation.ts'
import { articleKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { allSeedPaths, seedPathsForKeys } from './static-inventory.ts'
import {
  createStaticPublisher,
  type PublishReport,
  type StaticPublisher,
  summarizeReport,
} from './static-publisher.ts'
import { appRenderer } from './static-renderer.ts'

export interface LiveStaticPublishing {
  publisher: StaticPublisher
  /** Resolves when every queued change has been written (tests, shutdown). */
  idle(): Promise<void>
  /** The last run's report, for the admin. */
  lastReport(): (PublishReport & { finishedAt: string }) | undefined
  stop(): void
}

// Per app, never module state shared between apps: tests run several in one process.
const liveByApp = new WeakMap<FastifyInstance, LiveStaticPublishing>()

/** The live publishing of an app built with STATIC_DIR set, if any. */
export function liveStaticPublishing(app: FastifyInstance): LiveStaticPublishing | undefined {
  return liveByApp.get(app)
}

export function publishStaticOnEvents(
  app: FastifyInstance,
  ctx: AppContext,
  folder: string,
): LiveStaticPublishing {
  const publisher = createStaticPublisher({ folder, render: appRenderer(app, ctx.config.siteUrl) })
  let pendingKeys = new Set<string>()
  let isFullPending = false
  let running: Promise<void> | undefined
  let last: (PublishReport & { finishedAt: string }) | undefined
  let isStopped = false

  const runOnce = async (): Promise<void> => {
    const isFull = isFullPending
    const keys = [...pendingKeys]
    isFullPending = false
    pendingKeys = new Set()
    const report = isFull
      ? await publisher.publishAll(await allSeedPaths(ctx))
      : await publisher.publishKeys(await seedPathsForKeys(ctx, keys), keys)
    last = { ...report, finishedAt: ctx.clock.now().toISOString() }
    ctx.log.info({ static: summarizeReport(report), keys: isFull ? 'all' : keys }, 'static pages published')
    for (const failure of report.failed.slice(0, 20))
      ctx.log.error({ path: failure.path, reason: failure.reason }, 'static page not published')
    if (report.refused.length > 0)
      ctx.log.warn({ paths: report.refused.slice(0, 20) }, 'static pages refused: unsafe paths')
  }

  const drain = async (): Promise<void> => {
    while (!isStopped && (isFullPending || pendingKeys.size > 0)) {
      try {
        await runOnce()
      } catch (error) {
        // The folder could not be written at all (permissions, a missing disk): say so and go on;
        // the next event tries again, and readers still get every page from Dateline.
        ctx.log.error({ err: error, folder: publisher.folder }, 'static publishing failed')
      }
    }
  }

  const schedule = (): void => {
    if (running) return
    running = drain().finally(() => {
      running = undefined
      if (!isStopped && (isFullPending || pendingKeys.size > 0)) schedule()
    })
  }

  const stopContent = ctx.events.on(async (event) => {
    const keys = await surrogateKeysForArticle(ctx, event.articleId)
    if (keys === undefined) isFullPending = true
    else for (const key of [...keys, articleKey(event.articleId)]) pendingKeys.add(key)
    schedule()
  })
  const stopSite = ctx.events.onSiteChange(() => {
    isFullPending = true
    schedule()
  })

  const live: LiveStaticPublishing = {
    publisher,
    async idle() {
      while (running) await running
    },
    lastReport: () => last,
    stop() {
      isStopped = true
      stopContent()
      stopSite()
    },
  }
  liveByApp.set(app, live)
  // The first full run starts once the app can answer requests.
  app.addHook('onReady', async () => {
    isFullPending = true
    schedule()
  })
  app.addHook('onClose', async () => {
    live.stop()
    await live.idle()
  })
  return live
}
