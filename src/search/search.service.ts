// Search operations shared by every surface: readers' /search, the admin's story search (drafts
// included), the CLI's reindex, and the content events that keep the index current.
import { articleUrl } from '../articles/articles.service.ts'
import { type AuthorView, authorsForArticles } from '../authors/authors.service.ts'
import type { AppContext } from '../context.ts'
import { createSearchBackend } from '../db/dialect.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { BadRequestError } from '../errors.ts'
import { PAGE_SIZE, pageCount } from '../lib/pagination.ts'
import { listSections, type SectionView } from '../sections/sections.service.ts'
import {
  createSearchIndex,
  type ReindexProgress,
  type ReindexReport,
  type SearchFilters,
  type SearchIndex,
} from './search-index.ts'
import {
  highlightWords,
  MAX_QUERY_LENGTH,
  markedTextToHtml,
  parseSearchQuery,
  unmarkedText,
} from './search-query.ts'

export function searchIndexFor(ctx: AppContext): SearchIndex {
  return createSearchIndex(
    ctx.db,
    createSearchBackend(ctx.db, ctx.engine, {
      ...(ctx.searchWriter ? { writer: ctx.searchWriter } : {}),
      onWriteError: (error) => ctx.log.error({ err: error }, 'search index write failed'),
    }),
  )
}

export interface SearchResult {
  id: number
  language: string
  status: ArticleStatus
  headline: string
  /** Escaped HTML with <mark> around the matched words. */
  headlineHtml: string
  /** Escaped HTML: a passage of the body around the matches, with <mark>s. */
  snippetHtml: string
  /** The public address; readers may only reach it when the story is published. */
  url: string
  publishedAt: string | null
  updatedAt: string
  section: SectionView | undefined
  authors: AuthorView[]
  score: number
}

export interface SearchResults {
  items: SearchResult[]
  total: number
  /** More stories match than were ranked (the newest RANK_WINDOW): the page says so. */
  isTotalCapped: boolean
  page: number
  pageCount: number
}

export interface SearchOptions {
  /** Drafts, scheduled and unpublished stories too: for staff only. */
  includeUnpublished?: boolean
  language?: string
  sectionIds?: number[]
  authorId?: number
  publishedBetween?: { start: string; end: string }
  page?: number
  pageSize?: number
}

/**
 * Ranked full-text search. Readers' callers leave includeUnpublished unset (published and visible
 * stories only); the admin sets it. An empty query (no words) returns no results.
 */
export async function searchStories(
  ctx: AppContext,
  text: string,
  options: SearchOptions = {},
): Promise<SearchResults> {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new BadRequestError(`Search for at most ${MAX_QUERY_LENGTH} characters.`, 'SEARCH_QUERY_TOO_LONG')
  }
  const page = options.page ?? 1
  const pageSize = options.pageSize ?? PAGE_SIZE
  const query = parseSearchQuery(text)
  if (!query) return { items: [], total: 0, isTotalCapped: false, page, pageCount: 1 }
  const filters: SearchFilters = {
    includeUnpublished: options.includeUnpublished === true,
    ...(options.language === undefined ? {} : { language: options.language }),
    ...(options.sectionIds === undefined ? {} : { sectionIds: options.sectionIds }),
    ...(options.authorId === undefined ? {} : { authorId: options.authorId }),
    ...(options.publishedBetween === undefined ? {} : { publishedBetween: options.publishedBetween }),
  }
  const { hits, total, isTotalCapped, matchedQuery } = await searchIndexFor(ctx).search(
    query,
    filters,
    { limit: pageSize, offset: (page - 1) * pageSize },
    ctx.clock.now(),
  )
  const [sections, authors] = await Promise.all([
    listSections(ctx),
    authorsForArticles(
      ctx,
      hits.map((h) => h.id),
    ),
  ])
  const sectionById = new Map(sections.map((s) => [s.id, s]))
  const items = hits.map((hit): SearchResult => {
    const section = sectionById.get(hit.section_id)
    const snippet =
      hit.marks && unmarkedText(hit.marks.snippet).trim() !== '' ? hit.marks.snippet : hit.excerpt
    return {
      id: hit.id,
      language: hit.language,
      status: hit.status,
      headline: hit.headline,
      headlineHtml: markedTextToHtml(highlightWords(hit.headline, matchedQuery)),
      snippetHtml: markedTextToHtml(snippet),
      url: section ? articleUrl(section.slug, hit.slug) : '',
      publishedAt: hit.published_at,
      updatedAt: hit.updated_at,
      section,
      authors: authors.get(hit.id) ?? [],
      score: hit.score,
    }
  })
  return { items, total, isTotalCapped, page, pageCount: pageCount(total, pageSize) }
}

/**
 * Keeps the index in step with content events: a story is searchable as soon as it is
 * published and gone from readers' results as soon as it is unpublished or deleted. Returns a
 * function that stops listening.
 */
export function indexOnContentEvents(ctx: AppContext): () => void {
  const index = searchIndexFor(ctx)
  return ctx.events.on(async (event) => {
    if (event.type === 'article.deleted') await index.remove(event.articleId)
    else await index.index(event.articleId)
  })
}

/** Indexes one story now (any status): for writes that emit no content event, such as draft saves. */
export async function indexStory(ctx: AppContext, articleId: number): Promise<void> {
  await searchIndexFor(ctx).index(articleId)
}

export async function reindexSearch(
  ctx: AppContext,
  onProgress?: (progress: ReindexProgress) => void,
): Promise<ReindexReport> {
  return searchIndexFor(ctx).reindexAll(onProgress)
}

/**
 * How many stories wait for a first index build: all of them when the index is empty (a database
 * seeded or imported before the app listened for content events — the demo newsroom on first
 * start, an upgrade to this version), otherwise 0.
 */
export async function storiesAwaitingFirstIndex(ctx: AppContext): Promise<number> {
  if (!(await searchIndexFor(ctx).isEmpty())) return 0
  const row = await ctx.db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
