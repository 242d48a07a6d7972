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

/**
 * How many matches are ranked: the newest RANK_WINDOW stories that match and pass the filters.
 * Scoring every match of a common word costs time in proportion to the archive (a word found in
 * 80,000 of 100,000 stories took over 100 ms to rank); a newsroom's readers want the most
 * relevant of the recent matches, and an older story is still found by adding a word or a date
 * filter. The total reported is therefore at most RANK_WINDOW ("1,000 or more" on the page).
 */
export const RANK_WINDOW = 1000

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
