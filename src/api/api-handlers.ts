// The content API's handlers: thin. Each reads its (already validated) parameters, calls the
// features' services, and maps the result with api-views.ts. Nothing here writes SQL.

import {
  type ArticleVisibility,
  getArticleRecord,
  listArticleRecords,
} from '../articles/article-records.service.ts'
import type { ArticleFilter } from '../articles/articles.queries.ts'
import { type AuthorView, findAuthorBySlug } from '../authors/authors.service.ts'
import { articleKey, authorKey, HOME_KEY, LATEST_KEY, sectionKey, tagKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { AppError, NotFoundError } from '../errors.ts'
import { getMediaByIds } from '../media/media.service.ts'
import { searchStories } from '../search/search.service.ts'
import { findSectionBySlug, listSections, sectionWithDescendantIds } from '../sections/sections.service.ts'
import { readerLanguage } from '../settings/settings.service.ts'
import { findTagBySlug, tagUrl } from '../tags/tags.service.ts'
import { API_PREFIX } from './api-routes.ts'
import { ARTICLE_FIELDS, ARTICLE_STATUSES, type ArticleField } from './api-schemas.ts'
import { publishedAuthorCounts, publishedSectionCounts, publishedTagCounts } from './api-topics.queries.ts'
import { articleJson, authorRefJson, imageJson, type Json, sectionRefJson } from './api-views.ts'

/** What a handler returns: the body, and the surrogate keys of what it shows. */
export interface ApiResult {
  body: Json
  surrogateKeys: string[]
}

/** Whether the request carries a valid key with the drafts:read scope. */
export interface ApiCaller {
  canReadDrafts: boolean
}

export function invalidParameter(message: string): AppError {
  return new AppError('INVALID_PARAMETER', message, 400)
}

function parseFields(fields: string | undefined, include: string | undefined): Set<ArticleField> | undefined {
  if (fields === undefined) return undefined
  const allowed = new Set<string>(ARTICLE_FIELDS)
  const chosen = new Set<ArticleField>()
  for (const name of fields.split(',')) {
    if (!allowed.has(name)) {
      throw invalidParameter(
        `fields: "${name.slice(0, 40)}" is not a field; choose from ${ARTICLE_FIELDS.join(', ')}`,
      )
    }
    chosen.add(name as ArticleField)
  }
  if (include === 'body') chosen.add('body_html')
  return chosen
}

function wantsBody(fields: Set<ArticleField> | undefined, include: string | undefined): boolean {
  return include === 'body' || fields?.has('body_html') === true
}

const DAY_MS = 24 * 60 * 60 * 1000

/** A bare day is UTC midnight; `until` of a bare day runs to the end of that day. */
function parseInstant(name: string, value: string, isEnd: boolean): string {
  const isDay = value.length === 10
  const time = Date.parse(isDay ? `${value}T00:00:00.000Z` : value)
  if (Number.isNaN(time) || (isDay && new Date(time).toISOString().slice(0, 10) !== value)) {
    throw invalidParameter(`${name}: "${value}" is not a real date`)
  }
  return new Date(isDay && isEnd ? time + DAY_MS : time).toISOString()
}

function pageLinks(
  ctx: AppContext,
  path: string,
  query: Record<string, unknown>,
  page: number,
  pages: number,
): Json {
  const urlFor = (n: number): string => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || key === 'page') continue
      params.set(key, String(value))
    }
    if (n > 1) params.set('page', String(n))
    const text = params.toString()
    return `${ctx.config.siteUrl}${API_PREFIX}${path}${text ? `?${text}` : ''}`
  }
  return {
    self: urlFor(page),
    first: urlFor(1),
    last: urlFor(pages),
    prev: page > 1 ? urlFor(Math.min(page - 1, pages)) : null,
    next: page < pages ? urlFor(page + 1) : null,
  }
}

