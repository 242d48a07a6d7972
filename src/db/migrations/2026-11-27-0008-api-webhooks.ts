// The content API's keys and the webhooks: admins create keys that read drafts, and register
// addresses that receive signed POSTs on content events. Deliveries live in the database so that
// a retry survives a restart. Immutable once merged; safe to run twice (IF NOT EXISTS everywhere).
import type { Kysely } from 'kysely'
import { type Engine, withIdColumn } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await withIdColumn(engine, db.schema.createTable('api_keys').ifNotExists())
    .addColumn('name', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the key; the key itself is shown once and never stored.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // The key's first characters, so staff can tell keys apart; useless to authenticate with.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()

  await withIdColumn(engine, db.schema.createTable('webhooks').ifNotExists())
    .addColumn('url', 'text', (c) => c.notNull())
    // Comma-separated event types, e.g. "article.published,article.updated".
    .addColumn('events', 'text', (c) => c.notNull())
    // Kept in clear: signing needs it (an HMAC key cannot be hashed). Shown to the admin once.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await withIdColumn(engine, db.schema.createTable('webhook_deliveries').ifNotExists())
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    // The exact JSON body, fixed at enqueue time so every attempt sends the same bytes.
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending → sending (claimed) → delivered | pending (retry) | failed (attempts exhausted)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // A claim's lease: a sender that died mid-delivery lets the delivery be claimed again after it.
    .addColumn('claimed_until', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_due')
    .ifNotExists()
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_webhook')
    .ifNotExists()
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .execute()
}
