// Invitations: a one-time link, printed by `dateline user invite`, where a new member of staff
// chooses their name and password. Kept apart from password_resets so that an invitation can live
// longer than a reset link and the users page can tell "invited" from "active". Immutable once
// merged; safe to run twice (IF NOT EXISTS everywhere).
import type { Kysely } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('user_invites')
    .ifNotExists()
    // SHA-256 (hex) of the token in the link; the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('user_invites_user')
    .ifNotExists()
    .on('user_invites')
    .column('user_id')
    .execute()
}
