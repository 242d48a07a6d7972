// `dateline import wordpress`: two passes over the export. The first checks the whole file and
// keeps the small things (terms, authors, attachments, a sample of links); nothing is written
// unless it succeeds, so a malformed or truncated file leaves the site untouched. Then terms,
// bylines and media are written, and the second pass streams the posts through map → write in
// batches. Everything is matched on WordPress IDs and GUIDs, so a second run (or a run after a
// crash) only adds what is missing.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { AppContext } from '../../context.ts'
import { reindexSearch } from '../../search/search.service.ts'
import { readerLanguage, SITE_LANGUAGES } from '../../settings/settings.service.ts'
import { ImportFileError } from './import-errors.ts'
import { emptyReport, type ImportReport, skip, warn } from './import-report.ts'
import { createImportState, type ImportState } from './import-state.ts'
import { type CommentCounts, type MappedStory, mapPost, mapRevision } from './map-post.ts'
import { parseWxr } from './parse-wxr.ts'
import { detectPermalinkStructure, oldPath } from './permalinks.ts'
import { scanWxr } from './scan-wxr.ts'
import type { AttachmentRef } from './shortcodes.ts'
import { mediaUrlFor, writeMedia } from './write-media.ts'
import { linkTranslations, writeStoryBatch } from './write-stories.ts'
import { writeTerms } from './write-terms.ts'

export type ImportPhase = 'checking' | 'media' | 'stories' | 'search'

export interface ImportProgress {
  phase: ImportPhase
  done: number
  total: number
}

export interface ImportOptions {
  file: string
  mediaDir?: string
  isDryRun?: boolean
  /** The old site's time zone, for drafts without GMT dates (default: the site's). */
  timeZone?: string
  /** Stories per transaction. */
  batchSize?: number
  /** Rebuild the search index at the end (default true). */
  shouldReindex?: boolean
  onProgress?: (progress: ImportProgress) => void
}

const READ_CHUNK = 1024 * 1024

async function* readFileChunks(file: string, onRead?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
    bytes += (chunk as Buffer).length
    onRead?.(bytes)
    yield chunk as Buffer
  }
}

function addComments(report: ImportReport, counts: CommentCounts): void {
  for (const key of Object.keys(counts) as (keyof CommentCounts)[]) report.comments[key] += counts[key]
}

