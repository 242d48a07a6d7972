// The content API's topic lists: tags and bylines that readers can reach, i.e. with at least one
// published story ("published" is isPublished from articles.queries.ts, never restated here). A
// tag or byline used only by drafts stays unknown to the API, as it does to the site.
import type { Kysely } from 'kysely'
import { isPublished } from '../articles/articles.queries.ts'
import type { AuthorKind, Database } from '../db/tables.ts'

export interface TopicCountRow {
  id: number
  slug: string
  name: string
  count: number
}

export async function publishedTagCounts(db: Kysely<Database>, now: Date): Promise<TopicCountRow[]> {
  const rows = await db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .where(isPublished(now))
    .select((eb) => ['tags.id', 'tags.slug', 'tags.name', eb.fn.countAll<number>().as('count')])
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('tags.name')
    .execute()
  return rows.map((r) => ({ ...r, count: Number(r.count) }))
}

export interface AuthorCountRow extends TopicCountRow {
  kind: AuthorKind
  job_title: string
  bio: string
  avatar_media_id: number | null
}

/** Public columns only: user_id and is_pseudonym are never selected, so they cannot leak. */
export async function publishedAuthorCounts(db: Kysely<Database>, now: Date): Promise<AuthorCountRow[]> {
  const rows = await db
    .selectFrom('authors')
    .innerJoin('article_authors', 'article_authors.author_id', 'authors.id')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .where(isPublished(now))
    .select((eb) => [
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.kind',
      'authors.job_title',
      'authors.bio',
      'authors.avatar_media_id',
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy([
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.kind',
      'authors.job_title',
      'authors.bio',
      'authors.avatar_media_id',
    ])
    .orderBy('authors.name')
    .execute()
  return rows.map((r) => ({ ...r, count: Number(r.count) }))
}

export async function publishedSectionCounts(db: Kysely<Database>, now: Date): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('articles')
    .where(isPublished(now))
    .select((eb) => ['articles.section_id', eb.fn.countAll<number>().as('count')])
    .groupBy('articles.section_id')
    .execute()
  return new Map(rows.map((r) => [r.section_id, Number(r.count)]))
}
