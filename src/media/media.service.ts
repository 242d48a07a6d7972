// The media library's operations, shared by the public site, the admin, the story editor and the
// demo seed. Reads return MediaView (plain data a template needs, with the variants for srcset);
// writes take an explicit actor, are checked against the capability table and audited.
import { buffer } from 'node:stream/consumers'
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan, can } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import type { MediaRow, MediaVariantRow } from '../db/tables.ts'
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.ts'
import { PAGE_SIZE, type Page, pageCount } from '../lib/pagination.ts'
import {
  countMediaRows,
  deleteMediaRow,
  findMediaRow,
  findMediaRows,
  findMediaUsage,
  insertVariantRows,
  listMediaRows,
  type MediaFilter,
  type MediaUsage,
  updateMediaText,
  variantRowsFor,
} from './media.queries.ts'
import {
  type EncodedImage,
  type ImageFormat,
  makeVariants,
  mediaFileStem,
  processImage,
  removeImageFiles,
  stemKey,
  writeImageFiles,
} from './media-processing.ts'
import { createLocalMediaStorage, type MediaStorage } from './storage.ts'

/** The files' home: the context's storage, or the local media folder for a hand-made context. */
function storageOf(ctx: AppContext): MediaStorage {
  return ctx.mediaStorage ?? createLocalMediaStorage(ctx.config.mediaDir)
}

/** One <source> of a <picture>: a format and its widths. */
export interface ImageSource {
  type: string
  /** "url 360w, url 720w, …" */
  srcset: string
}

/** What a template needs to show an image. */
export interface MediaView {
  id: number
  url: string
  width: number | null
  height: number | null
  alt: string
  caption: string
  credit: string
  /** Modern formats, best first (AVIF, then WebP), for <source> elements. Empty without variants. */
  sources: ImageSource[]
  /** The original format's widths for the <img> itself; '' without variants (then only `url`). */
  srcset: string
  /** The smallest copy, for thumbnails; `url` when there are no variants. */
  thumbUrl: string
  /** For an <img src> beside srcset: a middling copy in the original's format, never the full size. */
  fallbackUrl: string
}

export function mediaUrl(path: string): string {
  return `/media/${path.split('/').map(encodeURIComponent).join('/')}`
}

const FALLBACK_WIDTH = 1080

/** Best first: a browser takes the first <source> whose type it knows. */
const SOURCE_ORDER = ['image/avif', 'image/webp']

export function toMediaView(row: MediaRow, variants: readonly MediaVariantRow[] = []): MediaView {
  const srcsetOf = (type: string) =>
    variants
      .filter((v) => v.mime_type === type)
      .sort((a, b) => a.width - b.width)
      .map((v) => `${mediaUrl(v.path)} ${v.width}w`)
      .join(', ')
  // The original's own format is the <img>'s srcset, so it is not repeated as a <source>.
  const sources = SOURCE_ORDER.filter((type) => type !== row.mime_type)
    .map((type) => ({ type, srcset: srcsetOf(type) }))
    .filter((s) => s.srcset !== '')
  // Thumbnails in WebP (or the original's format): every browser staff use shows them; AVIF not yet.
  const thumbRank = (v: MediaVariantRow) =>
    v.mime_type === 'image/webp' ? 0 : v.mime_type === row.mime_type ? 1 : 2
  const smallest = [...variants].sort((a, b) => a.width - b.width || thumbRank(a) - thumbRank(b))[0]
  const sameFormat = variants.filter((v) => v.mime_type === row.mime_type).sort((a, b) => a.width - b.width)
  const fallback = sameFormat.filter((v) => v.width <= FALLBACK_WIDTH).pop() ?? sameFormat[0]
  return {
    id: row.id,
    url: mediaUrl(row.path),
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    sources,
    srcset: srcsetOf(row.mime_type),
    thumbUrl: smallest ? mediaUrl(smallest.path) : mediaUrl(row.path),
    fallbackUrl: fallback ? mediaUrl(fallback.path) : mediaUrl(row.path),
  }
}

/** Whether an image may be put in a story or used as a featured image: it needs alt text. */
export function isUsable(media: Pick<MediaView, 'alt'>): boolean {
  return media.alt.trim() !== ''
}

