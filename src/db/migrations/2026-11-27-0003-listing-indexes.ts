// Listing indexes for large archives (measured at 100,000 stories by `npm run bench`). Immutable once
// merged; every statement uses IF NOT EXISTS so it is safe to run twice.
//
// The article rows are wide (the body is stored inline), so any query that must read them to test
// status, language or date is slow however it is ordered. These indexes hold every column the
// listing filters and orders by, so counting a listing and finding a page's ids never reads a row.
import type { Kysely } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  // /latest/, the home page, month archives, and "Check Also" scanning newest first.
  await db.schema
    .createIndex('articles_listing')
    .ifNotExists()
    .on('articles')
    .columns(['status', 'language', 'published_at', 'section_id'])
    .execute()
  // A section's pages, and counting them.
  await db.schema
    .createIndex('articles_section_listing')
    .ifNotExists()
    .on('articles')
    .columns(['section_id', 'status', 'language', 'published_at'])
    .execute()
  // Tag and author pages reach stories by id (from article_tags / article_authors): this answers
  // "is it published, in this language, and when" without reading the row.
  await db.schema
    .createIndex('articles_visibility')
    .ifNotExists()
    .on('articles')
    .columns(['id', 'status', 'language', 'published_at'])
    .execute()
}
