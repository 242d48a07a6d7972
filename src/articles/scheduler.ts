// Publishes scheduled stories when their time comes. The schedule lives in the database (status
// 'scheduled', published_at in the future), so it survives restarts: a story whose time passed
// while the process was down is published at the next run. Due stories are claimed with one
// conditional UPDATE (claimDueStories), so two instances never publish a story twice.
import { recordAudit } from '../audit/audit.service.ts'
import { type AppContext, systemActor } from '../context.ts'
import { claimDueStories, findStoryById, insertRevision } from './editorial.queries.ts'

export interface Scheduler {
  /** Publishes every story due at `now`; returns their ids. Tests call it with their own clock. */
  runDue(now: Date): Promise<number[]>
  start(): void
  stop(): void
}

const DEFAULT_INTERVAL_MS = 30_000

export function createScheduler(ctx: AppContext, options: { intervalMs?: number } = {}): Scheduler {
  const actor = systemActor('scheduler')
  let timer: NodeJS.Timeout | undefined
  let isRunning = false

  async function runDue(now: Date): Promise<number[]> {
    const at = now.toISOString()
    const ids = await claimDueStories(ctx.db, at)
    for (const id of ids) {
      // The claim is committed: from here on the story is published whatever happens, so each
      // follow-up is attempted on its own and a failure is logged rather than undoing anything.
      try {
        const row = await findStoryById(ctx.db, id)
        if (row) await insertRevision(ctx.db, row, { reason: 'published (scheduled)', userId: null, at })
        await recordAudit(
          ctx,
          actor,
          'story.published',
          { type: 'story', id },
          { from: 'scheduled', to: 'published' },
        )
      } catch (error) {
        ctx.log.error({ err: error, articleId: id }, 'scheduler: bookkeeping after publication failed')
      }
      await ctx.events.emit({ type: 'article.published', articleId: id, at })
    }
    if (ids.length > 0) ctx.log.info({ ids }, 'scheduler published stories')
    return ids
  }

  async function tick(): Promise<void> {
    // A slow run is never overlapped by the next one.
    if (isRunning) return
    isRunning = true
    try {
      await runDue(ctx.clock.now())
    } catch (error) {
      ctx.log.error({ err: error }, 'scheduler run failed')
    } finally {
      isRunning = false
    }
  }

  return {
    runDue,
    start() {
      if (timer) return
      void tick()
      timer = setInterval(() => void tick(), options.intervalMs ?? DEFAULT_INTERVAL_MS)
      // The scheduler alone must not keep the process alive.
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = undefined
    },
  }
}
