// The shape of Dateline's JSON export (version 2), shared by the exporter and `dateline import
// json`. Records are the database rows, snake_case, with their ids: an id is a reference inside
// the file (a story's author_ids name authors of the same file), never a promise about the site
// it is imported into, where everything is matched on natural keys (slugs, e-mail, media path,
// redirect path, setting key) and given new ids.
import type {
  ArticleRevisionRow,
  ArticleRow,
  AuthorRow,
  MediaRow,
  SectionRow,
  TagRow,
  UserRole,
} from '../db/tables.ts'

export const EXPORT_FORMAT = 'dateline-export'
/** 1: the first export (no section translations; pseudonyms' accounts listed). 2: the current one. */
export const EXPORT_VERSION = 2
export const READABLE_VERSIONS: readonly number[] = [1, 2]

/** What the header says about media files, for a person who opens the file. */
export const MEDIA_FILES_NOTE =
  'media[].path and media[].variants[].path are relative to the media folder (MEDIA_DIR); the files themselves are copied with `dateline export --copy-media <folder>` and brought in with `dateline import json --media-dir <folder>`'

export interface ExportedSectionTranslation {
  language: string
  name: string
  description: string
}

export interface ExportedSection extends SectionRow {
  /** The section's name in languages other than the site's default. */
  translations: ExportedSectionTranslation[]
}

/** A staff account without anything secret: no password hash, sessions, 2FA secrets or codes. */
export interface ExportedUser {
  id: number
  email: string
  display_name: string
  role: UserRole
  is_active: number
  created_at: string
  ui_language: string | null
}

/** user_id is null for a pseudonym: the export never ties a pseudonym to a person's account. */
export type ExportedAuthor = AuthorRow

export type ExportedTag = TagRow

export interface ExportedMediaVariant {
  path: string
  mime_type: string
  width: number
  height: number
  bytes: number
}

export interface ExportedMedia extends MediaRow {
  variants: ExportedMediaVariant[]
}

export type ExportedRevision = Omit<ArticleRevisionRow, 'article_id'> & { article_id?: number }

export interface ExportedStory extends ArticleRow {
  /** Bylines in the order readers see them. */
  author_ids: number[]
  tag_ids: number[]
  seo: { title: string; description: string } | null
  /** Oldest first. */
  revisions: ExportedRevision[]
}

export interface ExportedRedirect {
  id: number
  from_path: string
  to_path: string
  status_code: number
  created_at: string
}

export interface ExportedSetting {
  key: string
  value: string
  updated_at: string
}

/** The setting whose value is a media id (a reference inside the file, like any other id). */
export const LOGO_SETTING_KEY = 'logo_media_id'
