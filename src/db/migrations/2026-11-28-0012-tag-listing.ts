// A tag's published stories, newest first, from one index. article_tags carries a copy of its
// story's language and, while the story is published, its publication time (NULL otherwise), so
// that a tag page, its count and the "Check Also" sources read a range of the index
// article_tags_listing instead of every member of the tag and then each member's story: at 100,000
// stories the most popular tag has 14,000 members. Triggers keep the copy in step with every
// writer (the services, the importers, the scheduler, hand-made SQL), on both engines; "published"
// keeps its one definition in articles.queries.ts (isPublished), which the copy mirrors:
// status = 'published', and published_at <= now is asked at read time.
// Immutable once merged; safe to run twice (columns added only when missing, IF NOT EXISTS or
// DROP … IF EXISTS elsewhere).
import { type Kysely, sql } from 'kysely'
import type { Engine } from '../dialect.ts'

async function hasColumn(db: Kysely<unknown>, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables()
  return tables.some((t) => t.name === table && t.columns.some((c) => c.name === column))
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (!(await hasColumn(db, 'article_tags', 'language')))
    await db.schema.alterTable('article_tags').addColumn('language', 'text').execute()
  if (!(await hasColumn(db, 'article_tags', 'published_at')))
    await db.schema.alterTable('article_tags').addColumn('published_at', 'text').execute()
  await sql`
    UPDATE article_tags SET
      language = (SELECT a.language FROM articles a WHERE a.id = article_tags.article_id),
      published_at = (
        SELECT CASE WHEN a.status = 'published' THEN a.published_at END
        FROM articles a WHERE a.id = article_tags.article_id
      )
  `.execute(db)
  await db.schema
    .createIndex('article_tags_listing')
    .ifNotExists()
    .on('article_tags')
    .columns(['tag_id', 'language', 'published_at', 'article_id'])
    .execute()
  if (engine === 'sqlite') {
    await sql`
      CREATE TRIGGER IF NOT EXISTS article_tags_listing_on_tagging AFTER INSERT ON article_tags
      BEGIN
        UPDATE article_tags SET
          language = (SELECT language FROM articles WHERE id = NEW.article_id),
          published_at = (
            SELECT CASE WHEN status = 'published' THEN published_at END FROM articles WHERE id = NEW.article_id
          )
        WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
      END
    `.execute(db)
    await sql`
      CREATE TRIGGER IF NOT EXISTS article_tags_listing_on_story
      AFTER UPDATE OF status, published_at, language ON articles
      BEGIN
        UPDATE article_tags SET
          language = NEW.language,
          published_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END
        WHERE article_id = NEW.id;
      END
    `.execute(db)
    return
  }
  await sql`
    CREATE OR REPLACE FUNCTION article_tags_listing_on_tagging() RETURNS trigger AS $$
    BEGIN
      SELECT a.language, CASE WHEN a.status = 'published' THEN a.published_at END
        INTO NEW.language, NEW.published_at
        FROM articles a WHERE a.id = NEW.article_id;
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
  `.execute(db)
  await sql`DROP TRIGGER IF EXISTS article_tags_listing_on_tagging ON article_tags`.execute(db)
  await sql`
    CREATE TRIGGER article_tags_listing_on_tagging BEFORE INSERT ON article_tags
    FOR EACH ROW EXECUTE FUNCTION article_tags_listing_on_tagging()
  `.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION article_tags_listing_on_story() RETURNS trigger AS $$
    BEGIN
      UPDATE article_tags SET
        language = NEW.language,
        published_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END
      WHERE article_id = NEW.id;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql
  `.execute(db)
  await sql`DROP TRIGGER IF EXISTS article_tags_listing_on_story ON articles`.execute(db)
  await sql`
    CREATE TRIGGER article_tags_listing_on_story
    AFTER UPDATE OF status, published_at, language ON articles
    FOR EACH ROW EXECUTE FUNCTION article_tags_listing_on_story()
  `.execute(db)
}
