// Translations and section names per language. A story and its translations share a
// translation_group_id (the id of the story the group began with; NULL for a story with no
// translation); the unique index on (translation_group_id, language) keeps one story per language
// in a group, on both engines (NULLs never collide). Sections keep their default-language name on
// the sections row and get one row per other language in section_translations. Immutable once
// merged; safe to run twice (the column is added only when missing, IF NOT EXISTS elsewhere).
import type { Kysely } from 'kysely'
import type { Engine } from '../dialect.ts'

async function hasColumn(db: Kysely<unknown>, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables()
  return tables.some((t) => t.name === table && t.columns.some((c) => c.name === column))
}

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  if (!(await hasColumn(db, 'articles', 'translation_group_id'))) {
    await db.schema.alterTable('articles').addColumn('translation_group_id', 'integer').execute()
  }
  await db.schema
    .createIndex('articles_translation_group_language')
    .ifNotExists()
    .unique()
    .on('articles')
    .columns(['translation_group_id', 'language'])
    .execute()
  await db.schema
    .createTable('section_translations')
    .ifNotExists()
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('section_translations_pk', ['section_id', 'language'])
    .execute()
}
