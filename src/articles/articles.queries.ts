// The only file that writes SQL for articles. "Published" is defined here once, and every public
// surface (site, feeds, API, search, sitemaps) lists articles through these functions.
import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import type { ArticleRow, ArticleStatus, Database } from '../db/tables.ts'
import type { CandidateSource } from './related.ts'

/** Visible to readers: published, and its publication time has come. */
export function isPublished(now: Date) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb.and([eb('articles.status', '=', 'published'), eb('articles.published_at', '<=', now.toISOString())])
}

export interface ArticleFilter {
  language?: string
  sectionIds?: number[]
  tagId?: number
  authorId?: number
  /** [start, end) as ISO UTC strings. */
  publishedBetween?: { start: string; end: string }
  excludeIds?: number[]
}

function publishedQuery(db: Kysely<Database>, now: Date, filter: ArticleFilter) {
  return filteredQuery(db.selectFrom('articles').where(isPublished(now)), filter)
}

/** A tag's stories in one language and nothing else: what a tag page lists and counts. */
type TagListingFilter = { tagId: number; language: string }

function asTagListing(filter: ArticleFilter): TagListingFilter | undefined {
  const { tagId, language, sectionIds, authorId, publishedBetween, excludeIds } = filter
  if (tagId === undefined || language === undefined) return undefined
  if (sectionIds || authorId !== undefined || publishedBetween || (excludeIds && excludeIds.length > 0))
    return undefined
  return { tagId, language }
}

/**
 * A tag's published stories in a language from the index article_tags_listing alone: its copy of
 * each story's language and publication time (set only while the story is published) is kept by
 * triggers (migration 0012), so this is isPublished read from the copy. A range of the index, however
 * many stories the tag has: the most popular tag's page took 22 ms to count at 100,000 stories.
 */
function tagListingQuery(db: Kysely<Database>, now: Date, listing: TagListingFilter) {
  return db
    .selectFrom('article_tags')
    .where('article_tags.tag_id', '=', listing.tagId)
    .where('article_tags.language', '=', listing.language)
    .where('article_tags.published_at', '<=', now.toISOString())
}

function newestTagged(db: Kysely<Database>, now: Date, listing: TagListingFilter) {
  return tagListingQuery(db, now, listing)
    .select(['article_tags.article_id as id', 'article_tags.published_at'])
    .orderBy('article_tags.published_at', 'desc')
    .orderBy('article_tags.article_id', 'desc')
}

/**
 * How a tag's stories are found. 'members': read the tag's story ids, keep the published ones, sort
 * them — its cost grows with the tag's size. 'walk': go down the newest-first listing and keep the
 * stories that carry the tag (a primary-key probe each) until the page is full — its cost grows
 * with how rare the tag is. A tag on 14,000 of 100,000 stories took 50 ms as members and under
 * 1 ms as a walk; a tag on 4 stories took 2 ms as members and over a second as a walk. Counting
 * always uses members (a walk would read the whole archive).
 */
type TagLookup = 'members' | 'walk'

function filteredQuery(
  // biome-ignore lint/complexity/noBannedTypes: `{}` is Kysely's type for a query that selects nothing yet
  base: SelectQueryBuilder<Database, 'articles', {}>,
  filter: ArticleFilter,
  tagLookup: TagLookup = 'members',
) {
  let query = base
  if (filter.language !== undefined) query = query.where('articles.language', '=', filter.language)
  if (filter.sectionIds !== undefined) query = query.where('articles.section_id', 'in', filter.sectionIds)
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId
    query =
      tagLookup === 'walk'
        ? query.where((eb) =>
            eb.exists(
              eb
                .selectFrom('article_tags')
                .select(sql<number>`1`.as('one'))
                .whereRef('article_tags.article_id', '=', 'articles.id')
                .where('article_tags.tag_id', '=', tagId),
            ),
          )
        : query.where('articles.id', 'in', (eb) =>
            eb
              .selectFrom('article_tags')
              .select('article_tags.article_id')
              .where('article_tags.tag_id', '=', tagId),
          )
  }
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId
    query = query.where('articles.id', 'in', (eb) =>
      eb
        .selectFrom('article_authors')
        .select('article_authors.article_id')
        .where('article_authors.author_id', '=', authorId),
    )
  }
  if (filter.publishedBetween !== undefined) {
    query = query
      .where('articles.published_at', '>=', filter.publishedBetween.start)
      .where('articles.published_at', '<', filter.publishedBetween.end)
  }
  if (filter.excludeIds !== undefined && filter.excludeIds.length > 0) {
    query = query.where('articles.id', 'not in', filter.excludeIds)
  }
  return query
}

