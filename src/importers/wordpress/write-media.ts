// Attachments → media, from the files of the old site's uploads folder (--media-dir): nothing is
// downloaded. Each file goes through the media library's own processing, as an upload does
// (checked by its bytes, re-encoded without metadata, variants made), then is recorded in one
// transaction with its map row and the redirects from its old addresses. A missing or unreadable
// file is a warning, never the end of the import.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../errors.ts'
import { insertVariantRows } from '../../media/media.queries.ts'
import { mediaUrl, recordMedia } from '../../media/media.service.ts'
import {
  mediaFileStem,
  processImage,
  removeImageFiles,
  requireSupportedImage,
  writeImageFiles,
} from '../../media/media-processing.ts'
import { createLocalMediaStorage } from '../../media/storage.ts'
import { warn } from './import-report.ts'
import { addRedirects, fakeId, type ImportState, loadMapped, remember } from './import-state.ts'
import { oldPath, pathVariants } from './permalinks.ts'
import { type ScannedAttachment, uploadsRelative } from './scan-wxr.ts'

/** Images processed at once: sharp is multi-threaded already; a few overlap reading and encoding. */
const CONCURRENCY = 3

/** The lookup key of an uploads path: lower case, without WordPress's "-1024x683" size suffix. */
export function uploadKey(relative: string): string {
  return relative.toLowerCase().replace(/-\d+x\d+(\.[a-z0-9]+)$/, '$1')
}

function insideFolder(folder: string, relative: string): string | undefined {
  const root = path.resolve(folder)
  const target = path.resolve(root, relative)
  return target.startsWith(root + path.sep) ? target : undefined
}

function rememberUrls(state: ImportState, attachment: ScannedAttachment, url: string): void {
  for (const file of [attachment.file, ...attachment.sizeFiles]) {
    if (file !== '') {
      state.mediaUrlByUpload.set(file.toLowerCase(), url)
      state.mediaUrlByUpload.set(uploadKey(file), url)
    }
  }
}

async function importOne(
  state: ImportState,
  attachment: ScannedAttachment,
  mediaDir: string,
  baseUrl: string,
): Promise<void> {
  const report = state.report
  const label = `attachment ${attachment.wpId} "${attachment.title || attachment.file}"`
  const source = attachment.file === '' ? undefined : insideFolder(mediaDir, attachment.file)
  if (source === undefined || !(await stat(source).catch(() => undefined))?.isFile()) {
    report.media.missing += 1
    warn(report, label, `file not found in --media-dir: ${attachment.file || attachment.url}`)
    return
  }
  const data = await readFile(source)
  if (state.isDryRun) {
    try {
      requireSupportedImage(data)
    } catch (error) {
      report.media.failed += 1
      warn(report, label, error instanceof AppError ? error.message : String(error))
      return
    }
    state.mediaByWpId.set(attachment.wpId, {
      id: fakeId(state),
      url: `/media/${attachment.file}`,
      alt: attachment.alt,
      caption: attachment.caption,
    })
    rememberUrls(state, attachment, `/media/${attachment.file}`)
    report.imported.media += 1
    if (attachment.alt === '') report.media.withoutAlt += 1
    return
  }
  let processed: Awaited<ReturnType<typeof processImage>>
  try {
    processed = await processImage(data, mediaFileStem(new Date(state.now), path.basename(attachment.file)))
  } catch (error) {
    report.media.failed += 1
    warn(report, label, error instanceof AppError ? error.message : String(error))
    return
  }
  const { ctx } = state
  const files = [processed.original, ...processed.variants]
  const storage = ctx.mediaStorage ?? createLocalMediaStorage(ctx.config.mediaDir)
  await writeImageFiles(storage, files)
  const url = mediaUrl(processed.original.path)
  const redirects: { from: string; to: string }[] = []
  for (const file of [attachment.file, ...attachment.sizeFiles]) {
    const fromUrl = oldPath(attachment.url, baseUrl) ?? ''
    const prefix = fromUrl.slice(0, fromUrl.length - attachment.file.length)
    const uploads = prefix !== '' && fromUrl.endsWith(attachment.file) ? prefix : '/wp-content/uploads/'
    for (const from of pathVariants(encodeURI(`${uploads}${file}`))) redirects.push({ from, to: url })
  }
  const page = oldPath(attachment.link, baseUrl)
  if (page !== undefined && page !== '/')
    for (const from of pathVariants(page)) redirects.push({ from, to: url })
  redirects.push({ from: `/?attachment_id=${attachment.wpId}`, to: url })
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const mediaId = await recordMedia(
        { ...ctx, db: trx },
        {
          path: processed.original.path,
          mimeType: processed.original.mimeType,
          width: processed.original.width,
          height: processed.original.height,
          bytes: processed.original.bytes,
          alt: attachment.alt,
          caption: attachment.caption,
          credit: attachment.credit,
        },
      )
      await insertVariantRows(trx, mediaId, processed.variants)
      await remember(trx, state, 'attachment', attachment.wpId, attachment.guid, mediaId)
      report.imported.redirects += await addRedirects(trx, state, redirects)
      return mediaId
    })
    state.mediaByWpId.set(attachment.wpId, { id, url, alt: attachment.alt, caption: attachment.caption })
    rememberUrls(state, attachment, url)
    report.imported.media += 1
    if (attachment.alt === '') report.media.withoutAlt += 1
  } catch (error) {
    await removeImageFiles(
      storage,
      files.map((f) => f.path),
    )
    throw error
  }
}

/** Imports the attachments' files; those imported by an earlier run are only looked up. */
export async function writeMedia(
  state: ImportState,
  attachments: readonly ScannedAttachment[],
  mediaDir: string | undefined,
  baseUrl: string,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const mapped = await loadMapped(state, 'attachment')
  const known = [...mapped.values()]
  const rows = new Map<number, { path: string; alt: string; caption: string }>()
  for (let i = 0; i < known.length; i += 500) {
    const batch = await state.ctx.db
      .selectFrom('media')
      .select(['id', 'path', 'alt', 'caption'])
      .where('id', 'in', known.slice(i, i + 500))
      .execute()
    for (const row of batch) rows.set(row.id, row)
  }
  const todo: ScannedAttachment[] = []
  for (const attachment of attachments) {
    const id = mapped.get(attachment.wpId)
    const row = id === undefined ? undefined : rows.get(id)
    if (id !== undefined && row) {
      state.report.alreadyImported.media += 1
      state.mediaByWpId.set(attachment.wpId, {
        id,
        url: mediaUrl(row.path),
        alt: row.alt,
        caption: row.caption,
      })
      rememberUrls(state, attachment, mediaUrl(row.path))
    } else todo.push(attachment)
  }
  if (todo.length === 0) return
  if (mediaDir === undefined) {
    state.report.media.missing += todo.length
    warn(state.report, 'attachments', `${todo.length} attachments not imported: no --media-dir was given`)
    return
  }
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < todo.length) {
      const attachment = todo[next++]
      if (!attachment) break
      await importOne(state, attachment, mediaDir, baseUrl)
      done += 1
      onProgress(done, todo.length)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
}

/** The new address of an old upload URL (any size variant), if its file was imported. */
export function mediaUrlFor(state: ImportState, url: string): string | undefined {
  const relative = uploadsRelative(url)
  if (relative === undefined) return undefined
  return state.mediaUrlByUpload.get(relative.toLowerCase()) ?? state.mediaUrlByUpload.get(uploadKey(relative))
}
