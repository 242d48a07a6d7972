// Each member of staff chooses the admin's interface language on their account page. NULL means
// "the site's default language", so a newsroom that changes its default carries everyone who never
// chose along. Only the interface: stories keep their own language. Immutable once merged; safe to
// run twice (SQLite has no ADD COLUMN IF NOT EXISTS, so the column is added only when missing).
import type { Kysely } from 'kysely'
import type { Engine } from '../dialect.ts'

async function hasColumn(db: Kysely<unknown>, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables()
  return tables.some((t) => t.name === table && t.columns.some((c) => c.name === column))
}

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  if (!(await hasColumn(db, 'users', 'ui_language'))) {
    await db.schema.alterTable('users').addColumn('ui_language', 'text').execute()
  }
}