async function viewsFor(
  ctx: AppContext,
  rows: readonly MediaRow[],
  variants?: readonly MediaVariantRow[],
): Promise<MediaView[]> {
  variants ??= await variantRowsFor(
    ctx.db,
    rows.map((r) => r.id),
  )
  const byMedia = new Map<number, MediaVariantRow[]>()
  for (const v of variants) byMedia.set(v.media_id, [...(byMedia.get(v.media_id) ?? []), v])
  return rows.map((row) => toMediaView(row, byMedia.get(row.id)))
}

export async function getMediaByIds(
  ctx: AppContext,
  ids: readonly number[],
): Promise<Map<number, MediaView>> {
  if (ids.length === 0) return new Map()
  const unique = [...new Set(ids)]
  // Both by the ids asked for, side by side: one round trip to the database instead of two, on
  // every uncached page with a featured image (a story page has two: its own and "Check Also").
  const [rows, variants] = await Promise.all([findMediaRows(ctx.db, unique), variantRowsFor(ctx.db, unique)])
  const views = await viewsFor(ctx, rows, variants)
  return new Map(views.map((view) => [view.id, view]))
}

/**
 * The image for use in a story or as a featured image, or a clear refusal: other services call
 * this before they store a media id, so an image without alt text never reaches readers.
 */
export async function requireUsableMedia(ctx: AppContext, id: number): Promise<MediaView> {
  const media = (await getMediaByIds(ctx, [id])).get(id)
  if (!media) throw new NotFoundError(`There is no image number ${id} in the media library.`)
  if (!isUsable(media)) throw altMissing(id)
  return media
}

/** The same check in the shape of a form problem (undefined when the image may be used). */
export async function usableMediaProblem(ctx: AppContext, id: number): Promise<string | undefined> {
  try {
    await requireUsableMedia(ctx, id)
    return undefined
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return error.message
    throw error
  }
}

function altMissing(id: number): AppError {
  return new AppError(
    'MEDIA_ALT_MISSING',
    `Image number ${id} has no alt text yet. Describe it in the media library (for readers who cannot see it) before using it.`,
    422,
  )
}

/** What the admin shows about an item, beyond the public view. */
export interface MediaItem extends MediaView {
  mimeType: string
  bytes: number
  createdAt: string
  uploadedBy: number | null
  isUsable: boolean
  /** Whether this actor may change its text (and delete it, unless it is in use). */
  canEdit: boolean
  canDelete: boolean
}

function toItem(actor: Actor, row: MediaRow, view: MediaView): MediaItem {
  const owned = { ownerUserIds: row.uploaded_by === null ? [] : [row.uploaded_by] }
  return {
    ...view,
    mimeType: row.mime_type,
    bytes: row.bytes,
    createdAt: row.created_at,
    uploadedBy: row.uploaded_by,
    isUsable: isUsable(view),
    canEdit: can(actor, 'media.edit', owned),
    canDelete: can(actor, 'media.delete', owned),
  }
}

export const MEDIA_PAGE_SIZE = PAGE_SIZE + 4

