// The search index behind one interface, with one backend per engine (sqlite-search.ts: FTS5;
// postgres-search.ts: a weighted tsvector with a GIN index), chosen in db/dialect.ts. What both
// engines share — loading documents, following content events, rebuilding — is written once here.
import { type Kysely, sql } from 'kysely'
import type { ArticleStatus, Database } from '../db/tables.ts'
import { loadSearchDocuments } from './search-documents.ts'
import { HIT_COLUMNS } from './search-filters.ts'
import type { SearchQuery } from './search-query.ts'
import type { SearchIndexWriter } from './sqlite-index-writer.ts'

/** A story as the index holds it: folded text (normalize-text.ts), every status. */
export interface SearchDocument {
  articleId: number
  status: ArticleStatus
  headline: string
  dek: string
  body: string
  tags: string
  authors: string
}

export interface SearchFilters {
  /** Staff search (drafts, scheduled, unpublished); readers' search never sets it. */
  includeUnpublished: boolean
  language?: string
  sectionIds?: number[]
  authorId?: number
  /** [start, end) as ISO UTC strings. */
  publishedBetween?: { start: string; end: string }
}

/** One result row: the article's own columns and the engine's score (higher is better). */
export interface SearchHitRow {
  id: number
  language: string
  slug: string
  headline: string
  excerpt: string
  section_id: number
  status: ArticleStatus
  published_at: string | null
  updated_at: string
  score: number
}

/** A match of the rank window: what ranking needs, nothing more (the page's rows are read after). */
export interface ScoredMatch {
  id: number
  /** The engine's relevance score, higher is better. */
  score: number
  /** published_at, or updated_at for a story never published (staff search): the tie-break. */
  sortTime: string
}

/**
 * A passage of the body around the matches, with MARK_START/MARK_END around matched words. It
 * comes from the folded text the index holds (normalize-text.ts), so Arabic-script variants and
 * Latin accents appear folded in it; headlines are highlighted on their original text instead.
 */
export interface SearchMarks {
  snippet: string
}

export interface SearchHit extends SearchHitRow {
  marks: SearchMarks | undefined
}

export interface SearchPage {
  hits: SearchHit[]
  /** Matches ranked: at most the backend's rank window (search-filters.ts RANK_WINDOW). */
  total: number
  /** More stories match than were ranked: the total is the window, the newest matches. */
  isTotalCapped: boolean
  /** The query as it was matched (whether its last word was whole): for highlighting. */
  matchedQuery: SearchQuery
}

export interface SearchBackendOptions {
  /** How many of the newest matches are ranked (search-filters.ts RANK_WINDOW; smaller in tests). */
  rankWindow?: number
  /** SQLite: who writes the index (sqlite-index-writer.ts); without one, the caller's connection. */
  writer?: SearchIndexWriter
  /** SQLite: told of a queued write that failed (nobody waits for them); a warning without it. */
  onWriteError?: (error: unknown) => void
}

/**
 * What differs by engine. Implemented in sqlite-search.ts and postgres-search.ts. Writes resolve
 * once they are queued: on SQLite a worker thread writes them (a publication never waits for
 * FTS5's merges), on PostgreSQL they are done by then. Reads see every write queued before them.
 */
export interface SearchBackend {
  upsert(documents: SearchDocument[]): Promise<void>
  remove(articleIds: number[]): Promise<void>
  /** Resolves once every write queued so far is in the index. */
  settled(): Promise<void>
  /** Removes documents whose story no longer exists; returns how many. */
  removeOrphans(): Promise<number>
  /**
   * After a whole rebuild: lets the engine's planner see the new index. PostgreSQL only; FTS5's
   * plans do not depend on table statistics.
   */
  refreshStatistics?(): Promise<void>
  isEmpty(): Promise<boolean>
  /**
   * The rank window: the newest matches that pass the filters (at most the backend's rankWindow),
   * newest first, each scored; isCapped when at least one more story matches. One statement, so
   * the engine finds the matches once for the ranking and the count alike. A last word that is
   * not whole matches every word it starts, however the engine finds them.
   */
  rankWindow(
    query: SearchQuery,
    filters: SearchFilters,
    now: Date,
  ): Promise<{ matches: ScoredMatch[]; isCapped: boolean }>
  /** Snippets, computed only for the page's rows. */
  marks(query: SearchQuery, articleIds: number[]): Promise<Map<number, SearchMarks>>
}

export interface ReindexProgress {
  done: number
  total: number
}

export interface ReindexReport {
  indexed: number
  removed: number
  ms: number
}

