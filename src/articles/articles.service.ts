// Article operations shared by every surface: the public site, feeds, the API, the CLI, the
// importers. Reads return plain view objects; writes sanitize, validate and run in a transaction.
import { type AuthorView, authorsForArticles } from '../authors/authors.service.ts'
import type { Actor, AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { ArticleRow, ArticleStatus } from '../db/tables.ts'
import { ConflictError, ValidationError } from '../errors.ts'
import { localizedPath } from '../i18n/languages.ts'
import { autoExcerpt } from '../lib/excerpt.ts'
import { countWords, htmlToText } from '../lib/html-text.ts'
import { PAGE_SIZE, type Page, pageCount } from '../lib/pagination.ts'
import { sanitizeBody } from '../lib/sanitize-body.ts'
import { slugify } from '../lib/slugify.ts'
import { getMediaByIds, type MediaView } from '../media/media.service.ts'
import { listSections, type SectionView } from '../sections/sections.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { ensureTags, type TagView, tagsForArticles } from '../tags/tags.service.ts'
import {
  type ArticleFilter,
  type ArticleSummaryRow,
  countPublishedArticles,
  countPublishedByMonth,
  findArticlePlacement,
  findPublishedArticleBySlug,
  findPublishedBodies,
  isSlugTaken,
  listPublishedArticles,
  listPublishedTopics,
  listRelatedSources,
  listSummaryRows,
  type PublishedTopicRow,
  tagIdsForArticles,
} from './articles.queries.ts'
import { chooseRelated, shortlistRelated } from './related.ts'

export interface ArticleSummary {
  id: number
  language: string
  slug: string
  /** The story's address in its own language: /society/slug at the root, /fa/society/slug under Dari. */
  url: string
  /** Shared with its translations (translations.service.ts); null when it has none. */
  translationGroupId: number | null
  headline: string
  dek: string
  /** The editor's excerpt, else the automatic one. Plain text. */
  excerpt: string
  /** Always the automatic excerpt (~25 words ending in "…"), as "Check Also" shows it. */
  autoExcerpt: string
  dateline: string
  publishedAt: string
  updatedAt: string
  section: SectionView
  image: MediaView | undefined
  authors: AuthorView[]
}

export interface ArticleDetail extends ArticleSummary {
  /** Sanitized on write; rendered as HTML. */
  bodyHtml: string
  tags: TagView[]
  imageCaption: string
  imageCredit: string
  correctionNote: string
  wordCount: number
  /** Whether it was changed meaningfully after publication (shown as "Updated …"). */
  isUpdated: boolean
}

export function articleUrl(sectionSlug: string, slug: string): string {
  return `/${encodeURIComponent(sectionSlug)}/${encodeURIComponent(slug)}`
}

/** An update less than this long after publication is a fix-up, not an "Updated" story. */
const UPDATE_THRESHOLD_MS = 10 * 60 * 1000

/**
 * Sections as the readers of each language see them (name, address), for the languages of `rows`:
 * a story's kicker and links speak the story's language, whatever page lists it.
 */
async function sectionsByLanguage(
  ctx: AppContext,
  rows: readonly { language: string }[],
): Promise<Map<string, Map<number, SectionView>>> {
  const languages = [...new Set(rows.map((r) => r.language))]
  const lists = await Promise.all(languages.map((language) => listSections(ctx, language)))
  return new Map(languages.map((language, i) => [language, new Map((lists[i] ?? []).map((s) => [s.id, s]))]))
}

/** A site path in a story's language ("/author/x/" → "/fa/author/x/" for a Dari story). */
function inLanguageOf(path: string, language: string, defaultLanguage: string): string {
  return localizedPath(path, language, defaultLanguage)
}

async function toSummaries(ctx: AppContext, rows: ArticleSummaryRow[]): Promise<ArticleSummary[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [sections, authors, media, settings] = await Promise.all([
    sectionsByLanguage(ctx, rows),
    authorsForArticles(ctx, ids),
    getMediaByIds(
      ctx,
      rows.flatMap((r) => (r.featured_media_id === null ? [] : [r.featured_media_id])),
    ),
    getSiteSettings(ctx),
  ])
  const { defaultLanguage } = settings
  return rows.flatMap((row) => {
    const section = sections.get(row.language)?.get(row.section_id)
    if (!section || row.published_at === null) return []
    return [
      {
        id: row.id,
        language: row.language,
        slug: row.slug,
        url: inLanguageOf(articleUrl(section.slug, row.slug), row.language, defaultLanguage),
        translationGroupId: row.translation_group_id,
        headline: row.headline,
        dek: row.dek,
        excerpt: row.excerpt ?? row.auto_excerpt,
        autoExcerpt: row.auto_excerpt,
        dateline: row.dateline,
        publishedAt: row.published_at,
        updatedAt: row.updated_at,
        section,
        image: row.featured_media_id === null ? undefined : media.get(row.featured_media_id),
        authors: (authors.get(row.id) ?? []).map((a) => ({
          ...a,
          url: inLanguageOf(a.url, row.language, defaultLanguage),
        })),
      },
    ]
  })
}

export async function listPublishedSummaries(
  ctx: AppContext,
  filter: ArticleFilter,
  page: number,
  pageSize = PAGE_SIZE,
): Promise<Page<ArticleSummary>> {
  const now = ctx.clock.now()
  const [rows, total] = await Promise.all([
    listPublishedArticles(ctx.db, now, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
    countPublished(ctx, filter),
  ])
  return { items: await toSummaries(ctx, rows), page, total, pageCount: pageCount(total, pageSize) }
}

/**
 * How many published stories a filter holds: listings' pagination, which languages have a month's
 * archive. Remembered until the next content event (listing-counts.ts).
 */
export function countPublished(ctx: AppContext, filter: ArticleFilter): Promise<number> {
  const count = () => countPublishedArticles(ctx.db, ctx.clock.now(), filter)
  if (!ctx.listingCounts) return count()
  return ctx.listingCounts.get(JSON.stringify(filter), ctx.clock.now().getTime(), count)
}

/** The newest published stories without counting them (home page blocks). */
export async function latestSummaries(
  ctx: AppContext,
  filter: ArticleFilter,
  limit: number,
): Promise<ArticleSummary[]> {
  const rows = await listPublishedArticles(ctx.db, ctx.clock.now(), filter, { limit, offset: 0 })
  return toSummaries(ctx, rows)
}

/**
 * Several listings at once, for a page that shows many (the home page's section blocks): each
 * listing is its own indexed query, and the bylines, images and sections of all of them are looked
 * up together, so ten blocks cost ten small queries and one set of lookups instead of ten sets.
 */
export async function latestSummariesForEach(
  ctx: AppContext,
  listings: readonly { filter: ArticleFilter; limit: number }[],
): Promise<ArticleSummary[][]> {
  const now = ctx.clock.now()
  const rowsPerListing = await Promise.all(
    listings.map(({ filter, limit }) => listPublishedArticles(ctx.db, now, filter, { limit, offset: 0 })),
  )
  const rows = new Map(rowsPerListing.flat().map((row) => [row.id, row]))
  const summaries = new Map((await toSummaries(ctx, [...rows.values()])).map((s) => [s.id, s]))
  return rowsPerListing.map((listing) => listing.flatMap((row) => summaries.get(row.id) ?? []))
}

function toDetail(
  row: ArticleSummaryRow,
  summary: ArticleSummary,
  bodyHtml: string,
  tags: TagView[],
): ArticleDetail {
  const published = row.published_at ? Date.parse(row.published_at) : 0
  return {
    ...summary,
    bodyHtml,
    tags,
    imageCaption: row.featured_caption || summary.image?.caption || '',
    imageCredit: row.featured_credit || summary.image?.credit || '',
    correctionNote: row.correction_note,
    wordCount: row.word_count,
    isUpdated: Date.parse(row.updated_at) - published > UPDATE_THRESHOLD_MS,
  }
}

export async function getPublishedArticle(
  ctx: AppContext,
  language: string,
  slug: string,
): Promise<ArticleDetail | undefined> {
  const row = await findPublishedArticleBySlug(ctx.db, ctx.clock.now(), language, slug)
  if (!row) return undefined
  // Side by side: on PostgreSQL each is a round trip, and the page's "Check Also" waits for the tags.
  const [[summary], tagsById] = await Promise.all([toSummaries(ctx, [row]), tagsForArticles(ctx, [row.id])])
  if (!summary) return undefined
  const tags = tagsById.get(row.id) ?? []
  return toDetail(row, summary, row.body_html, await tagsInLanguage(ctx, tags, row.language))
}

/** Tags are shared by every language; their pages are per language (/fa/tag/x/ lists Dari stories). */
async function tagsInLanguage(ctx: AppContext, tags: TagView[], language: string): Promise<TagView[]> {
  const { defaultLanguage } = await getSiteSettings(ctx)
  return tags.map((t) => ({ ...t, url: inLanguageOf(t.url, language, defaultLanguage) }))
}

/** The newest published stories in full, bodies and tags included (feeds). */
export async function latestPublishedDetails(
  ctx: AppContext,
  filter: ArticleFilter,
  limit: number,
): Promise<ArticleDetail[]> {
  const now = ctx.clock.now()
  const rows = await listPublishedArticles(ctx.db, now, filter, { limit, offset: 0 })
  const ids = rows.map((r) => r.id)
  const [summaries, bodies, tags] = await Promise.all([
    toSummaries(ctx, rows),
    findPublishedBodies(ctx.db, now, ids),
    tagsForArticles(ctx, ids),
  ])
  const rowById = new Map(rows.map((r) => [r.id, r]))
  const { defaultLanguage } = await getSiteSettings(ctx)
  return summaries.flatMap((summary) => {
    const row = rowById.get(summary.id)
    const body = bodies.get(summary.id)
    const localTags = (tags.get(summary.id) ?? []).map((t) => ({
      ...t,
      url: inLanguageOf(t.url, summary.language, defaultLanguage),
    }))
    return row && body !== undefined ? [toDetail(row, summary, body, localTags)] : []
  })
}

/** What a sitemap needs of a published story: no bylines, no body. */
export interface ArticleLink {
  id: number
  /** In the story's language (with its /fa/ or /ps/ prefix when it is not the default). */
  url: string
  language: string
  translationGroupId: number | null
  headline: string
  publishedAt: string
  updatedAt: string
  image: MediaView | undefined
}

// Lookups by id lists stay well under both engines' bound-parameter limits.
const LOOKUP_BATCH = 500

/** Published stories oldest first, a page at a time, for sitemaps (up to 50,000 in one call). */
export async function listPublishedLinks(
  ctx: AppContext,
  filter: ArticleFilter,
  page: { limit: number; offset: number },
): Promise<ArticleLink[]> {
  const rows = (await listPublishedArticles(ctx.db, ctx.clock.now(), filter, page)).reverse()
  const sectionById = new Map((await listSections(ctx)).map((s) => [s.id, s]))
  const { defaultLanguage } = await getSiteSettings(ctx)
  const mediaIds = [
    ...new Set(rows.flatMap((r) => (r.featured_media_id === null ? [] : [r.featured_media_id]))),
  ]
  const media = new Map<number, MediaView>()
  for (let i = 0; i < mediaIds.length; i += LOOKUP_BATCH) {
    for (const [id, view] of await getMediaByIds(ctx, mediaIds.slice(i, i + LOOKUP_BATCH)))
      media.set(id, view)
  }
  return rows.flatMap((row) => {
    const section = sectionById.get(row.section_id)
    if (!section || row.published_at === null) return []
    return [
      {
        id: row.id,
        url: inLanguageOf(articleUrl(section.slug, row.slug), row.language, defaultLanguage),
        language: row.language,
        translationGroupId: row.translation_group_id,
        headline: row.headline,
        publishedAt: row.published_at,
        updatedAt: row.updated_at,
        image: row.featured_media_id === null ? undefined : media.get(row.featured_media_id),
      },
    ]
  })
}

/** Published stories per UTC month ("2026-11") in a language, with the newest change in each. */
export async function publishedMonths(
  ctx: AppContext,
  language: string,
): Promise<{ month: string; count: number; lastModified: string }[]> {
  return countPublishedByMonth(ctx.db, ctx.clock.now(), language)
}

/** Sections, tags and bylines that have published stories in the language (sitemaps). */
export async function publishedTopics(
  ctx: AppContext,
  language: string,
): Promise<{ sections: PublishedTopicRow[]; tags: PublishedTopicRow[]; authors: PublishedTopicRow[] }> {
  return listPublishedTopics(ctx.db, ctx.clock.now(), language)
}

/**
 * The newest twenty stories per source (the section, each tag: at most 120) are listed from
 * indexes; the best dozen by shared tags and section are read and scored in full (related.ts).
 * For a news site the related story worth suggesting is a recent one.
 */
const RELATED_CANDIDATES_PER_SOURCE = 20
const RELATED_SHORTLIST = 12

/** The "Check Also" story: the most related published story, never the story itself. */
export async function relatedArticle(
  ctx: AppContext,
  article: ArticleDetail,
): Promise<ArticleSummary | undefined> {
  const story = {
    id: article.id,
    sectionId: article.section.id,
    tagIds: article.tags.map((t) => t.id),
    text: `${article.headline} ${article.dek} ${article.excerpt}`,
    publishedAt: article.publishedAt,
  }
  const sources = await listRelatedSources(
    ctx.db,
    ctx.clock.now(),
    { id: article.id, language: article.language, sectionId: article.section.id, tagIds: story.tagIds },
    RELATED_CANDIDATES_PER_SOURCE,
  )
  const shortlist = shortlistRelated(article.id, sources, RELATED_SHORTLIST)
  // The rows were published when listed; a story unpublished since is simply not chosen.
  const [rows, tagIds] = await Promise.all([
    listSummaryRows(ctx.db, shortlist),
    tagIdsForArticles(ctx.db, shortlist),
  ])
  const best = chooseRelated(
    story,
    rows
      .filter((row) => row.status === 'published')
      .map((row) => ({
        row,
        id: row.id,
        sectionId: row.section_id,
        tagIds: tagIds.get(row.id) ?? [],
        text: `${row.headline} ${row.dek} ${row.excerpt ?? row.auto_excerpt}`,
        publishedAt: row.published_at ?? '',
      })),
  )
  if (!best) return undefined
  return (await toSummaries(ctx, [best.row]))[0]
}

export interface ArticleInput {
  headline: string
  slug?: string
  dek?: string
  bodyHtml: string
  excerpt?: string | null
  dateline?: string
  sectionId: number
  authorIds: number[]
  tagNames?: string[]
  featuredMediaId?: number | null
  featuredCaption?: string
  featuredCredit?: string
  language?: string
  status?: ArticleStatus
  publishedAt?: string | null
}

function validate(input: ArticleInput): string[] {
  const problems: string[] = []
  if (input.headline.trim() === '') problems.push('A headline is required')
  if (input.headline.length > 300) problems.push('The headline must be at most 300 characters')
  if (input.authorIds.length === 0) problems.push('A byline needs at least one author or agency')
  if (input.bodyHtml.length > 2_000_000) problems.push('The body is larger than 2 MB')
  if (input.publishedAt != null && Number.isNaN(Date.parse(input.publishedAt)))
    problems.push('The publication time is not a valid date')
  return problems
}

/** Creates a story (tags created on the fly) in one transaction. Returns its id. */
export async function createArticle(ctx: AppContext, _actor: Actor, input: ArticleInput): Promise<number> {
  const problems = validate(input)
  const slug = slugify(input.slug?.trim() || input.headline)
  if (slug === '') problems.push('The slug must contain at least one letter or digit')
  if (problems.length > 0) throw new ValidationError(problems)

  const language = input.language ?? ctx.config.defaultLanguage
  const bodyHtml = sanitizeBody(input.bodyHtml)
  const now = ctx.clock.now().toISOString()
  const status = input.status ?? 'draft'
  const publishedAt = input.publishedAt ?? (status === 'published' ? now : null)
  const dateline = (input.dateline ?? '').trim()

  let id: number
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const tx: AppContext = { ...ctx, db: trx }
      if (await isSlugTaken(trx, language, slug)) {
        throw new ConflictError('SLUG_TAKEN', `The slug "${slug}" is already used by another story`)
      }
      const row = await trx
        .insertInto('articles')
        .values({
          language,
          slug,
          headline: input.headline.trim(),
          dek: (input.dek ?? '').trim(),
          body_html: bodyHtml,
          excerpt: input.excerpt?.trim() || null,
          auto_excerpt: autoExcerpt(bodyHtml, dateline),
          dateline,
          section_id: input.sectionId,
          featured_media_id: input.featuredMediaId ?? null,
          featured_caption: input.featuredCaption ?? '',
          featured_credit: input.featuredCredit ?? '',
          status,
          published_at: publishedAt,
          updated_at: publishedAt && publishedAt > now ? publishedAt : (publishedAt ?? now),
          created_at: publishedAt && publishedAt < now ? publishedAt : now,
          correction_note: '',
          word_count: countWords(htmlToText(bodyHtml)),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const authorIds = [...new Set(input.authorIds)]
      await trx
        .insertInto('article_authors')
        .values(
          authorIds.map((authorId, position) => ({ article_id: row.id, author_id: authorId, position })),
        )
        .execute()
      const tagIds = await ensureTags(tx, input.tagNames ?? [])
      if (tagIds.length > 0) {
        await trx
          .insertInto('article_tags')
          .values(tagIds.map((tagId) => ({ article_id: row.id, tag_id: tagId })))
          .execute()
      }
      return row.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('SLUG_TAKEN', `The slug "${slug}" is already used by another story`)
    }
    throw error
  }
  // Emitted after the commit, so listeners (cache, search) read what readers will read. A story
  // dated in the future is announced by the scheduler when its time comes, not now.
  if (status === 'published' && publishedAt !== null && publishedAt <= now) {
    await ctx.events.emit({ type: 'article.published', articleId: id, at: now })
  }
  return id
}

/** Records an update to a published story, with the note readers see beside "Updated". */
export async function recordCorrection(
  ctx: AppContext,
  _actor: Actor,
  articleId: number,
  note: string,
  at: string = ctx.clock.now().toISOString(),
): Promise<void> {
  await ctx.db
    .updateTable('articles')
    .set({ correction_note: note.trim(), updated_at: at })
    .where('id', '=', articleId)
    .execute()
  await ctx.events.emit({ type: 'article.updated', articleId, at })
}

export interface ArticlePlacement {
  id: number
  language: string
  /** Its translation group: the pages of its translations link to it ("Read this in …"). */
  translationGroupId: number | null
  sectionId: number
  publishedAt: string | null
  tagIds: number[]
  authorIds: number[]
}

/** Where a story is listed (its section, tags, bylines, date), whatever its status; undefined if gone. */
export async function articlePlacement(
  ctx: AppContext,
  articleId: number,
): Promise<ArticlePlacement | undefined> {
  const row = await findArticlePlacement(ctx.db, articleId)
  if (!row) return undefined
  return {
    id: articleId,
    language: row.language,
    translationGroupId: row.translation_group_id,
    sectionId: row.section_id,
    publishedAt: row.published_at,
    tagIds: row.tag_ids,
    authorIds: row.author_ids,
  }
}

export type { ArticleRow }
