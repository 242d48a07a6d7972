// The few reads /metrics makes about the job queues: how much work waits.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

/** Scheduled stories whose time has come but which the scheduler has not yet published. */
export async function countDueScheduledStories(db: Kysely<Database>, now: string): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Webhook deliveries not yet delivered or given up: waiting, or being sent. */
export async function countPendingWebhookDeliveries(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
