// Every record of an export is checked for the fields and types it needs before anything is
// written (the first pass runs these on the whole file), so a hand-edited or damaged file fails
// with the line of the bad record instead of leaving half a site. Fields that version 1 of the
// export did not have get their empty value. Values are not trusted beyond their type: bodies
// are sanitized again, slugs and statuses checked when written.

import type { ArticleStatus, AuthorKind, UserRole } from '../../db/tables.ts'
import type {
  ExportedAuthor,
  ExportedMedia,
  ExportedRedirect,
  ExportedRevision,
  ExportedSection,
  ExportedSetting,
  ExportedStory,
  ExportedTag,
  ExportedUser,
} from '../../exporters/export-format.ts'
import { ImportFileError } from '../wordpress/import-errors.ts'

type Json = Record<string, unknown>

class RecordProblem extends Error {}

function object(value: unknown, what: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new RecordProblem(`${what} is not an object`)
  return value as Json
}

function text(record: Json, key: string, fallback?: string): string {
  const value = record[key]
  if (typeof value === 'string') return value
  if (value === undefined && fallback !== undefined) return fallback
  throw new RecordProblem(`"${key}" must be text`)
}

/** A point in time, stored as the site stores them (ISO 8601 UTC): anything else would break pages. */
function time(record: Json, key: string): string {
  const value = text(record, key)
  const parsed = Date.parse(value)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(parsed))
    throw new RecordProblem(`"${key}" must be a time such as 2026-11-27T09:30:00.000Z`)
  return new Date(parsed).toISOString()
}

function nullableTime(record: Json, key: string): string | null {
  return record[key] === null || record[key] === undefined ? null : time(record, key)
}

function nullableText(record: Json, key: string): string | null {
  const value = record[key]
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  throw new RecordProblem(`"${key}" must be text or null`)
}

function integer(record: Json, key: string, fallback?: number): number {
  const value = record[key]
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (value === undefined && fallback !== undefined) return fallback
  throw new RecordProblem(`"${key}" must be a whole number`)
}

function nullableInteger(record: Json, key: string): number | null {
  const value = record[key]
  if (value === null || value === undefined) return null
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  throw new RecordProblem(`"${key}" must be a whole number or null`)
}

function list(record: Json, key: string): unknown[] {
  const value = record[key]
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new RecordProblem(`"${key}" must be a list`)
  return value
}

function integers(record: Json, key: string): number[] {
  return list(record, key).map((value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value
    throw new RecordProblem(`"${key}" must be a list of whole numbers`)
  })
}

export function checkSection(value: unknown): ExportedSection {
  const r = object(value, 'a section')
  return {
    id: integer(r, 'id'),
    slug: text(r, 'slug'),
    name: text(r, 'name'),
    description: text(r, 'description', ''),
    parent_id: nullableInteger(r, 'parent_id'),
    position: integer(r, 'position', 0),
    created_at: time(r, 'created_at'),
    translations: list(r, 'translations').map((t) => {
      const translation = object(t, 'a section translation')
      return {
        language: text(translation, 'language'),
        name: text(translation, 'name'),
        description: text(translation, 'description', ''),
      }
    }),
  }
}

export function checkUser(value: unknown): ExportedUser {
  const r = object(value, 'a user')
  return {
    id: integer(r, 'id'),
    email: text(r, 'email'),
    display_name: text(r, 'display_name'),
    role: text(r, 'role') as UserRole,
    is_active: integer(r, 'is_active', 1),
    created_at: time(r, 'created_at'),
    ui_language: nullableText(r, 'ui_language'),
  }
}

export function checkAuthor(value: unknown): ExportedAuthor {
  const r = object(value, 'a byline')
  return {
    id: integer(r, 'id'),
    slug: text(r, 'slug'),
    name: text(r, 'name'),
    kind: text(r, 'kind', 'person') as AuthorKind,
    job_title: text(r, 'job_title', ''),
    bio: text(r, 'bio', ''),
    avatar_media_id: nullableInteger(r, 'avatar_media_id'),
    is_pseudonym: integer(r, 'is_pseudonym', 0),
    user_id: nullableInteger(r, 'user_id'),
    created_at: time(r, 'created_at'),
  }
}

export function checkTag(value: unknown): ExportedTag {
  const r = object(value, 'a tag')
  return {
    id: integer(r, 'id'),
    slug: text(r, 'slug'),
    name: text(r, 'name'),
    created_at: time(r, 'created_at'),
  }
}

