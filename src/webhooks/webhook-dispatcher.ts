// Sends queued webhook deliveries. Each run claims the due deliveries one by one with a
// conditional UPDATE (only a row still pending — or whose claim has lapsed — changes), so two
// instances never send the same delivery; a failure is retried with exponential backoff up to
// MAX_ATTEMPTS. Everything lives in webhook_deliveries: a restart loses nothing.
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../context.ts'
import type { Database } from '../db/tables.ts'
import { UnreadableSecretError } from '../lib/secret-box.ts'
import { SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from './webhook-signature.ts'
import { resolvedTargetProblem } from './webhook-url.ts'

export const MAX_ATTEMPTS = 8
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 6 * 60 * 60 * 1000
const DEFAULT_TIMEOUT_MS = 5_000
const DEFAULT_BATCH = 20

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min… capped at six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS)
}

export interface DispatchReport {
  delivered: number
  retried: number
  failed: number
}

export interface WebhookDispatcher {
  /** Claims and sends every delivery due at `now` (default: the clock's now). */
  runDue(now?: Date): Promise<DispatchReport>
  /** Polls every `intervalMs` and right after each content event; idempotent. */
  start(): void
  stop(): Promise<void>
}

export interface DispatcherOptions {
  fetch?: typeof fetch
  timeoutMs?: number
  intervalMs?: number
  batchSize?: number
}

function dueCondition(now: string) {
  return sql<boolean>`((status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and claimed_until < ${now}))`
}

async function claim(db: Kysely<Database>, now: Date, leaseMs: number, batch: number): Promise<number[]> {
  const nowText = now.toISOString()
  const candidates = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where(dueCondition(nowText))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(batch)
    .execute()
  const claimed: number[] = []
  for (const { id } of candidates) {
    // The same condition again: another instance that claimed the row first has changed it.
    const result = await db
      .updateTable('webhook_deliveries')
      .set({
        status: 'sending',
        claimed_until: new Date(now.getTime() + leaseMs).toISOString(),
        attempts: sql<number>`attempts + 1`,
        updated_at: nowText,
      })
      .where('id', '=', id)
      .where(dueCondition(nowText))
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 1) claimed.push(id)
  }
  return claimed
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'No answer within the time limit'
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return (cause?.code ?? cause?.message ?? error.message).slice(0, 300)
  }
  return 'Unknown error'
}

export function createWebhookDispatcher(ctx: AppContext, options: DispatcherOptions = {}): WebhookDispatcher {
  const send = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const batch = options.batchSize ?? DEFAULT_BATCH
  let timer: NodeJS.Timeout | undefined
  let stopListening: (() => void) | undefined
  let running: Promise<unknown> | undefined
  let isStopped = true

  async function deliver(id: number, now: Date): Promise<'delivered' | 'retried' | 'failed'> {
    const row = await ctx.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
      .select([
        'webhook_deliveries.payload',
        'webhook_deliveries.event_type',
        'webhook_deliveries.attempts',
        'webhooks.url',
        'webhooks.secret',
        'webhooks.is_enabled',
      ])
      .where('webhook_deliveries.id', '=', id)
      .executeTakeFirst()
    if (!row) return 'failed'
    let statusCode: number | null = null
    let error: string | null = null
    if (row.is_enabled !== 1) {
      error = 'The webhook is disabled'
    } else {
      error = (await resolvedTargetProblem(row.url, ctx.config.allowPrivateWebhookTargets)) ?? null
      let secret: string | undefined
      try {
        secret = ctx.secrets.open(row.secret, 'webhook')
      } catch (openError) {
        if (!(openError instanceof UnreadableSecretError)) throw openError
        error ??= 'The signing secret was sealed with another key: set the same SECRETS_KEY on every instance'
      }
      if (error === null && secret !== undefined) {
        const timestamp = Math.floor(Date.now() / 1000)
        try {
          const response = await send(row.url, {
            method: 'POST',
            body: row.payload,
            // A redirect could lead anywhere, the server's own network included: never followed.
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Dateline-Webhooks/1',
              'x-dateline-event': row.event_type,
              'x-dateline-delivery': String(id),
              [TIMESTAMP_HEADER]: String(timestamp),
              [SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, row.payload),
            },
          })
          statusCode = response.status
          await response.body?.cancel().catch(() => undefined)
          if (response.status < 200 || response.status >= 300)
            error = `The receiver answered HTTP ${response.status}`
        } catch (sendError) {
          error = describeError(sendError)
        }
      }
    }
    const done = ctx.clock.now()
    const at = (now > done ? now : done).toISOString()
    if (error === null) {
      await ctx.db
        .updateTable('webhook_deliveries')
        .set({
          status: 'delivered',
          claimed_until: null,
          last_status_code: statusCode,
          last_error: null,
          updated_at: at,
          delivered_at: at,
        })
        .where('id', '=', id)
        .execute()
      return 'delivered'
    }
    const isFinal = row.attempts >= MAX_ATTEMPTS || row.is_enabled !== 1
    await ctx.db
      .updateTable('webhook_deliveries')
      .set({
        status: isFinal ? 'failed' : 'pending',
        claimed_until: null,
        last_status_code: statusCode,
        last_error: error,
        updated_at: at,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString(),
      })
      .where('id', '=', id)
      .execute()
    return isFinal ? 'failed' : 'retried'
  }

  async function runDue(now: Date = ctx.clock.now()): Promise<DispatchReport> {
    const report: DispatchReport = { delivered: 0, retried: 0, failed: 0 }
    // The lease outlasts a request's time limit, so a live sender never loses its claim.
    const ids = await claim(ctx.db, now, timeoutMs + 60_000, batch)
    const outcomes = await Promise.all(ids.map((id) => deliver(id, now)))
    for (const outcome of outcomes) report[outcome] += 1
    return report
  }

  function tick(): void {
    if (isStopped || running) return
    running = runDue()
      .catch((error: unknown) => ctx.log.error({ err: error }, 'webhook dispatch failed'))
      .finally(() => {
        running = undefined
      })
  }

  return {
    runDue,
    start() {
      if (!isStopped) return
      isStopped = false
      timer = setInterval(tick, options.intervalMs ?? 2_000)
      timer.unref()
      // New deliveries go out at once rather than at the next poll; the listener runs after the
      // one that inserted them (listeners run in order of registration).
      stopListening = ctx.events.on(() => {
        setImmediate(tick)
      })
    },
    async stop() {
      isStopped = true
      if (timer) clearInterval(timer)
      stopListening?.()
      await running
    },
  }
}