export async function listMedia(
  ctx: AppContext,
  actor: Actor,
  filter: MediaFilter,
  page: number,
  pageSize = MEDIA_PAGE_SIZE,
): Promise<Page<MediaItem>> {
  const [rows, total] = await Promise.all([
    listMediaRows(ctx.db, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
    countMediaRows(ctx.db, filter),
  ])
  const views = await viewsFor(ctx, rows)
  const items = rows.flatMap((row, i) => {
    const view = views[i]
    return view ? [toItem(actor, row, view)] : []
  })
  return { items, page, total, pageCount: pageCount(total, pageSize) }
}

export async function getMediaItem(ctx: AppContext, actor: Actor, id: number): Promise<MediaItem> {
  const row = await findMediaRow(ctx.db, id)
  if (!row) throw new NotFoundError('There is no such image in the media library (it may have been deleted).')
  const [view] = await viewsFor(ctx, [row])
  if (!view) throw new NotFoundError()
  return toItem(actor, row, view)
}

export async function getMediaUsage(ctx: AppContext, id: number): Promise<MediaUsage> {
  const row = await findMediaRow(ctx.db, id)
  if (!row) throw new NotFoundError('There is no such image in the media library.')
  return findMediaUsage(ctx.db, id, fileKeyOf(row))
}

/** Files the seed and the importer made keep their own names; only library uploads have a key. */
function fileKeyOf(row: MediaRow): string | undefined {
  const key = stemKey(row.path)
  return /^[0-9a-f]{16}$/.test(key) ? key : undefined
}

const MAX_TEXT = { alt: 500, caption: 1000, credit: 200 } as const

export interface MediaText {
  alt: string
  caption: string
  credit: string
}

function cleanText(input: Partial<MediaText>): MediaText {
  const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
  const text = { alt: clean(input.alt), caption: clean(input.caption), credit: clean(input.credit) }
  const problems: string[] = []
  if (text.alt.length > MAX_TEXT.alt)
    problems.push(`Alt text is at most ${MAX_TEXT.alt} characters: describe the picture briefly.`)
  if (text.caption.length > MAX_TEXT.caption)
    problems.push(`A caption is at most ${MAX_TEXT.caption} characters.`)
  if (text.credit.length > MAX_TEXT.credit)
    problems.push(`A credit is at most ${MAX_TEXT.credit} characters.`)
  if (problems.length > 0) throw new ValidationError(problems)
  return text
}

export interface UploadInput extends Partial<MediaText> {
  data: Buffer
  /** The name the file had on the uploader's computer: only a slug of it is used. */
  fileName: string
}

/**
 * Stores an upload: checks it by its content, makes the variants, writes the files (never over
 * another) and records everything in one transaction. Whatever fails, nothing is left behind.
 */
export async function uploadMedia(ctx: AppContext, actor: Actor, input: UploadInput): Promise<number> {
  assertCan(actor, 'media.upload')
  const text = cleanText(input)
  const processed = await processImage(input.data, mediaFileStem(ctx.clock.now(), input.fileName))
  const id = await storeProcessed(ctx, processed.original, processed.variants, {
    ...text,
    uploadedBy: actor.kind === 'user' ? actor.userId : null,
  })
  await recordAudit(
    ctx,
    actor,
    'media.uploaded',
    { type: 'media', id },
    {
      type: processed.original.mimeType,
      width: processed.original.width,
      height: processed.original.height,
      bytes: processed.original.bytes,
      variants: processed.variants.length,
      has_alt: text.alt !== '',
    },
  )
  return id
}

async function storeProcessed(
  ctx: AppContext,
  original: EncodedImage,
  variants: readonly EncodedImage[],
  meta: MediaText & { uploadedBy: number | null },
): Promise<number> {
  const files = [original, ...variants]
  await writeImageFiles(storageOf(ctx), files)
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('media')
        .values({
          path: original.path,
          mime_type: original.mimeType,
          width: original.width,
          height: original.height,
          bytes: original.bytes,
          alt: meta.alt,
          caption: meta.caption,
          credit: meta.credit,
          created_at: ctx.clock.now().toISOString(),
          uploaded_by: meta.uploadedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await insertVariantRows(trx, row.id, variants)
      return row.id
    })
  } catch (error) {
    await removeImageFiles(
      storageOf(ctx),
      files.map((f) => f.path),
    )
    throw error
  }
}

async function ownedRow(
  ctx: AppContext,
  actor: Actor,
  id: number,
  capability: 'media.edit' | 'media.delete',
) {
  const row = await findMediaRow(ctx.db, id)
  if (!row) throw new NotFoundError('There is no such image in the media library (it may have been deleted).')
  assertCan(actor, capability, { ownerUserIds: row.uploaded_by === null ? [] : [row.uploaded_by] })
  return row
}

