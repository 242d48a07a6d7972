// Table types for Kysely. Times are ISO 8601 UTC strings ("2026-11-27T09:30:00.000Z") on both
// engines so that one schema and one set of queries serve SQLite and PostgreSQL alike (see
// docs/decisions/0002-one-schema-two-engines.md). Flags are integers 0/1 for the same reason.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished'
export type AuthorKind = 'person' | 'organization'
export type UserRole = 'admin' | 'editor' | 'author' | 'contributor'

export interface SectionsTable {
  id: Generated<number>
  slug: string
  name: string
  description: string
  parent_id: number | null
  position: number
  created_at: string
}

/** A section's name and description in a language other than the one on its sections row. */
export interface SectionTranslationsTable {
  section_id: number
  language: string
  name: string
  description: string
}

export interface TagsTable {
  id: Generated<number>
  slug: string
  name: string
  created_at: string
}

export interface MediaTable {
  id: Generated<number>
  /** Path below the media folder, e.g. "2026/11/dust-storm.jpg". */
  path: string
  mime_type: string
  width: number | null
  height: number | null
  bytes: number
  alt: string
  caption: string
  credit: string
  created_at: string
  /** The staff user who uploaded it (its owner in the capability table); null for seeds and imports. */
  uploaded_by: number | null
}

/** A resized copy of a media item, made at upload: one width in one format. */
export interface MediaVariantsTable {
  id: Generated<number>
  media_id: number
  /** Path below the media folder, e.g. "2026/11/k3v9…-dust-storm-720.webp". */
  path: string
  mime_type: string
  width: number
  height: number
  bytes: number
}

export interface AuthorsTable {
  id: Generated<number>
  slug: string
  name: string
  /** "organization" for agency credits such as "Dateline News" (schema.org Organization). */
  kind: AuthorKind
  job_title: string
  bio: string
  avatar_media_id: number | null
  /** A pseudonymous byline never links to or reveals the account behind it. */
  is_pseudonym: number
  user_id: number | null
  created_at: string
}

export interface ArticlesTable {
  id: Generated<number>
  language: string
  slug: string
  headline: string
  dek: string
  /** Sanitized HTML, sanitized on every write. */
  body_html: string
  /** The editor's own excerpt, or null to use auto_excerpt. */
  excerpt: string | null
  /** Computed on every write from the body: plain text, ~25 words, ending in "…". */
  auto_excerpt: string
  /** Place name shown in front of the first paragraph, e.g. "KABUL". */
  dateline: string
  section_id: number
  featured_media_id: number | null
  featured_caption: string
  featured_credit: string
  status: ArticleStatus
  published_at: string | null
  updated_at: string
  created_at: string
  /** Shown to readers as "Updated <time>" with a note, when an editor records one. */
  correction_note: string
  word_count: number
  /** Goes up by one at every save; a form posts the one it was opened at, so a stale save is caught. */
  revision: Generated<number>
  /** The staff user who created it (an owner in the capability table); null for imports and seeds. */
  created_by: number | null
  /** Shared by a story and its translations (one per language); null when it has none. */
  translation_group_id: number | null
}

export interface ArticleAuthorsTable {
  article_id: number
  author_id: number
  position: number
}

export interface ArticleTagsTable {
  article_id: number
  tag_id: number
  /** Copies of the story's, kept by triggers (migration 0012): never written by our code. */
  language: Generated<string | null>
  /** The story's publication time while it is published, else NULL (migration 0012). */
  published_at: Generated<string | null>
}

export interface RedirectsTable {
  id: Generated<number>
  from_path: string
  to_path: string
  status_code: number
  created_at: string
}

export interface UsersTable {
  id: Generated<number>
  email: string
  display_name: string
  role: UserRole
  /** "scrypt$N$r$p$salt$hash": parameters are stored so they can be raised later. */
  password_hash: string
  is_active: number
  created_at: string
  /** The admin's interface language ("en", "fa", "ps"); null follows the site's default language. */
  ui_language: string | null
}

export interface SettingsTable {
  key: string
  value: string
  updated_at: string
}

/** Where a session is: waiting for the second factor, or signed in. */
export type SessionStage = 'mfa' | 'active'

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  id: string
  user_id: number
  stage: SessionStage
  /** The secret that this session's CSRF tokens are made from. */
  csrf_secret: string
  created_at: string
  last_seen_at: string
  idle_expires_at: string
  absolute_expires_at: string
}

export interface LoginThrottlesTable {
  /** "account:<sha256 of e-mail>" or "ip:<sha256 of address>". */
  key: string
  failures: number
  window_started_at: string
  locked_until: string | null
}

export interface UserTotpTable {
  user_id: number
  /**
   * The base32 TOTP seed, sealed (src/lib/secret-box.ts). Null confirmed_at: set up but not yet
   * confirmed with a code.
   */
  secret: string
  confirmed_at: string | null
  /** The last time step accepted, so that a code is never accepted twice. */
  last_used_step: number | null
  created_at: string
}

export interface RecoveryCodesTable {
  id: Generated<number>
  user_id: number
  /** SHA-256 (hex) of the normalised code. */
  code_hash: string
  used_at: string | null
  created_at: string
}

export interface PasswordResetsTable {
  /** SHA-256 (hex) of the token in the link. */
  token_hash: string
  user_id: number
  created_at: string
  expires_at: string
}

