// Stories as the content API shows them: any visibility (readers' "published", or the statuses a
// draft-reading key asks for), with bylines, tags, section and image. The rows come from
// articles.queries.ts, where "published" is defined once; the rest through each feature's service.
import { type AuthorView, authorsForArticles } from '../authors/authors.service.ts'
import type { AppContext } from '../context.ts'
import type { ArticleRow, ArticleStatus } from '../db/tables.ts'
import { localizedPath } from '../i18n/languages.ts'
import { type Page, pageCount } from '../lib/pagination.ts'
import { getMediaByIds, type MediaView } from '../media/media.service.ts'
import { listSections, type SectionView } from '../sections/sections.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { type TagView, tagsForArticles } from '../tags/tags.service.ts'
import {
  type ArticleFilter,
  type ArticleSummaryRow,
  type ArticleVisibility,
  countVisibleArticles,
  findVisibleArticle,
  findVisibleBodies,
  listVisibleArticles,
} from './articles.queries.ts'
import { articleUrl, countPublished } from './articles.service.ts'
import { publishedTranslationGroups, type TranslationLink } from './translations.service.ts'

export type { ArticleVisibility }

export interface ArticleRecord {
  id: number
  language: string
  slug: string
  status: ArticleStatus
  /** The public path, with its language's prefix; readers reach it only once the story is published. */
  url: string
  headline: string
  dek: string
  excerpt: string
  dateline: string
  publishedAt: string | null
  updatedAt: string
  section: SectionView | undefined
  image: MediaView | undefined
  imageCaption: string
  imageCredit: string
  authors: AuthorView[]
  tags: TagView[]
  correctionNote: string
  wordCount: number
  /** Sanitized on write; present only when asked for. */
  bodyHtml?: string
  /** Its published translations in other languages (never a draft, whoever asks). */
  translations: TranslationLink[]
}

async function toRecords(
  ctx: AppContext,
  visibility: ArticleVisibility,
  rows: readonly ArticleSummaryRow[],
  withBody: boolean,
): Promise<ArticleRecord[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const now = ctx.clock.now()
  const [sections, authors, tags, media, bodies, settings, groups] = await Promise.all([
    listSections(ctx),
    authorsForArticles(ctx, ids),
    tagsForArticles(ctx, ids),
    getMediaByIds(
      ctx,
      rows.flatMap((r) => (r.featured_media_id === null ? [] : [r.featured_media_id])),
    ),
    withBody ? findVisibleBodies(ctx.db, now, visibility, ids) : Promise.resolve(new Map<number, string>()),
    getSiteSettings(ctx),
    publishedTranslationGroups(
      ctx,
      rows.flatMap((r) => (r.translation_group_id === null ? [] : [r.translation_group_id])),
    ),
  ])
  const sectionById = new Map(sections.map((s) => [s.id, s]))
  return rows.map((row) => {
    const section = sectionById.get(row.section_id)
    const image = row.featured_media_id === null ? undefined : media.get(row.featured_media_id)
    const record: ArticleRecord = {
      id: row.id,
      language: row.language,
      slug: row.slug,
      status: row.status,
      url: section
        ? localizedPath(articleUrl(section.slug, row.slug), row.language, settings.defaultLanguage)
        : '',
      headline: row.headline,
      dek: row.dek,
      excerpt: row.excerpt ?? row.auto_excerpt,
      dateline: row.dateline,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      section,
      image,
      imageCaption: row.featured_caption || image?.caption || '',
      imageCredit: row.featured_credit || image?.credit || '',
      authors: authors.get(row.id) ?? [],
      tags: tags.get(row.id) ?? [],
      correctionNote: row.correction_note,
      wordCount: row.word_count,
      translations:
        row.translation_group_id === null
          ? []
          : (groups.get(row.translation_group_id) ?? []).filter((t) => t.articleId !== row.id),
    }
    const body = bodies.get(row.id)
    if (withBody && body !== undefined) record.bodyHtml = body
    return record
  })
}

export async function listArticleRecords(
  ctx: AppContext,
  visibility: ArticleVisibility,
  filter: ArticleFilter,
  page: { page: number; pageSize: number; withBody: boolean },
): Promise<Page<ArticleRecord>> {
  const now = ctx.clock.now()
  const [rows, total] = await Promise.all([
    listVisibleArticles(ctx.db, now, visibility, filter, {
      limit: page.pageSize,
      offset: (page.page - 1) * page.pageSize,
    }),
    // Readers' lists count what listing pages count, and share the remembered counts.
    visibility.kind === 'published'
      ? countPublished(ctx, filter)
      : countVisibleArticles(ctx.db, now, visibility, filter),
  ])
  return {
    items: await toRecords(ctx, visibility, rows, page.withBody),
    page: page.page,
    total,
    pageCount: pageCount(total, page.pageSize),
  }
}

export async function getArticleRecord(
  ctx: AppContext,
  visibility: ArticleVisibility,
  key: { id: number } | { language: string; slug: string },
  withBody: boolean,
): Promise<ArticleRecord | undefined> {
  const row: ArticleRow | undefined = await findVisibleArticle(ctx.db, ctx.clock.now(), visibility, key)
  if (!row) return undefined
  const [record] = await toRecords(ctx, visibility, [row], withBody)
  return record
}
