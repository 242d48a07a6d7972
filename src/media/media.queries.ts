// The only file that writes SQL for the media library (media and media_variants).
import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely'
import type { Database, MediaRow, MediaVariantRow } from '../db/tables.ts'

export interface MediaFilter {
  /** Words to find in the alt text, caption or credit. */
  q?: string
  /** Only items without alt text (the library's "missing alt" filter). */
  isMissingAlt?: boolean
  /** Only items with alt text: what may be put in a story. */
  isUsableOnly?: boolean
}

/** LIKE patterns treat % and _ as wildcards; a search for "100%" means the characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** A case-insensitive "contains", the same on both engines (explicit ESCAPE; lower() on both sides). */
function contains(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${likePattern(text.toLowerCase())} escape '\\'`
}

function filtered<O>(
  query: SelectQueryBuilder<Database, 'media', O>,
  filter: MediaFilter,
): SelectQueryBuilder<Database, 'media', O> {
  let q = query
  if (filter.isMissingAlt) q = q.where((eb) => eb(eb.fn('trim', ['media.alt']), '=', ''))
  if (filter.isUsableOnly) q = q.where((eb) => eb(eb.fn('trim', ['media.alt']), '<>', ''))
  const words = (filter.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)
  for (const word of words) {
    q = q.where((eb) =>
      eb.or(['media.alt', 'media.caption', 'media.credit', 'media.path'].map((c) => contains(c, word))),
    )
  }
  return q
}

export async function listMediaRows(
  db: Kysely<Database>,
  filter: MediaFilter,
  range: { limit: number; offset: number },
): Promise<MediaRow[]> {
  return filtered(db.selectFrom('media').selectAll('media'), filter)
    .orderBy('media.created_at', 'desc')
    .orderBy('media.id', 'desc')
    .limit(range.limit)
    .offset(range.offset)
    .execute()
}

export async function countMediaRows(db: Kysely<Database>, filter: MediaFilter): Promise<number> {
  const row = await filtered(
    db.selectFrom('media').select((eb) => eb.fn.countAll<number | string>().as('count')),
    filter,
  ).executeTakeFirst()
  return Number(row?.count ?? 0)
}

export async function findMediaRow(db: Kysely<Database>, id: number): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findMediaRows(db: Kysely<Database>, ids: readonly number[]): Promise<MediaRow[]> {
  if (ids.length === 0) return []
  return db
    .selectFrom('media')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute()
}

export async function variantRowsFor(
  db: Kysely<Database>,
  mediaIds: readonly number[],
): Promise<MediaVariantRow[]> {
  if (mediaIds.length === 0) return []
  return db
    .selectFrom('media_variants')
    .selectAll()
    .where('media_id', 'in', [...new Set(mediaIds)])
    .orderBy('media_id')
    .orderBy('width')
    .execute()
}

export interface NewVariantRow {
  path: string
  mimeType: string
  width: number
  height: number
  bytes: number
}

export async function insertVariantRows(
  db: Kysely<Database>,
  mediaId: number,
  variants: readonly NewVariantRow[],
): Promise<void> {
  if (variants.length === 0) return
  await db
    .insertInto('media_variants')
    .values(
      variants.map((v) => ({
        media_id: mediaId,
        path: v.path,
        mime_type: v.mimeType,
        width: v.width,
        height: v.height,
        bytes: v.bytes,
      })),
    )
    .execute()
}

export async function updateMediaText(
  db: Kysely<Database>,
  id: number,
  text: { alt: string; caption: string; credit: string },
): Promise<void> {
  await db.updateTable('media').set(text).where('id', '=', id).execute()
}

export async function deleteMediaRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('media_variants').where('media_id', '=', id).execute()
  await db.deleteFrom('media').where('id', '=', id).execute()
}

export interface MediaUsage {
  /** Stories (any status) that show it as their featured image or in their text. */
  articleIds: number[]
  /** Bylines that show it as their avatar. */
  authorIds: number[]
}

/**
 * Where an item is used. Read here rather than through the articles and authors services because
 * it is a question about the image that neither of them can ask without knowing media paths; it
 * only reads. `fileKey` is the random part every file of the item shares (see mediaFileStem), so
 * a picture placed in a story's text is found whichever width or format the text points at.
 */
export async function findMediaUsage(
  db: Kysely<Database>,
  id: number,
  fileKey: string | undefined,
): Promise<MediaUsage> {
  const articles = await db
    .selectFrom('articles')
    .select('id')
    .where((eb) =>
      fileKey
        ? eb.or([eb('featured_media_id', '=', id), contains('body_html', fileKey)])
        : eb('featured_media_id', '=', id),
    )
    .orderBy('id')
    .execute()
  const authors = await db
    .selectFrom('authors')
    .select('id')
    .where('avatar_media_id', '=', id)
    .orderBy('id')
    .execute()
  return { articleIds: articles.map((a) => a.id), authorIds: authors.map((a) => a.id) }
}