/** A pending invitation: the account exists, but nobody can sign in to it until the link is used. */
export interface UserInvitesTable {
  /** SHA-256 (hex) of the token in the link. */
  token_hash: string
  user_id: number
  created_at: string
  expires_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  user_id: number | null
  /** For actions of the system itself (the CLI, the scheduler). */
  system_name: string | null
  /** The first characters of the session's id: ties entries to one sign-in, and is useless to replay. */
  session_ref: string | null
  action: string
  target_type: string | null
  target_id: string | null
  /** JSON object. */
  details: string
}

/** A snapshot of a story's words, kept at every save of a published story. */
export interface ArticleRevisionsTable {
  id: Generated<number>
  article_id: number
  /** The story's revision number after that save. */
  revision: number
  headline: string
  dek: string
  body_html: string
  excerpt: string | null
  dateline: string
  correction_note: string
  status: ArticleStatus
  /** Why it was kept: "saved", "published", "restored from revision 3"… */
  reason: string
  created_by: number | null
  created_at: string
}

/**
 * SQLite only: the FTS5 virtual table of the search index (rowid = article id). Text is folded
 * by src/search/normalize-text.ts; status is stored unindexed for the staff search. It lives in
 * the search database attached as `search` (src/search/sqlite-search-database.ts), written only
 * through the index writer (src/search/sqlite-index-writer.ts).
 */
export interface SearchFtsTable {
  rowid: number
  headline: string
  dek: string
  body: string
  tags: string
  authors: string
  status: ArticleStatus
}

/** PostgreSQL only: the search index, folded text and a weighted tsvector (never selected). */
export interface SearchDocumentsTable {
  article_id: number
  status: ArticleStatus
  headline: string
  dek: string
  body: string
  tags: string
  authors: string
  document: string
}

/** Views per story and day (in the site's time zone). Nothing about who read it. */
export interface ArticleViewsTable {
  article_id: number
  /** "2026-11-27" */
  day: string
  count: number
}

/** A content API key (src/api-keys): only its hash is stored. */
export interface ApiKeysTable {
  id: Generated<number>
  name: string
  /** SHA-256 (hex) of the key. */
  key_hash: string
  /** The first characters of the key, to tell keys apart in the admin. */
  prefix: string
  /** What the key may do beyond a reader: "drafts:read". */
  scope: string
  created_by: number | null
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

/** An address that receives signed POSTs on content events (src/webhooks). */
export interface WebhooksTable {
  id: Generated<number>
  url: string
  /** Comma-separated event types. */
  events: string
  /** The HMAC key, sealed (src/lib/secret-box.ts): signing needs it back, so it cannot be a hash. */
  secret: string
  is_enabled: number
  created_by: number | null
  created_at: string
  updated_at: string
}

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed'

/** One event to send to one webhook, with its attempts (the dispatcher's queue and the admin's log). */
export interface WebhookDeliveriesTable {
  id: Generated<number>
  webhook_id: number
  event_type: string
  article_id: number | null
  /** The exact JSON body every attempt sends. */
  payload: string
  status: WebhookDeliveryStatus
  attempts: number
  next_attempt_at: string
  claimed_until: string | null
  last_status_code: number | null
  last_error: string | null
  created_at: string
  updated_at: string
  delivered_at: string | null
}

/** What the WordPress importer has imported: matched on the next run so nothing is added twice. */
export interface WpImportMapTable {
  /** The exporting site's base blog URL. */
  source: string
  kind: 'post' | 'attachment' | 'category' | 'tag' | 'author' | 'coauthor'
  wp_id: string
  guid: string
  local_id: number
  created_at: string
}

/** A story's own title and description for search engines (imported from WordPress SEO plugins). */
export interface ArticleSeoTable {
  article_id: number
  /** '' = use the headline. */
  title: string
  /** '' = use the excerpt. */
  description: string
}

export interface Database {
  sections: SectionsTable
  section_translations: SectionTranslationsTable
  tags: TagsTable
  media: MediaTable
  media_variants: MediaVariantsTable
  authors: AuthorsTable
  articles: ArticlesTable
  article_authors: ArticleAuthorsTable
  article_tags: ArticleTagsTable
  redirects: RedirectsTable
  users: UsersTable
  settings: SettingsTable
  sessions: SessionsTable
  login_throttles: LoginThrottlesTable
  user_totp: UserTotpTable
  recovery_codes: RecoveryCodesTable
  password_resets: PasswordResetsTable
  user_invites: UserInvitesTable
  audit_log: AuditLogTable
  article_revisions: ArticleRevisionsTable
  search_fts: SearchFtsTable
  search_documents: SearchDocumentsTable
  article_views: ArticleViewsTable
  wp_import_map: WpImportMapTable
  article_seo: ArticleSeoTable
  api_keys: ApiKeysTable
  webhooks: WebhooksTable
  webhook_deliveries: WebhookDeliveriesTable
}

export type ArticleRow = Selectable<ArticlesTable>
export type NewArticleRow = Insertable<ArticlesTable>
export type ArticleUpdate = Updateable<ArticlesTable>
export type SectionRow = Selectable<SectionsTable>
export type TagRow = Selectable<TagsTable>
export type AuthorRow = Selectable<AuthorsTable>
export type MediaRow = Selectable<MediaTable>
export type MediaVariantRow = Selectable<MediaVariantsTable>
export type UserRow = Selectable<UsersTable>
export type SessionRow = Selectable<SessionsTable>
export type AuditLogRow = Selectable<AuditLogTable>
export type ArticleRevisionRow = Selectable<ArticleRevisionsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
export type WebhookRow = Selectable<WebhooksTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>
