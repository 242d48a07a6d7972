// The filters both engines apply to the articles joined to their matches. Readers' search uses
// the one definition of "published" (articles.queries' isPublished) at query time, so a story
// scheduled for later, unpublished or deleted never appears, whatever the index still holds.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import { isPublished } from '../articles/articles.queries.ts'
import type { Database } from '../db/tables.ts'
import type { SearchFilters } from './search-index.ts'

export function searchFilterExpression(filters: SearchFilters, now: Date) {
  return (eb: ExpressionBuilder<Database, 'articles'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = []
    if (!filters.includeUnpublished) conditions.push(isPublished(now)(eb))
    if (filters.language !== undefined) conditions.push(eb('articles.language', '=', filters.language))
    if (filters.sectionIds !== undefined) conditions.push(eb('articles.section_id', 'in', filters.sectionIds))
    if (filters.authorId !== undefined) {
      conditions.push(
        eb(
          'articles.id',
          'in',
          eb
            .selectFrom('article_authors')
            .select('article_authors.article_id')
            .where('article_authors.author_id', '=', filters.authorId),
        ),
      )
    }
    if (filters.publishedBetween !== undefined) {
      conditions.push(eb('articles.published_at', '>=', filters.publishedBetween.start))
      conditions.push(eb('articles.published_at', '<', filters.publishedBetween.end))
    }
    return eb.and(conditions)
  }
}

/** The article columns a result row carries (SearchHitRow without the score). */
export const HIT_COLUMNS = [
  'articles.id',
  'articles.language',
  'articles.slug',
  'articles.headline',
  'articles.section_id',
  'articles.status',
  'articles.published_at',
  'articles.updated_at',
] as const