export async function importWordPress(ctx: AppContext, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now()
  const isDryRun = options.isDryRun ?? false
  const report = emptyReport(options.file, isDryRun)
  const info = await stat(options.file).catch(() => undefined)
  if (!info?.isFile()) {
    throw new ImportFileError('IMPORT_FILE_UNREADABLE', `There is no file at ${options.file}`)
  }
  if (
    options.mediaDir !== undefined &&
    !(await stat(options.mediaDir).catch(() => undefined))?.isDirectory()
  ) {
    throw new ImportFileError('IMPORT_FILE_UNREADABLE', `--media-dir ${options.mediaDir} is not a folder`)
  }
  const progress = options.onProgress ?? (() => {})

  progress({ phase: 'checking', done: 0, total: info.size })
  const scan = await scanWxr(
    parseWxr(
      readFileChunks(options.file, (bytes) => progress({ phase: 'checking', done: bytes, total: info.size })),
    ),
  )
  const channel = scan.channel
  if (!channel)
    throw new ImportFileError('IMPORT_NOT_WXR', 'This is not a WordPress export: it has no channel')
  const baseUrl = (channel.baseBlogUrl || channel.link || channel.baseSiteUrl).trim().replace(/\/$/, '')
  const source = baseUrl || 'wordpress'
  report.wxrVersion = channel.wxrVersion
  report.source = source
  const structure = detectPermalinkStructure(
    scan.permalinkSamples.flatMap((s) => {
      const path = oldPath(s.path, baseUrl)
      return path === undefined ? [] : [{ ...s, path }]
    }),
  )
  report.permalinkStructure = structure

  const state: ImportState = createImportState(ctx, source, isDryRun, report)
  await writeTerms(state, scan, channel.title.trim() || ctx.config.siteName)
  await writeMedia(state, scan.attachments, options.mediaDir, baseUrl, (done, total) =>
    progress({ phase: 'media', done, total }),
  )

  const attachmentRef = (wpId: string): AttachmentRef | undefined => state.mediaByWpId.get(wpId)
  const childrenByParent = new Map<string, string[]>()
  for (const attachment of scan.attachments) {
    if (attachment.parentWpId === '' || attachment.parentWpId === '0') continue
    childrenByParent.set(attachment.parentWpId, [
      ...(childrenByParent.get(attachment.parentWpId) ?? []),
      attachment.wpId,
    ])
  }
  const language = await readerLanguage(ctx)
  const exportLanguage = channel.language.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (exportLanguage !== '' && exportLanguage !== language) {
    warn(
      report,
      'file',
      `the export's language is "${channel.language.trim()}"; stories were stored in the site's language (${language}): change it in the site settings if that is wrong`,
    )
  }
  const categorySlugByTermId = new Map(scan.categories.map((c) => [c.termId, c.slug]))
  const mapContext = {
    baseUrl,
    timeZone: options.timeZone ?? ctx.config.timeZone,
    defaultLanguage: language,
    languages: SITE_LANGUAGES,
    structure,
    now: state.now,
    categorySlugByTermId: (termId: string) => categorySlugByTermId.get(termId),
    attachment: attachmentRef,
    childrenOf: (wpId: string) =>
      (childrenByParent.get(wpId) ?? []).flatMap((id) => {
        const found = attachmentRef(id)
        return found ? [found] : []
      }),
    mediaUrlFor: (url: string) => mediaUrlFor(state, url),
  }

  const batchSize = options.batchSize ?? 250
  let batch: MappedStory[] = []
  const translationMembers: [string, string][] = []
  let done = 0
  const storiesStarted = performance.now()
  progress({ phase: 'stories', done: 0, total: scan.storyItems })
  for await (const record of parseWxr(readFileChunks(options.file))) {
    if (record.kind !== 'item') continue
    const type = record.item.postType.trim() || 'post'
    if (type === 'attachment') continue
    if (type === 'revision') {
      // Dateline's own exports write each story's revisions right after it.
      const revision = mapRevision(record.item, mapContext)
      const parent = revision && batch.findLast((story) => story.wpId === revision.parentWpId)
      if (revision && parent) parent.revisions.push(revision)
      else skip(report, 'revisions (WordPress keeps its own; only those of Dateline exports are imported)')
      continue
    }
    const outcome = mapPost(record.item, mapContext)
    addComments(report, outcome.comments)
    if (type === 'post' || type === 'page') done += 1
    if (outcome.kind === 'skip') {
      skip(report, outcome.reason)
      continue
    }
    // A full batch is written when the next story comes, so the revisions after its last story
    // still find it.
    if (batch.length >= batchSize) {
      await writeStoryBatch(state, batch)
      batch = []
      progress({ phase: 'stories', done, total: scan.storyItems })
    }
    batch.push(outcome.story)
    if (outcome.story.translationOfWpId !== undefined)
      translationMembers.push([outcome.story.wpId, outcome.story.translationOfWpId])
  }
  await writeStoryBatch(state, batch)
  await linkTranslations(state, translationMembers)
  progress({ phase: 'stories', done, total: scan.storyItems })
  const storySeconds = (performance.now() - storiesStarted) / 1000
  const written = report.imported.stories + report.imported.pages + report.alreadyImported.stories

  if (!isDryRun && (options.shouldReindex ?? true) && report.imported.stories + report.imported.pages > 0) {
    await reindexSearch(ctx, ({ done: indexed, total }) =>
      progress({ phase: 'search', done: indexed, total }),
    )
  }
  if (!isDryRun) {
    // Sections, tags, bylines and stories were written straight to the tables: in this process,
    // the remembered sections and every cached page may be out of date (as after a JSON import).
    await ctx.events.emitSiteChange({
      type: 'site.changed',
      what: 'import',
      at: ctx.clock.now().toISOString(),
    })
  }
  report.seconds = (performance.now() - started) / 1000
  report.storiesPerSecond = storySeconds > 0 ? written / storySeconds : 0
  return report
}