function visibilityFor(caller: ApiCaller, status: string): ArticleVisibility {
  if (status === 'published') return { kind: 'published' }
  if (!caller.canReadDrafts) {
    throw new AppError(
      'API_KEY_REQUIRED',
      'Stories that are not published need an API key with the drafts:read scope (Authorization: Bearer <key>).',
      401,
    )
  }
  const statuses: readonly ArticleStatus[] = status === 'any' ? ARTICLE_STATUSES : [status as ArticleStatus]
  return { kind: 'statuses', statuses }
}

interface TopicFilter {
  filter: ArticleFilter
  keys: string[]
  /** A filter naming a section, tag or byline that does not exist matches nothing. */
  isEmpty: boolean
}

async function topicFilter(
  ctx: AppContext,
  query: { section?: string; tag?: string; author?: string; language?: string },
): Promise<TopicFilter> {
  const filter: ArticleFilter = {}
  const keys: string[] = []
  let isEmpty = false
  if (query.language !== undefined) filter.language = query.language
  if (query.section !== undefined) {
    const section = await findSectionBySlug(ctx, query.section)
    if (section) {
      filter.sectionIds = await sectionWithDescendantIds(ctx, section.id)
      keys.push(sectionKey(section.id))
    } else isEmpty = true
  }
  if (query.tag !== undefined) {
    const tag = await findTagBySlug(ctx, query.tag)
    if (tag) {
      filter.tagId = tag.id
      keys.push(tagKey(tag.id))
    } else isEmpty = true
  }
  if (query.author !== undefined) {
    const author = await findAuthorBySlug(ctx, query.author)
    if (author) {
      filter.authorId = author.id
      keys.push(authorKey(author.id))
    } else isEmpty = true
  }
  return { filter, keys, isEmpty }
}

export interface ArticleListQuery {
  section?: string
  tag?: string
  author?: string
  language?: string
  since?: string
  until?: string
  status: string
  page: number
  per_page: number
  fields?: string
  include?: string
}

export async function listArticles(
  ctx: AppContext,
  caller: ApiCaller,
  query: ArticleListQuery,
): Promise<ApiResult> {
  const visibility = visibilityFor(caller, query.status)
  const fields = parseFields(query.fields, query.include)
  const topics = await topicFilter(ctx, query)
  if (query.since !== undefined || query.until !== undefined) {
    topics.filter.publishedBetween = {
      start:
        query.since === undefined ? '0000-01-01T00:00:00.000Z' : parseInstant('since', query.since, false),
      end: query.until === undefined ? '9999-12-31T23:59:59.999Z' : parseInstant('until', query.until, true),
    }
  }
  const result = topics.isEmpty
    ? { items: [], total: 0, page: query.page, pageCount: 1 }
    : await listArticleRecords(ctx, visibility, topics.filter, {
        page: query.page,
        pageSize: query.per_page,
        withBody: wantsBody(fields, query.include),
      })
  const siteUrl = ctx.config.siteUrl
  return {
    body: {
      data: result.items.map((record) => articleJson(siteUrl, record, fields)),
      meta: { total: result.total, page: query.page, per_page: query.per_page, pages: result.pageCount },
      links: pageLinks(ctx, '/articles', { ...query }, query.page, result.pageCount),
    },
    // Every content event purges LATEST_KEY, so a list is never staler than its newest change.
    surrogateKeys: [LATEST_KEY, ...topics.keys, ...result.items.map((r) => articleKey(r.id))],
  }
}

export async function getArticle(
  ctx: AppContext,
  caller: ApiCaller,
  idOrSlug: string,
  query: { language?: string; fields?: string; include?: string },
): Promise<ApiResult> {
  const fields = parseFields(query.fields, query.include)
  const visibility: ArticleVisibility = caller.canReadDrafts
    ? { kind: 'statuses', statuses: ARTICLE_STATUSES }
    : { kind: 'published' }
  const key = /^\d{1,12}$/.test(idOrSlug)
    ? { id: Number(idOrSlug) }
    : { language: query.language ?? (await readerLanguage(ctx)), slug: idOrSlug }
  const record = await getArticleRecord(ctx, visibility, key, wantsBody(fields, query.include))
  if (!record) throw new NotFoundError('There is no published story with this id or slug.')
  return {
    body: { data: articleJson(ctx.config.siteUrl, record, fields) },
    surrogateKeys: [articleKey(record.id)],
  }
}