/** Changes alt text, caption and credit. Stories showing the image are re-rendered (cache purge). */
export async function updateMedia(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<MediaText>,
): Promise<void> {
  const row = await ownedRow(ctx, actor, id, 'media.edit')
  const text = cleanText(input)
  await updateMediaText(ctx.db, id, text)
  const changed = (['alt', 'caption', 'credit'] as const).filter((k) => row[k] !== text[k])
  await recordAudit(ctx, actor, 'media.updated', { type: 'media', id }, { changed: changed.join(', ') })
  // Readers see the alt text and caption on every page that shows the image.
  const usage = await findMediaUsage(ctx.db, id, fileKeyOf(row))
  const at = ctx.clock.now().toISOString()
  for (const articleId of usage.articleIds) await ctx.events.emit({ type: 'article.updated', articleId, at })
}

/** Deletes an item and its files, unless a story or a byline still uses it. */
export async function deleteMedia(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await ownedRow(ctx, actor, id, 'media.delete')
  const usage = await findMediaUsage(ctx.db, id, fileKeyOf(row))
  if (usage.articleIds.length > 0 || usage.authorIds.length > 0) {
    const parts = [
      usage.articleIds.length > 0
        ? `${usage.articleIds.length} stor${usage.articleIds.length === 1 ? 'y' : 'ies'}`
        : '',
      usage.authorIds.length > 0
        ? `${usage.authorIds.length} author profile${usage.authorIds.length === 1 ? '' : 's'}`
        : '',
    ].filter(Boolean)
    throw new ConflictError(
      'MEDIA_IN_USE',
      `This image is used by ${parts.join(' and ')}, so it was not deleted. Remove it from them first.`,
    )
  }
  const variants = await variantRowsFor(ctx.db, [id])
  await ctx.db.transaction().execute((trx) => deleteMediaRow(trx, id))
  // Files go after the rows: a failure here leaves unreachable files, never a row without its file.
  await removeImageFiles(storageOf(ctx), [row.path, ...variants.map((v) => v.path)]).catch((error) =>
    ctx.log.error({ err: error, mediaId: id }, 'media files could not be removed'),
  )
  await recordAudit(ctx, actor, 'media.deleted', { type: 'media', id }, { path: row.path })
}

/**
 * Makes variants for an item recorded from a file already in the media folder (the demo seed), so
 * its pictures get srcset too. Any variants it had are replaced.
 */
export async function addVariants(
  ctx: AppContext,
  id: number,
  options: { widths?: readonly number[]; formats?: readonly ImageFormat[] } = {},
): Promise<number> {
  const row = await findMediaRow(ctx.db, id)
  if (!row) throw new NotFoundError(`There is no image number ${id} in the media library.`)
  const input = await buffer(storageOf(ctx).read(row.path))
  const variants = await makeVariants(input, row.path.replace(/\.[^./]+$/, ''), options)
  await writeImageFiles(storageOf(ctx), variants, { isReplacing: true })
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('media_variants').where('media_id', '=', id).execute()
    await insertVariantRows(trx, id, variants)
  })
  return variants.length
}

export interface NewMedia {
  path: string
  mimeType: string
  width: number | null
  height: number | null
  bytes: number
  alt: string
  caption?: string
  credit?: string
}

/** Records a file that is already in the media folder (the demo seed, importers). */
export async function recordMedia(ctx: AppContext, input: NewMedia): Promise<number> {
  const row = await ctx.db
    .insertInto('media')
    .values({
      path: input.path,
      mime_type: input.mimeType,
      width: input.width,
      height: input.height,
      bytes: input.bytes,
      alt: input.alt,
      caption: input.caption ?? '',
      credit: input.credit ?? '',
      created_at: ctx.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A file as feeds describe it (RSS enclosure, Media RSS): its address, type, size and pixels. */
export interface MediaFile {
  url: string
  mimeType: string
  bytes: number
  width: number | null
  height: number | null
}

/** Each item's original file, for feeds' enclosures (they need the byte length and MIME type). */
export async function getMediaFiles(
  ctx: AppContext,
  ids: readonly number[],
): Promise<Map<number, MediaFile>> {
  if (ids.length === 0) return new Map()
  const rows = await findMediaRows(ctx.db, [...new Set(ids)])
  return new Map(
    rows.map((row) => [
      row.id,
      {
        url: mediaUrl(row.path),
        mimeType: row.mime_type,
        bytes: row.bytes,
        width: row.width,
        height: row.height,
      },
    ]),
  )
}
