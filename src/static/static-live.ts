// Static publishing while the site runs (STATIC_DIR): the same content events and surrogate keys
// that purge the page cache rewrite or delete exactly the files they reach. One worker does all
// the writing, so two events never race on a file. A change is turned into paths at once; the
// story's own pages and the front pages go to an urgent queue that is always served first, the
// rest (listing pages, feeds, sitemaps) to a second queue, worked through a few pages at a time so
// that the next story never waits behind a long rewrite. A path waiting in a queue is rendered
// once, after every change that queued it: its render reads the database as it is then. Readers
// are never waited on: the listener only queues, and every file is replaced atomically. At start
// one full pass brings the folder up to date (rewriting only what changed while the site was down).
import type { FastifyInstance } from 'fastify'
import { surrogateKeysForArticle } from '../cache/content-invalidation.ts'
import { articleKey, HOME_KEY } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { allSeedPaths, seedPathsForKeys, urgentSeedPathsForKeys } from './static-inventory.ts'
import {
  createStaticPublisher,
  type PublishReport,
  type StaticPublisher,
  summarizeReport,
} from './static-publisher.ts'
import { appRenderer } from './static-renderer.ts'

/** Pages per run of the worker: small enough that an urgent change is never far behind. */
const BATCH_SIZE = 8
/** The manifest is saved when the queues empty, and at least this often during a long pass. */
const MANIFEST_EVERY_MS = 10_000

export interface LiveStaticPublishing {
  publisher: StaticPublisher
  /** Resolves when every queued change has been written (tests, shutdown). */
  idle(): Promise<void>
  /** The last finished pass, for the admin and the logs. */
  lastReport(): (PublishReport & { finishedAt: string }) | undefined
  stop(): void
}

// Per app, never module state shared between apps: tests run several in one process.
const liveByApp = new WeakMap<FastifyInstance, LiveStaticPublishing>()

/** The live publishing of an app built with STATIC_DIR set, if any. */
export function liveStaticPublishing(app: FastifyInstance): LiveStaticPublishing | undefined {
  return liveByApp.get(app)
}

function emptyReport(): PublishReport {
  return {
    rendered: 0,
    written: 0,
    unchanged: 0,
    removed: 0,
    absent: 0,
    refused: [],
    failed: [],
    ms: 0,
    paths: [],
  }
}

function addReport(total: PublishReport, part: PublishReport): void {
  total.rendered += part.rendered
  total.written += part.written
  total.unchanged += part.unchanged
  total.removed += part.removed
  total.absent += part.absent
  total.refused.push(...part.refused)
  total.failed.push(...part.failed)
  total.ms += part.ms
}

/** Takes up to n paths from the front of an ordered set. */
function take(queue: Set<string>, n: number): string[] {
  const taken: string[] = []
  for (const path of queue) {
    if (taken.length === n) break
    taken.push(path)
    queue.delete(path)
  }
  return taken
}

export function publishStaticOnEvents(
  app: FastifyInstance,
  ctx: AppContext,
  folder: string,
): LiveStaticPublishing {
  const publisher = createStaticPublisher({ folder, render: appRenderer(app, ctx.config.siteUrl) })
  const pendingKeys = new Set<string>()
  let isFullPending = false
  const urgent = new Set<string>()
  const rest = new Set<string>()
  let running: Promise<void> | undefined
  let last: (PublishReport & { finishedAt: string }) | undefined
  let isStopped = false

  /** Keys whose urgent pages are queued and whose other pages are still to be worked out. */
  const laterKeys = new Set<string>()

  /**
   * Turns waiting changes into paths: a change's urgent pages at once, its other pages only once
   * no urgent page waits (working them out takes queries the first pages should not wait for).
   */
  const plan = async (): Promise<void> => {
    if (isFullPending) {
      isFullPending = false
      for (const path of [...(await allSeedPaths(ctx)), ...(await publisher.knownPaths())]) rest.add(path)
    }
    if (pendingKeys.size > 0) {
      const keys = [...pendingKeys]
      pendingKeys.clear()
      const urgentKeys = keys.filter((key) => key === HOME_KEY || key.startsWith('article:'))
      for (const path of await urgentSeedPathsForKeys(ctx, keys)) urgent.add(path)
      for (const path of await publisher.pathsForKeys(urgentKeys)) urgent.add(path)
      for (const key of keys) laterKeys.add(key)
    }
    if (urgent.size === 0 && laterKeys.size > 0) {
      const keys = [...laterKeys]
      laterKeys.clear()
      for (const path of [...(await seedPathsForKeys(ctx, keys)), ...(await publisher.pathsForKeys(keys))])
        rest.add(path)
    }
  }

  const drain = async (): Promise<void> => {
    const total = emptyReport()
    let savedAt = performance.now()
    while (!isStopped) {
      try {
        await plan()
        const batch = urgent.size > 0 ? take(urgent, BATCH_SIZE) : take(rest, BATCH_SIZE)
        if (batch.length === 0) break
        addReport(total, await publisher.publishPaths(batch, { isManifestDeferred: true }))
        if (performance.now() - savedAt > MANIFEST_EVERY_MS) {
          await publisher.saveManifest()
          savedAt = performance.now()
        }
      } catch (error) {
        // The folder could not be written at all (permissions, a missing disk): say so and stop
        // this pass; the next change tries again, and readers still get every page from Dateline.
        ctx.log.error({ err: error, folder: publisher.folder }, 'static publishing failed')
        urgent.clear()
        rest.clear()
        laterKeys.clear()
        break
      }
    }
    try {
      await publisher.saveManifest()
    } catch (error) {
      ctx.log.error({ err: error, folder: publisher.folder }, 'static publishing: the manifest was not saved')
    }
    last = { ...total, finishedAt: ctx.clock.now().toISOString() }
    ctx.log.info({ static: summarizeReport(total) }, 'static pages published')
    for (const failure of total.failed.slice(0, 20))
      ctx.log.error({ path: failure.path, reason: failure.reason }, 'static page not published')
    if (total.refused.length > 0)
      ctx.log.warn({ paths: total.refused.slice(0, 20) }, 'static pages refused: unsafe paths')
  }

  const hasWork = (): boolean =>
    isFullPending || pendingKeys.size > 0 || laterKeys.size > 0 || urgent.size > 0 || rest.size > 0

  const schedule = (): void => {
    if (running || isStopped) return
    running = drain().finally(() => {
      running = undefined
      if (hasWork()) schedule()
    })
  }

  const stopContent = ctx.events.on(async (event) => {
    const keys = await surrogateKeysForArticle(ctx, event.articleId)
    // A story deleted outright: where it was listed is unknown, so every page is checked.
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
  // The first full pass starts once the app can answer requests.
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