export async function listSectionsJson(ctx: AppContext): Promise<ApiResult> {
  const [sections, counts] = await Promise.all([
    listSections(ctx),
    publishedSectionCounts(ctx.db, ctx.clock.now()),
  ])
  const siteUrl = ctx.config.siteUrl
  return {
    body: {
      data: sections.map((s) => ({
        ...sectionRefJson(siteUrl, s),
        description: s.description,
        parent_id: s.parentId,
        article_count: counts.get(s.id) ?? 0,
      })),
    },
    surrogateKeys: [LATEST_KEY, HOME_KEY],
  }
}

export async function listTagsJson(ctx: AppContext): Promise<ApiResult> {
  const rows = await publishedTagCounts(ctx.db, ctx.clock.now())
  const siteUrl = ctx.config.siteUrl
  return {
    body: {
      data: rows.map((t) => ({
        id: t.id,
        slug: t.slug,
        name: t.name,
        url: siteUrl + tagUrl(t.slug),
        article_count: t.count,
      })),
    },
    surrogateKeys: [LATEST_KEY],
  }
}

export async function listAuthorsJson(ctx: AppContext): Promise<ApiResult> {
  const rows = await publishedAuthorCounts(ctx.db, ctx.clock.now())
  const avatars = await getMediaByIds(
    ctx,
    rows.flatMap((r) => (r.avatar_media_id === null ? [] : [r.avatar_media_id])),
  )
  const siteUrl = ctx.config.siteUrl
  return {
    body: {
      data: rows.map((r) => {
        const view: AuthorView = {
          id: r.id,
          slug: r.slug,
          name: r.name,
          kind: r.kind,
          jobTitle: r.job_title,
          bio: r.bio,
          avatar: r.avatar_media_id === null ? undefined : avatars.get(r.avatar_media_id),
          url: `/author/${encodeURIComponent(r.slug)}/`,
        }
        return {
          ...authorRefJson(siteUrl, view),
          job_title: view.jobTitle,
          bio: view.bio,
          avatar: imageJson(siteUrl, view.avatar),
          article_count: r.count,
        }
      }),
    },
    surrogateKeys: [LATEST_KEY],
  }
}

export interface SearchQueryParams {
  q: string
  language?: string
  section?: string
  author?: string
  page: number
  per_page: number
}

export async function searchJson(ctx: AppContext, query: SearchQueryParams): Promise<ApiResult> {
  const topics = await topicFilter(ctx, {
    section: query.section,
    author: query.author,
    language: query.language,
  })
  const results = topics.isEmpty
    ? { items: [], total: 0, page: query.page, pageCount: 1 }
    : await searchStories(ctx, query.q, {
        page: query.page,
        pageSize: query.per_page,
        ...(query.language === undefined ? {} : { language: query.language }),
        ...(topics.filter.sectionIds === undefined ? {} : { sectionIds: topics.filter.sectionIds }),
        ...(topics.filter.authorId === undefined ? {} : { authorId: topics.filter.authorId }),
      })
  const siteUrl = ctx.config.siteUrl
  return {
    body: {
      data: results.items.map((hit) => ({
        id: hit.id,
        headline: hit.headline,
        headline_html: hit.headlineHtml,
        snippet_html: hit.snippetHtml,
        url: siteUrl + hit.url,
        language: hit.language,
        published_at: hit.publishedAt,
        updated_at: hit.updatedAt,
        section: sectionRefJson(siteUrl, hit.section),
        authors: hit.authors.map((a) => authorRefJson(siteUrl, a)),
      })),
      meta: { total: results.total, page: query.page, per_page: query.per_page, pages: results.pageCount },
      links: pageLinks(ctx, '/search', { ...query }, query.page, results.pageCount),
    },
    surrogateKeys: [LATEST_KEY],
  }
}
