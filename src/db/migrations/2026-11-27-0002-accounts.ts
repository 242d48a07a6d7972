// Accounts: server-side sessions, login throttling, two-factor login, password resets and the
// audit log. Immutable once merged. Every statement uses IF NOT EXISTS so it is safe to run twice,
// and the users table is left alone: what an account gains lives in tables of its own.
import type { Kysely } from 'kysely'
import { type Engine, withIdColumn } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // The primary key is the SHA-256 of the cookie's token: a leaked table holds no live sessions.
  await db.schema
    .createTable('sessions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('idle_expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute()

  // One row per throttled key ("account:<hash>" or "ip:<hash>"), shared by every app instance.
  await db.schema
    .createTable('login_throttles')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute()

  await db.schema
    .createTable('user_totp')
    .ifNotExists()
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_used_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await withIdColumn(engine, db.schema.createTable('recovery_codes').ifNotExists())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('recovery_codes_user')
    .ifNotExists()
    .on('recovery_codes')
    .column('user_id')
    .execute()

  await db.schema
    .createTable('password_resets')
    .ifNotExists()
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('password_resets_user')
    .ifNotExists()
    .on('password_resets')
    .column('user_id')
    .execute()

  // Kept when a user is removed (user_id is set to null), so the record of what happened survives.
  await withIdColumn(engine, db.schema.createTable('audit_log').ifNotExists())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('system_name', 'text')
    .addColumn('session_ref', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('audit_log_at').ifNotExists().on('audit_log').column('at').execute()
  await db.schema
    .createIndex('audit_log_user')
    .ifNotExists()
    .on('audit_log')
    .columns(['user_id', 'at'])
    .execute()
}
