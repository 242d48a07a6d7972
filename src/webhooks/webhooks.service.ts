// Webhooks: addresses that administrators register to receive signed POSTs when stories are
// published, updated, unpublished or deleted. A content event only inserts delivery rows here;
// sending is the dispatcher's job (webhook-dispatcher.ts), so a slow receiver never slows a write.
import { getArticleRecord } from '../articles/article-records.service.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan } from '../auth/capabilities.ts'
import { randomToken } from '../auth/tokens.ts'
import type { Actor, AppContext } from '../context.ts'
import type { WebhookDeliveryRow, WebhookRow } from '../db/tables.ts'
import { AppError, ValidationError } from '../errors.ts'
import type { ContentEvent, ContentEventType } from '../events/content-events.ts'
import { webhookUrlProblem } from './webhook-url.ts'

export const WEBHOOK_EVENTS: readonly ContentEventType[] = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
]
export const TEST_EVENT = 'webhook.test'

export interface WebhookView {
  id: number
  url: string
  events: ContentEventType[]
  isEnabled: boolean
  createdAt: string
  updatedAt: string
}

export interface DeliveryView {
  id: number
  eventType: string
  articleId: number | null
  status: WebhookDeliveryRow['status']
  attempts: number
  nextAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
}

function toView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events
      .split(',')
      .filter((e): e is ContentEventType => (WEBHOOK_EVENTS as string[]).includes(e)),
    isEnabled: row.is_enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toDeliveryView(row: WebhookDeliveryRow): DeliveryView {
  return {
    id: row.id,
    eventType: row.event_type,
    articleId: row.article_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  }
}

export async function listWebhooks(ctx: AppContext, actor: Actor): Promise<WebhookView[]> {
  assertCan(actor, 'webhooks.manage')
  return (await ctx.db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(toView)
}

async function findWebhook(ctx: AppContext, id: number): Promise<WebhookRow> {
  const row = await ctx.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('WEBHOOK_NOT_FOUND', 'There is no webhook with this number.', 404)
  return row
}

export async function getWebhook(ctx: AppContext, actor: Actor, id: number): Promise<WebhookView> {
  assertCan(actor, 'webhooks.manage')
  return toView(await findWebhook(ctx, id))
}

export const DELIVERY_LOG_SIZE = 50

export async function listDeliveries(
  ctx: AppContext,
  actor: Actor,
  webhookId: number,
): Promise<DeliveryView[]> {
  assertCan(actor, 'webhooks.manage')
  const rows = await ctx.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(DELIVERY_LOG_SIZE)
    .execute()
  return rows.map(toDeliveryView)
}

/** Registers a webhook and returns its signing secret: the only time it is shown. */
export async function createWebhook(
  ctx: AppContext,
  actor: Actor,
  input: { url: string; events: readonly string[] },
): Promise<{ webhook: WebhookView; secret: string }> {
  assertCan(actor, 'webhooks.manage')
  const url = input.url.trim()
  const events = WEBHOOK_EVENTS.filter((e) => input.events.includes(e))
  const problems: Record<string, string> = {}
  const urlProblem = webhookUrlProblem(url, ctx.config.allowPrivateWebhookTargets)
  if (urlProblem) problems.url = urlProblem
  if (events.length === 0) problems.events = 'Choose at least one event.'
  // An address we refuse to reach has its own code (docs/errors.md); other problems are a form's.
  if (urlProblem && events.length > 0) throw new AppError('WEBHOOK_URL_REFUSED', urlProblem, 422)
  if (Object.keys(problems).length > 0) throw new ValidationError(Object.values(problems), problems)
  const secret = `whsec_${randomToken(32)}`
  const now = ctx.clock.now().toISOString()
  const row = await ctx.db
    .insertInto('webhooks')
    .values({
      url,
      events: events.join(','),
      secret: ctx.secrets.seal(secret, 'webhook'),
      is_enabled: 1,
      created_by: actor.kind === 'user' ? actor.userId : null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(
    ctx,
    actor,
    'webhook.created',
    { type: 'webhook', id: row.id },
    { url, events: events.join(',') },
  )
  return { webhook: toView(row), secret }
}

export async function setWebhookEnabled(
  ctx: AppContext,
  actor: Actor,
  id: number,
  isEnabled: boolean,
): Promise<void> {
  assertCan(actor, 'webhooks.manage')
  const row = await findWebhook(ctx, id)
  await ctx.db
    .updateTable('webhooks')
    .set({ is_enabled: isEnabled ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
    .where('id', '=', id)
    .execute()
  await recordAudit(
    ctx,
    actor,
    isEnabled ? 'webhook.enabled' : 'webhook.disabled',
    { type: 'webhook', id },
    { url: row.url },
  )
}

export async function deleteWebhook(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'webhooks.manage')
  const row = await findWebhook(ctx, id)
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute()
    await trx.deleteFrom('webhooks').where('id', '=', id).execute()
  })
  await recordAudit(ctx, actor, 'webhook.deleted', { type: 'webhook', id }, { url: row.url })
}

async function enqueue(
  ctx: AppContext,
  webhookIds: readonly number[],
  eventType: string,
  articleId: number | null,
  payload: string,
): Promise<void> {
  if (webhookIds.length === 0) return
  const now = ctx.clock.now().toISOString()
  await ctx.db
    .insertInto('webhook_deliveries')
    .values(
      webhookIds.map((webhookId) => ({
        webhook_id: webhookId,
        event_type: eventType,
        article_id: articleId,
        payload,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        claimed_until: null,
        last_status_code: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        delivered_at: null,
      })),
    )
    .execute()
}

/** Queues a test delivery (event "webhook.test") for the dispatcher to send. */
export async function queueTestDelivery(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'webhooks.manage')
  const row = await findWebhook(ctx, id)
  const payload = JSON.stringify({
    event: TEST_EVENT,
    occurred_at: ctx.clock.now().toISOString(),
    article: null,
  })
  await enqueue(ctx, [row.id], TEST_EVENT, null, payload)
  await recordAudit(ctx, actor, 'webhook.test-queued', { type: 'webhook', id }, { url: row.url })
}

/** The JSON body of an event: what happened, when, and the story's public facts. */
async function eventPayload(ctx: AppContext, event: ContentEvent): Promise<string> {
  const record = await getArticleRecord(
    ctx,
    { kind: 'statuses', statuses: ['published', 'draft', 'review', 'scheduled', 'unpublished'] },
    { id: event.articleId },
    false,
  )
  return JSON.stringify({
    event: event.type,
    occurred_at: event.at,
    article: {
      id: event.articleId,
      url: record && record.url !== '' ? ctx.config.siteUrl + record.url : null,
      headline: record?.headline ?? null,
      status: record?.status ?? null,
      published_at: record?.publishedAt ?? null,
      updated_at: record?.updatedAt ?? null,
    },
  })
}

/**
 * Inserts one delivery per enabled webhook subscribed to the event, and nothing else: it runs in
 * the writer's request (after the commit), so it must stay one small insert.
 */
export async function enqueueForEvent(ctx: AppContext, event: ContentEvent): Promise<void> {
  const hooks = await ctx.db
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('is_enabled', '=', 1)
    .execute()
  const ids = hooks.filter((h) => h.events.split(',').includes(event.type)).map((h) => h.id)
  if (ids.length === 0) return
  await enqueue(ctx, ids, event.type, event.articleId, await eventPayload(ctx, event))
}

/** Subscribes to content events. Returns a function that stops listening. */
export function queueWebhooksOnContentEvents(ctx: AppContext): () => void {
  return ctx.events.on((event) => enqueueForEvent(ctx, event))
}
