// Search and most-read. Immutable once merged. The one engine-specific DDL in the migrations: the
// full-text index is an FTS5 virtual table on SQLite and a weighted tsvector with a GIN index on
// PostgreSQL (src/search/). article_views holds nothing about readers: a story, a day, a count.
import { type Kysely, sql } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('article_views')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // The calendar day in the site's time zone, "2026-11-27".
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'day'])
    .execute()
  // "Most read over the last 7 days" reads a range of days.
  await db.schema
    .createIndex('article_views_day')
    .ifNotExists()
    .on('article_views')
    .columns(['day', 'article_id'])
    .execute()

  if (engine === 'sqlite') {
    // rowid is the article's id. status is stored for the staff search, not indexed as words.
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
      headline, dek, body, tags, authors, status UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db)
    return
  }
  await db.schema
    .createTable('search_documents')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('dek', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .execute()
  await sql`CREATE INDEX IF NOT EXISTS search_documents_document ON search_documents USING gin (document)`.execute(
    db,
  )
}