/** Columns a listing needs: everything but the body. */
const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.language',
  'articles.slug',
  'articles.headline',
  'articles.dek',
  'articles.excerpt',
  'articles.auto_excerpt',
  'articles.dateline',
  'articles.section_id',
  'articles.featured_media_id',
  'articles.featured_caption',
  'articles.featured_credit',
  'articles.status',
  'articles.published_at',
  'articles.updated_at',
  'articles.created_at',
  'articles.correction_note',
  'articles.word_count',
  'articles.translation_group_id',
] as const

// The newsroom's bookkeeping (revision, created_by) is not for listings.
export type ArticleSummaryRow = Omit<ArticleRow, 'body_html' | 'revision' | 'created_by'>

function newestFirst<O>(query: SelectQueryBuilder<Database, 'articles', O>) {
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc')
}

/**
 * Walk when the walk costs less than the members would: a walk reads about
 * (offset + limit) × stories ÷ tagged rows before its page is full, the members read every tagged
 * row, and a walked row costs about three probes of the members (it reads the story's row to
 * filter it). So the walk wins once members² > 3 × (offset + limit) × stories: the members are
 * counted only up to that bound (about 2,500 index entries for a first page at 100,000 stories),
 * never all 14,000 of a popular tag. Both counts come from indexes alone (the highest id stands
 * for the number of stories).
 */
