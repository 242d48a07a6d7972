// Service view objects → the API's JSON (snake_case, absolute URLs). Only fields named in
// api-schemas.ts leave the server; these mappers build exactly those and nothing else.
import type { ArticleRecord } from '../articles/article-records.service.ts'
import type { AuthorView } from '../authors/authors.service.ts'
import type { MediaView } from '../media/media.service.ts'
import type { SectionView } from '../sections/sections.service.ts'
import type { TagView } from '../tags/tags.service.ts'
import type { ArticleField } from './api-schemas.ts'

export type Json = Record<string, unknown>

export function imageJson(siteUrl: string, image: MediaView | undefined): Json | null {
  if (!image) return null
  return {
    url: siteUrl + image.url,
    width: image.width,
    height: image.height,
    alt: image.alt,
    caption: image.caption,
    credit: image.credit,
  }
}

export function sectionRefJson(siteUrl: string, section: SectionView | undefined): Json | null {
  return section
    ? { id: section.id, slug: section.slug, name: section.name, url: siteUrl + section.url }
    : null
}

export function authorRefJson(siteUrl: string, author: AuthorView): Json {
  return { id: author.id, slug: author.slug, name: author.name, kind: author.kind, url: siteUrl + author.url }
}

export function tagRefJson(siteUrl: string, tag: TagView): Json {
  return { id: tag.id, slug: tag.slug, name: tag.name, url: siteUrl + tag.url }
}

/** The article's JSON, limited to `fields` when given (id always). */
export function articleJson(
  siteUrl: string,
  record: ArticleRecord,
  fields: ReadonlySet<ArticleField> | undefined,
): Json {
  const all: Record<ArticleField, unknown> = {
    slug: record.slug,
    language: record.language,
    status: record.status,
    url: siteUrl + record.url,
    path: record.url,
    headline: record.headline,
    dek: record.dek,
    excerpt: record.excerpt,
    dateline: record.dateline,
    published_at: record.publishedAt,
    updated_at: record.updatedAt,
    section: sectionRefJson(siteUrl, record.section),
    authors: record.authors.map((a) => authorRefJson(siteUrl, a)),
    tags: record.tags.map((t) => tagRefJson(siteUrl, t)),
    image: imageJson(siteUrl, record.image),
    image_caption: record.imageCaption,
    image_credit: record.imageCredit,
    correction_note: record.correctionNote,
    word_count: record.wordCount,
    translations: record.translations.map((t) => ({
      id: t.articleId,
      language: t.language,
      headline: t.headline,
      url: siteUrl + t.url,
    })),
    body_html: record.bodyHtml,
  }
  const json: Json = { id: record.id }
  for (const [name, value] of Object.entries(all) as [ArticleField, unknown][]) {
    if (value === undefined) continue
    if (fields === undefined || fields.has(name)) json[name] = value
  }
  return json
}
