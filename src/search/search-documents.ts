// Stories → index documents. Reads the stories of every status (the admin's search finds drafts),
// so it reads the tables itself rather than through the public read functions; readers' results
// are still filtered by articles.queries' isPublished at query time (search-filters.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { htmlToText } from '../lib/html-text.ts'
import { foldText } from './normalize-text.ts'
import type { SearchDocument } from './search-index.ts'

/**
 * Bodies are indexed up to this many characters (~15,000 words): PostgreSQL's tsvector stops
 * recording positions past 16,383 and refuses vectors over 1 MB, and both engines must agree.
 */
export const MAX_INDEXED_BODY_CHARS = 100_000

export async function loadSearchDocuments(db: Kysely<Database>, ids: number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return []
  const [rows, tags, authors] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'status', 'headline', 'dek', 'body_html'])
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('tags.name')
      .execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.name'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
  ])
  const namesOf = (list: { article_id: number; name: string }[], id: number): string[] =>
    list.filter((r) => r.article_id === id).map((r) => r.name)
  return rows.map((row) => ({
    articleId: row.id,
    status: row.status,
    headline: foldText(row.headline),
    dek: foldText(row.dek),
    body: foldText(htmlToText(row.body_html).slice(0, MAX_INDEXED_BODY_CHARS)),
    tags: foldText(namesOf(tags, row.id).join(' · ')),
    authors: foldText(namesOf(authors, row.id).join(', ')),
  }))
}
