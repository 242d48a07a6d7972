// The editorial workflow: a version number on every story (so a stale form is caught instead of
// silently overwriting someone's work), who created it (ownership for the capability table), and
// the revisions kept of published stories. Immutable once merged; safe to run twice: columns are
// added only when missing (SQLite has no ADD COLUMN IF NOT EXISTS), tables and indexes use IF NOT EXISTS.
import type { Kysely } from 'kysely'
import { type Engine, withIdColumn } from '../dialect.ts'

async function hasColumn(db: Kysely<unknown>, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables()
  return tables.some((t) => t.name === table && t.columns.some((c) => c.name === column))
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (!(await hasColumn(db, 'articles', 'revision'))) {
    await db.schema
      .alterTable('articles')
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .execute()
  }
  if (!(await hasColumn(db, 'articles', 'created_by'))) {
    await db.schema
      .alterTable('articles')
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .execute()
  }

  // A snapshot of the story's words after a save of a published story (and at publication).
  await withIdColumn(engine, db.schema.createTable('article_revisions').ifNotExists())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('dek', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text')
    .addColumn('dateline', 'text', (c) => c.notNull())
    .addColumn('correction_note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** Why it was kept: "saved", "published", "restored from revision 3"… */
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('article_revisions_article')
    .ifNotExists()
    .on('article_revisions')
    .columns(['article_id', 'revision'])
    .execute()
  // The scheduler's question, "which scheduled stories are due?", is answered by the existing
  // articles_status_published index (status, published_at).
}
