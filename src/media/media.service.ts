import type { AppContext } from '../context.ts'
import type { MediaRow } from '../db/tables.ts'

/** What a template needs to show an image. */
export interface MediaView {
  id: number
  url: string
  width: number | null
  height: number | null
  alt: string
  caption: string
  credit: string
}

export function mediaUrl(path: string): string {
  return `/media/${path.split('/').map(encodeURIComponent).join('/')}`
}

export function toMediaView(row: MediaRow): MediaView {
  return {
    id: row.id,
    url: mediaUrl(row.path),
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
  }
}

export async function getMediaByIds(ctx: AppContext, ids: readonly number[]): Promise<Map<number, MediaView>> {
  if (ids.length === 0) return new Map()
  const rows = await ctx.db.selectFrom('media').selectAll().where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((row) => [row.id, toMediaView(row)]))
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