async function tagLookupFor(
  db: Kysely<Database>,
  tagId: number,
  page: { limit: number; offset: number },
): Promise<TagLookup> {
  const newest = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  const stories = Number(newest?.id ?? 0)
  const enough = Math.ceil(Math.sqrt(3 * (page.offset + page.limit) * stories)) + 1
  const tagged = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('article_tags')
        .select('article_id')
        .where('tag_id', '=', tagId)
        .limit(enough)
        .as('members'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(tagged?.n ?? 0) >= enough ? 'walk' : 'members'
}

export async function listPublishedArticles(
  db: Kysely<Database>,
  now: Date,
  filter: ArticleFilter,
  page: { limit: number; offset: number },
): Promise<ArticleSummaryRow[]> {
  // Two steps: the page's ids from the listing indexes alone (a deep page skips thousands of
  // stories without reading their wide rows), then those rows. 20 ms → 3 ms for a section's page 50
  // at 100,000 stories (bench/run.ts).
  const listing = asTagListing(filter)
  if (listing) {
    const ids = (await newestTagged(db, now, listing).limit(page.limit).offset(page.offset).execute()).map(
      (r) => r.id,
    )
    return listSummaryRows(db, ids)
  }
  const tagLookup = filter.tagId === undefined ? 'members' : await tagLookupFor(db, filter.tagId, page)
  const pageIds = newestFirst(
    filteredQuery(db.selectFrom('articles').where(isPublished(now)), filter, tagLookup).select('articles.id'),
  )
    .limit(page.limit)
    .offset(page.offset)
  return newestFirst(
    db.selectFrom('articles').select(SUMMARY_COLUMNS).where('articles.id', 'in', pageIds),
  ).execute()
}

export async function countPublishedArticles(
  db: Kysely<Database>,
  now: Date,
  filter: ArticleFilter,
): Promise<number> {
  const listing = asTagListing(filter)
  const row = listing
    ? await tagListingQuery(db, now, listing)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirst()
    : await publishedQuery(db, now, filter)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirst()
  return Number(row?.count ?? 0)
}

/**
 * Who is asking decides what a listing may hold: readers (and the API without a key) see what
 * isPublished allows; a holder of a draft-reading API key names the statuses they want.
 */
export type ArticleVisibility =
  | { kind: 'published' }
  | { kind: 'statuses'; statuses: readonly ArticleStatus[] }

function visibleQuery(db: Kysely<Database>, now: Date, visibility: ArticleVisibility, filter: ArticleFilter) {
  if (visibility.kind === 'published') return publishedQuery(db, now, filter)
  return filteredQuery(
    db.selectFrom('articles').where('articles.status', 'in', [...visibility.statuses]),
    filter,
  )
}

function visibleOrder<O>(query: SelectQueryBuilder<Database, 'articles', O>, visibility: ArticleVisibility) {
  // Drafts have no publication time yet: the newsroom's own order, last changed first.
  if (visibility.kind === 'published') return newestFirst(query)
  return query.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc')
}

/** listPublishedArticles for any visibility (the content API). */
export async function listVisibleArticles(
  db: Kysely<Database>,
  now: Date,
  visibility: ArticleVisibility,
  filter: ArticleFilter,
  page: { limit: number; offset: number },
): Promise<ArticleSummaryRow[]> {
  const pageIds = visibleOrder(visibleQuery(db, now, visibility, filter).select('articles.id'), visibility)
    .limit(page.limit)
    .offset(page.offset)
  return visibleOrder(
    db.selectFrom('articles').select(SUMMARY_COLUMNS).where('articles.id', 'in', pageIds),
    visibility,
  ).execute()
}

export async function countVisibleArticles(
  db: Kysely<Database>,
  now: Date,
  visibility: ArticleVisibility,
  filter: ArticleFilter,
): Promise<number> {
  const row = await visibleQuery(db, now, visibility, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst()
  return Number(row?.count ?? 0)
}

/** One story by id, or by language and slug, if the visibility allows it. */
export async function findVisibleArticle(
  db: Kysely<Database>,
  now: Date,
  visibility: ArticleVisibility,
  key: { id: number } | { language: string; slug: string },
): Promise<ArticleRow | undefined> {
  let query = visibleQuery(db, now, visibility, {}).selectAll('articles')
  query =
    'id' in key
      ? query.where('articles.id', '=', key.id)
      : query.where('articles.language', '=', key.language).where('articles.slug', '=', key.slug)
  return query.executeTakeFirst()
}

/** Bodies of the stories the visibility allows; others are left out. */
export async function findVisibleBodies(
  db: Kysely<Database>,
  now: Date,
  visibility: ArticleVisibility,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await visibleQuery(db, now, visibility, {})
    .select(['articles.id', 'articles.body_html'])
    .where('articles.id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, r.body_html]))
}

export async function findPublishedArticleBySlug(
  db: Kysely<Database>,
  now: Date,
  language: string,
  slug: string,
): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where(isPublished(now))
    .where('language', '=', language)
    .where('slug', '=', slug)
    .executeTakeFirst()
}

/** Whether a story with this slug exists but readers may not see it (for 404 vs 410 later). */
export async function findAnyArticleBySlug(
  db: Kysely<Database>,
  language: string,
  slug: string,
): Promise<Pick<ArticleRow, 'id' | 'status'> | undefined> {
  return db
    .selectFrom('articles')
    .select(['id', 'status'])
    .where('language', '=', language)
    .where('slug', '=', slug)
    .executeTakeFirst()
}

/**
 * Sources for "Check Also": the newest published stories in the same language from the story's
 * section and from each of its tags (at most five tags), as ids and times from the listing
 * indexes. The shortlist and the choice are made in related.ts; listSummaryRows reads the
 * shortlist.
 *
 * One query with "same section OR shares a tag" walks the whole archive newest-first testing each
 * row, which took 50–70 ms at 100,000 stories; separate queries each follow an index (section
 * listing, tag → story) and stay in the low milliseconds however large the archive grows.
 */
export async function listRelatedSources(
  db: Kysely<Database>,
  now: Date,
  article: { id: number; language: string; sectionId: number; tagIds: number[] },
  limitPerSource: number,
): Promise<CandidateSource[]> {
  const section = async (): Promise<CandidateSource> => {
    const rows = await newestFirst(
      publishedQuery(db, now, {
        language: article.language,
        sectionIds: [article.sectionId],
        excludeIds: [article.id],
      }).select(['articles.id', 'articles.published_at']),
    )
      .limit(limitPerSource)
      .execute()
    return { tagId: undefined, stories: rows.map((r) => ({ id: r.id, publishedAt: r.published_at ?? '' })) }
  }
  const tagged = async (tagId: number): Promise<CandidateSource> => {
    // One more than asked: the story itself is among its tags' newest.
    const rows = await newestTagged(db, now, { tagId, language: article.language })
      .limit(limitPerSource + 1)
      .execute()
    const stories = rows
      .filter((r) => r.id !== article.id)
      .slice(0, limitPerSource)
      .map((r) => ({ id: r.id, publishedAt: r.published_at ?? '' }))
    return { tagId, stories }
  }
  return Promise.all([section(), ...article.tagIds.slice(0, 5).map((tagId) => tagged(tagId))])
}

/** Listing rows of the given stories, newest first (whatever their status: the caller chose them). */
export async function listSummaryRows(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<ArticleSummaryRow[]> {
  if (ids.length === 0) return []
  return newestFirst(
    db
      .selectFrom('articles')
      .select(SUMMARY_COLUMNS)
      .where('articles.id', 'in', [...ids]),
  ).execute()
}

export async function tagIdsForArticles(db: Kysely<Database>, ids: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>()
  if (ids.length === 0) return result
  const rows = await db
    .selectFrom('article_tags')
    .select(['article_id', 'tag_id'])
    .where('article_id', 'in', ids)
    .execute()
  for (const row of rows) result.set(row.article_id, [...(result.get(row.article_id) ?? []), row.tag_id])
  return result
}

export async function isSlugTaken(
  db: Kysely<Database>,
  language: string,
  slug: string,
  exceptId?: number,
): Promise<boolean> {
  let query = db.selectFrom('articles').select('id').where('language', '=', language).where('slug', '=', slug)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

/** Year and month of the newest and oldest published story, for archive navigation. */
export async function publishedDateBounds(
  db: Kysely<Database>,
  now: Date,
): Promise<{ oldest: string | null; newest: string | null }> {
  const row = await db
    .selectFrom('articles')
    .where(isPublished(now))
    .select((eb) => [
      eb.fn.min('articles.published_at').as('oldest'),
      eb.fn.max('articles.published_at').as('newest'),
    ])
    .executeTakeFirst()
  return { oldest: (row?.oldest as string | null) ?? null, newest: (row?.newest as string | null) ?? null }
}

/** A story's place in a translation group: the columns a "Read this in …" link needs. */
export interface TranslationRow {
  id: number
  language: string
  slug: string
  headline: string
  section_id: number
  status: ArticleStatus
  published_at: string | null
  translation_group_id: number | null
}

const TRANSLATION_COLUMNS = [
  'articles.id',
  'articles.language',
  'articles.slug',
  'articles.headline',
  'articles.section_id',
  'articles.status',
  'articles.published_at',
  'articles.translation_group_id',
] as const

/** Every story of a translation group, whatever its status (the editor; readers filter by published). */
export async function listTranslationGroup(db: Kysely<Database>, groupId: number): Promise<TranslationRow[]> {
  return db
    .selectFrom('articles')
    .select(TRANSLATION_COLUMNS)
    .where('articles.translation_group_id', '=', groupId)
    .orderBy('articles.id')
    .execute()
}

/** The published stories of translation groups, for many stories at once (sitemaps). */
export async function listPublishedInGroups(
  db: Kysely<Database>,
  now: Date,
  groupIds: readonly number[],
): Promise<TranslationRow[]> {
  if (groupIds.length === 0) return []
  return db
    .selectFrom('articles')
    .select(TRANSLATION_COLUMNS)
    .where(isPublished(now))
    .where('articles.translation_group_id', 'in', [...groupIds])
    .execute()
}

/** One story's translation columns, whatever its status. */
export async function findTranslationRow(
  db: Kysely<Database>,
  id: number,
): Promise<TranslationRow | undefined> {
  return db
    .selectFrom('articles')
    .select(TRANSLATION_COLUMNS)
    .where('articles.id', '=', id)
    .executeTakeFirst()
}

/**
 * Stories an editor may link a story to as its original, per language, newest first, whatever
 * their status (a translation is often written while the original is still a draft).
 */
export async function listTranslationCandidates(
  db: Kysely<Database>,
  language: string,
  limit: number,
): Promise<TranslationRow[]> {
  return db
    .selectFrom('articles')
    .select(TRANSLATION_COLUMNS)
    .where('articles.language', '=', language)
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute()
}

/** Where a story appears, whatever its status: what a cache must forget when it changes. */
export async function findArticlePlacement(
  db: Kysely<Database>,
  id: number,
): Promise<
  | {
      section_id: number
      published_at: string | null
      language: string
      translation_group_id: number | null
      tag_ids: number[]
      author_ids: number[]
    }
  | undefined
> {
  const row = await db
    .selectFrom('articles')
    .select(['section_id', 'published_at', 'language', 'translation_group_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const [tags, authors] = await Promise.all([
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).execute(),
  ])
  return { ...row, tag_ids: tags.map((t) => t.tag_id), author_ids: authors.map((a) => a.author_id) }
}

/** Bodies of published stories (feeds' full content); a story that is not published is left out. */
export async function findPublishedBodies(
  db: Kysely<Database>,
  now: Date,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('articles')
    .select(['articles.id', 'articles.body_html'])
    .where(isPublished(now))
    .where('articles.id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, r.body_html]))
}

/** Published stories per UTC month ("2026-11"), with the newest change in each (sitemap index). */
export async function countPublishedByMonth(
  db: Kysely<Database>,
  now: Date,
  language: string,
): Promise<{ month: string; count: number; lastModified: string }[]> {
  // substr works alike on both engines, and stored times are ISO UTC text on both.
  const month = sql<string>`substr(articles.published_at, 1, 7)`
  const rows = await db
    .selectFrom('articles')
    .where(isPublished(now))
    .where('articles.language', '=', language)
    .select((eb) => [
      month.as('month'),
      eb.fn.countAll<number>().as('count'),
      eb.fn.max('articles.updated_at').as('last_modified'),
    ])
    .groupBy(month)
    .orderBy(month)
    .execute()
  return rows.map((r) => ({ month: r.month, count: Number(r.count), lastModified: String(r.last_modified) }))
}

export interface PublishedTopicRow {
  id: number
  slug: string
  lastModified: string
}

/**
 * Sections, tags and bylines with at least one published story in the language, with the newest
 * change among those stories: the listing pages a sitemap may name (an empty one is not worth a
 * crawl, and a tag only drafts use must not leak).
 */
export async function listPublishedTopics(
  db: Kysely<Database>,
  now: Date,
  language: string,
): Promise<{ sections: PublishedTopicRow[]; tags: PublishedTopicRow[]; authors: PublishedTopicRow[] }> {
  const [sections, tags, authors] = await Promise.all([
    db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .where(isPublished(now))
      .where('articles.language', '=', language)
      .select((eb) => ['sections.id', 'sections.slug', eb.fn.max('articles.updated_at').as('last_modified')])
      .groupBy(['sections.id', 'sections.slug'])
      .orderBy('sections.slug')
      .execute(),
    db
      .selectFrom('articles')
      .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .where(isPublished(now))
      .where('articles.language', '=', language)
      .select((eb) => ['tags.id', 'tags.slug', eb.fn.max('articles.updated_at').as('last_modified')])
      .groupBy(['tags.id', 'tags.slug'])
      .orderBy('tags.slug')
      .execute(),
    db
      .selectFrom('articles')
      .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .where(isPublished(now))
      .where('articles.language', '=', language)
      .select((eb) => ['authors.id', 'authors.slug', eb.fn.max('articles.updated_at').as('last_modified')])
      .groupBy(['authors.id', 'authors.slug'])
      .orderBy('authors.slug')
      .execute(),
  ])
  const toTopic = (r: { id: number; slug: string; last_modified: unknown }): PublishedTopicRow => ({
    id: r.id,
    slug: r.slug,
    lastModified: String(r.last_modified),
  })
  return { sections: sections.map(toTopic), tags: tags.map(toTopic), authors: authors.map(toTopic) }
}