export function checkMedia(value: unknown): ExportedMedia {
  const r = object(value, 'a media item')
  return {
    id: integer(r, 'id'),
    path: text(r, 'path'),
    mime_type: text(r, 'mime_type'),
    width: nullableInteger(r, 'width'),
    height: nullableInteger(r, 'height'),
    bytes: integer(r, 'bytes', 0),
    alt: text(r, 'alt', ''),
    caption: text(r, 'caption', ''),
    credit: text(r, 'credit', ''),
    created_at: time(r, 'created_at'),
    uploaded_by: nullableInteger(r, 'uploaded_by'),
    variants: list(r, 'variants').map((v) => {
      const variant = object(v, 'a media variant')
      return {
        path: text(variant, 'path'),
        mime_type: text(variant, 'mime_type'),
        width: integer(variant, 'width'),
        height: integer(variant, 'height'),
        bytes: integer(variant, 'bytes', 0),
      }
    }),
  }
}

function checkRevision(value: unknown): ExportedRevision {
  const r = object(value, 'a revision')
  return {
    id: integer(r, 'id', 0),
    revision: integer(r, 'revision'),
    headline: text(r, 'headline'),
    dek: text(r, 'dek', ''),
    body_html: text(r, 'body_html'),
    excerpt: nullableText(r, 'excerpt'),
    dateline: text(r, 'dateline', ''),
    correction_note: text(r, 'correction_note', ''),
    status: text(r, 'status') as ArticleStatus,
    reason: text(r, 'reason', ''),
    created_by: nullableInteger(r, 'created_by'),
    created_at: time(r, 'created_at'),
  }
}

export function checkStory(value: unknown): ExportedStory {
  const r = object(value, 'a story')
  const seo = r.seo === null || r.seo === undefined ? null : object(r.seo, '"seo"')
  return {
    id: integer(r, 'id'),
    language: text(r, 'language'),
    slug: text(r, 'slug'),
    headline: text(r, 'headline'),
    dek: text(r, 'dek', ''),
    body_html: text(r, 'body_html'),
    excerpt: nullableText(r, 'excerpt'),
    auto_excerpt: text(r, 'auto_excerpt', ''),
    dateline: text(r, 'dateline', ''),
    section_id: integer(r, 'section_id'),
    featured_media_id: nullableInteger(r, 'featured_media_id'),
    featured_caption: text(r, 'featured_caption', ''),
    featured_credit: text(r, 'featured_credit', ''),
    status: text(r, 'status') as ArticleStatus,
    published_at: nullableTime(r, 'published_at'),
    updated_at: time(r, 'updated_at'),
    created_at: time(r, 'created_at'),
    correction_note: text(r, 'correction_note', ''),
    word_count: integer(r, 'word_count', 0),
    revision: integer(r, 'revision', 1),
    created_by: nullableInteger(r, 'created_by'),
    translation_group_id: nullableInteger(r, 'translation_group_id'),
    author_ids: integers(r, 'author_ids'),
    tag_ids: integers(r, 'tag_ids'),
    seo: seo ? { title: text(seo, 'title', ''), description: text(seo, 'description', '') } : null,
    revisions: list(r, 'revisions').map(checkRevision),
  }
}

export function checkRedirect(value: unknown): ExportedRedirect {
  const r = object(value, 'a redirect')
  return {
    id: integer(r, 'id', 0),
    from_path: text(r, 'from_path'),
    to_path: text(r, 'to_path'),
    status_code: integer(r, 'status_code', 301),
    created_at: time(r, 'created_at'),
  }
}

export function checkSetting(value: unknown): ExportedSetting {
  const r = object(value, 'a setting')
  return { key: text(r, 'key'), value: text(r, 'value'), updated_at: time(r, 'updated_at') }
}

export const CHECKS = {
  sections: checkSection,
  users: checkUser,
  authors: checkAuthor,
  tags: checkTag,
  media: checkMedia,
  stories: checkStory,
  redirects: checkRedirect,
  settings: checkSetting,
} as const

export type ExportKey = keyof typeof CHECKS

export function isExportKey(key: string): key is ExportKey {
  return Object.hasOwn(CHECKS, key)
}

/** The record, checked; an ImportFileError naming the line when it is not what the export writes. */
export function checkRecord<K extends ExportKey>(
  key: K,
  value: unknown,
  line: number,
): ReturnType<(typeof CHECKS)[K]> {
  try {
    return CHECKS[key](value) as ReturnType<(typeof CHECKS)[K]>
  } catch (error) {
    if (!(error instanceof RecordProblem)) throw error
    throw new ImportFileError(
      'IMPORT_JSON_INVALID',
      `The file is not a valid export: an element of "${key}": ${error.message}`,
      { line, column: 1 },
    )
  }
}
