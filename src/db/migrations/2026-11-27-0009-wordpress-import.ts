// The WordPress importer's memory of what it has imported (so a second run, or a run after a
// crash, adds nothing twice) and the SEO title and description that WordPress SEO plugins keep
// per post (Yoast, Rank Math…), which stories had no place for. The SEO text is a table of its
// own rather than two more columns on articles, so that no query or row type over articles
// changes. Immutable once merged; safe to run twice (IF NOT EXISTS everywhere).
import type { Kysely } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('article_seo')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    // For search engines and social cards when it should differ from the headline ('' = headline).
    .addColumn('title', 'text', (c) => c.notNull())
    // The meta description ('' = the excerpt).
    .addColumn('description', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('wp_import_map')
    .ifNotExists()
    // The site the export came from (its base blog URL): two WordPress sites number posts alike.
    .addColumn('source', 'text', (c) => c.notNull())
    // "post" (posts and pages), "attachment", "category", "tag", "author", "coauthor".
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('wp_id', 'text', (c) => c.notNull())
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wp_import_map_pk', ['source', 'kind', 'wp_id'])
    .execute()
  await db.schema
    .createIndex('wp_import_map_guid')
    .ifNotExists()
    .on('wp_import_map')
    .columns(['source', 'kind', 'guid'])
    .execute()
}
