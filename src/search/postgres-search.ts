// PostgreSQL: search_documents holds each story's folded text and a weighted tsvector (A headline,
// B dek, tags and bylines, C body) under a GIN index; ranked by ts_rank_cd; snippets are cut in
// JS as on SQLite (search-query.ts snippetAround). The 'simple' configuration throughout: no
// English stemming to mangle Dari or Pashto.
// The vector is built from our own tokens (normalize-text.ts), not PostgreSQL's parser, so words
// split exactly as they do on SQLite ("covid-19" is "covid" and "19" on both).
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/tables.ts'
import { searchTokens } from './normalize-text.ts'
import { RANK_WINDOW, searchFilterExpression } from './search-filters.ts'
import type {
  ScoredMatch,
  SearchBackend,
  SearchBackendOptions,
  SearchDocument,
  SearchMarks,
} from './search-index.ts'
import { snippetAround, toTsQuery } from './search-query.ts'

function words(text: string): string {
  return searchTokens(text).join(' ')
}

function documentVector(d: SearchDocument) {
  return sql<string>`setweight(to_tsvector('simple', ${words(d.headline)}), 'A')
    || setweight(to_tsvector('simple', ${words(`${d.dek} ${d.tags} ${d.authors}`)}), 'B')
    || setweight(to_tsvector('simple', ${words(d.body)}), 'C')`
}

export function createPostgresSearchBackend(
  db: Kysely<Database>,
  { rankWindow = RANK_WINDOW }: SearchBackendOptions = {},
): SearchBackend {
  return {
    async upsert(documents) {
      if (documents.length === 0) return
      await db
        .insertInto('search_documents')
        .values(
          documents.map((d) => ({
            article_id: d.articleId,
            status: d.status,
            headline: d.headline,
            dek: d.dek,
            body: d.body,
            tags: d.tags,
            authors: d.authors,
            document: documentVector(d),
          })),
        )
        .onConflict((oc) =>
          oc.column('article_id').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            headline: eb.ref('excluded.headline'),
            dek: eb.ref('excluded.dek'),
            body: eb.ref('excluded.body'),
            tags: eb.ref('excluded.tags'),
            authors: eb.ref('excluded.authors'),
            document: eb.ref('excluded.document'),
          })),
        )
        .execute()
    },
    // Every write above is done when it resolves.
    settled: () => Promise.resolve(),
    async remove(articleIds) {
      if (articleIds.length === 0) return
      await db.deleteFrom('search_documents').where('article_id', 'in', articleIds).execute()
    },
    async removeOrphans() {
      // The foreign key already removes a deleted story's document; this is for completeness.
      const result = await db
        .deleteFrom('search_documents')
        .where('article_id', 'not in', db.selectFrom('articles').select('articles.id'))
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
    async refreshStatistics() {
      // Without statistics on the word vectors, PostgreSQL guessed that a two-word query matched
      // 61 stories when it matched 21,888, chose the GIN bitmap over the newest-first walk, and
      // took 400–800 ms instead of 10–40 (100,000 stories, the bench's search row). Autovacuum
      // would get there in its own time; a rebuild (after an import, say) should not wait for it.
      await sql`ANALYZE search_documents`.execute(db)
    },
    async isEmpty() {
      return (
        (await db.selectFrom('search_documents').select('article_id').limit(1).executeTakeFirst()) ===
        undefined
      )
    },
    async rankWindow(query, filters, now) {
      // A last word that is not whole stays a prefix ('pomegr':*), unlike on SQLite, where it is
      // expanded to its completions: PostgreSQL has no cheap exact list of the words an index
      // holds (ts_stat reads every document; a GIN index's keys are not readable from SQL). The
      // prefix does not skew the ranking as it would in FTS5, ts_rank_cd having no IDF; the GIN
      // index answers it from the keys in the prefix's range.
      const tsquery = sql`to_tsquery('simple', ${toTsQuery(query)})`
      // The newest matches that pass the filters, scored (search-filters.ts RANK_WINDOW); one more
      // than the window is read, only to know whether more stories match.
      const rows = await db
        .selectFrom('search_documents')
        .innerJoin('articles', 'articles.id', 'search_documents.article_id')
        .where(sql<boolean>`search_documents.document @@ ${tsquery}`)
        .where(searchFilterExpression(filters, now))
        .select([
          'articles.id',
          sql<number>`ts_rank_cd(search_documents.document, ${tsquery})`.as('score'),
          sql<string>`coalesce(articles.published_at, articles.updated_at)`.as('sort_time'),
        ])
        .orderBy('articles.id', 'desc')
        .limit(rankWindow + 1)
        .execute()
      const matches: ScoredMatch[] = rows
        .slice(0, rankWindow)
        .map((r) => ({ id: r.id, score: Number(r.score), sortTime: r.sort_time }))
      return { matches, isCapped: rows.length > rankWindow }
    },
    async marks(query, articleIds) {
      const result = new Map<number, SearchMarks>()
      if (articleIds.length === 0) return result
      // Not ts_headline: it parses each whole body again, ~6 ms for a page's ten (100,000 stories),
      // and its passages differed from SQLite's for the same stories.
      const rows = await db
        .selectFrom('search_documents')
        .select(['article_id', 'body'])
        .where('article_id', 'in', articleIds)
        .execute()
      for (const row of rows) {
        result.set(row.article_id, { snippet: snippetAround(row.body, query) })
      }
      return result
    },
  }
}
