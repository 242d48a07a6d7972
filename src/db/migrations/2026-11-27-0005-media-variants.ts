// The media library: who uploaded each item (authors may edit and delete their own uploads) and
// the resized copies made at upload (several widths, each in AVIF, WebP and the original's format).
// Immutable once merged; safe to run twice (the column is added only when missing, tables and
// indexes use IF NOT EXISTS).
import type { Kysely } from 'kysely'
import { type Engine, withIdColumn } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // Neither engine offers ADD COLUMN IF NOT EXISTS in a form both accept, so look first.
  const tables = await db.introspection.getTables()
  const media = tables.find((t) => t.name === 'media')
  if (media && !media.columns.some((c) => c.name === 'uploaded_by')) {
    await db.schema
      .alterTable('media')
      .addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .execute()
  }

  await withIdColumn(engine, db.schema.createTable('media_variants').ifNotExists())
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('media_variants_media')
    .ifNotExists()
    .on('media_variants')
    .columns(['media_id', 'width'])
    .execute()
}