export interface SearchIndex {
  /** Brings one story's document up to date; removes it if the story is gone. */
  index(articleId: number): Promise<void>
  remove(articleId: number): Promise<void>
  search(
    query: SearchQuery,
    filters: SearchFilters,
    page: { limit: number; offset: number },
    now: Date,
  ): Promise<SearchPage>
  /** Rebuilds every story's document in batches (each its own transaction, so writers never wait long). */
  reindexAll(onProgress?: (progress: ReindexProgress) => void): Promise<ReindexReport>
  isEmpty(): Promise<boolean>
}

const REINDEX_BATCH = 200

/** Best first; equal scores newest first, then the higher id (the order both engines promise). */
export function byRelevance(a: ScoredMatch, b: ScoredMatch): number {
  if (a.score !== b.score) return b.score - a.score
  if (a.sortTime !== b.sortTime) return a.sortTime < b.sortTime ? 1 : -1
  return b.id - a.id
}

/** The result columns of these stories, by id. */
async function hitRows(
  db: Kysely<Database>,
  ids: number[],
): Promise<Map<number, Omit<SearchHitRow, 'score'>>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('articles')
    .select([...HIT_COLUMNS, sql<string>`coalesce(articles.excerpt, articles.auto_excerpt)`.as('excerpt')])
    .where('articles.id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

/**
 * The rank window with the query's last word as a whole word first: a reader who typed "water"
 * meant water, and with it as a prefix every word it starts ("waters", "waterfall") is matched and
 * weighed too, at the cost of merging their index entries (~15 ms for "water" at 100,000 stories).
 * Only when that finds nothing (an unfinished word, "pomegr") is it the start of a word. Asking the
 * stories this search may return, rather than the index's vocabulary, keeps words that only
 * unpublished stories hold from changing what a reader is shown.
 */
async function rankWindowOf(
  backend: SearchBackend,
  query: SearchQuery,
  filters: SearchFilters,
  now: Date,
): Promise<{ matched: SearchQuery; matches: ScoredMatch[]; isCapped: boolean }> {
  const whole: SearchQuery = { ...query, isLastWordWhole: true }
  const window = await backend.rankWindow(whole, filters, now)
  if (window.matches.length > 0 || query.isLastWordWhole) return { matched: whole, ...window }
  return { matched: query, ...(await backend.rankWindow(query, filters, now)) }
}

export function createSearchIndex(db: Kysely<Database>, backend: SearchBackend): SearchIndex {
  return {
    async index(articleId) {
      const [document] = await loadSearchDocuments(db, [articleId])
      if (document) await backend.upsert([document])
      else await backend.remove([articleId])
    },
    remove: (articleId) => backend.remove([articleId]),
    async search(query, filters, page, now) {
      const { matched, matches, isCapped } = await rankWindowOf(backend, query, filters, now)
      const ranked = matches.sort(byRelevance).slice(page.offset, page.offset + page.limit)
      const ids = ranked.map((m) => m.id)
      // Only the page's stories are read from the articles table, after ranking: reading the
      // listing columns of every match of the window cost a row read each for nothing.
      const [rows, marks] = await Promise.all([hitRows(db, ids), backend.marks(matched, ids)])
      const hits: SearchHit[] = []
      for (const match of ranked) {
        const row = rows.get(match.id)
        // A story deleted between the two statements is left out rather than shown half-empty.
        if (row) hits.push({ ...row, score: match.score, marks: marks.get(match.id) })
      }
      return { hits, total: matches.length, isTotalCapped: isCapped, matchedQuery: matched }
    },
    async reindexAll(onProgress) {
      const startedAt = performance.now()
      const ids = (await db.selectFrom('articles').select('id').orderBy('id').execute()).map((r) => r.id)
      let done = 0
      onProgress?.({ done, total: ids.length })
      for (let i = 0; i < ids.length; i += REINDEX_BATCH) {
        const batch = ids.slice(i, i + REINDEX_BATCH)
        await backend.upsert(await loadSearchDocuments(db, batch))
        // Written before the next batch is read: a queue of 100,000 documents would hold them all.
        await backend.settled()
        done += batch.length
        onProgress?.({ done, total: ids.length })
        // A turn of the event loop between batches: SQLite's calls are synchronous, so without it a
        // build in the background (main.ts, a large site) held every request until it finished.
        await new Promise((resolve) => setImmediate(resolve))
      }
      const removed = await backend.removeOrphans()
      await backend.refreshStatistics?.()
      return { indexed: done, removed, ms: Math.round(performance.now() - startedAt) }
    },
    isEmpty: () => backend.isEmpty(),
  }
}
