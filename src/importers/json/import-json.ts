// `dateline import json`: Dateline's own export (src/exporters/export-json.ts) read back into a
// site, everything it holds. The first pass reads the whole file and checks every record, writing
// nothing, so a damaged or truncated file leaves the site untouched; it also notes where each
// top-level list starts. Then each list is read again from there, in the order references need
// (sections, accounts, media, bylines, tags, stories, translation links, redirects, settings), a
// batch at a time, each batch in one transaction. Records are matched on natural keys, so a
// second run, or one after a crash, only adds what is missing. Memory holds one batch of records
// and the id maps (a few numbers per record), never the file.
import { stat } from 'node:fs/promises'
import type { AppContext } from '../../context.ts'
import { EXPORT_FORMAT, type ExportedSection, READABLE_VERSIONS } from '../../exporters/export-format.ts'
import { reindexSearch } from '../../search/search.service.ts'
import { ImportFileError } from '../wordpress/import-errors.ts'
import type { ImportProgress } from '../wordpress/import-wordpress.ts'
import { checkRecord, type ExportKey, isExportKey } from './check-records.ts'
import { emptyJsonReport, type JsonImportReport } from './json-import-report.ts'
import { createJsonImportState } from './json-import-state.ts'
import { readExport } from './read-export.ts'
import {
  writeAuthors,
  writeMedia,
  writeRedirects,
  writeSections,
  writeSettings,
  writeTags,
  writeUsers,
} from './write-site.ts'
import { linkTranslations, type TranslationMembers, writeStoryBatch } from './write-stories.ts'

export interface JsonImportOptions {
  file: string
  /** A folder laid out like the media folder (`dateline export --copy-media`), to copy files from. */
  mediaDir?: string
  isDryRun?: boolean
  /** Stories per transaction. */
  batchSize?: number
  /** Rebuild the search index at the end (default true). */
  shouldReindex?: boolean
  onProgress?: (progress: ImportProgress) => void
}

const BATCH = 500
const MEDIA_BATCH = 50

async function* inBatches<T>(records: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const record of records) {
    batch.push(record)
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

export async function importJson(ctx: AppContext, options: JsonImportOptions): Promise<JsonImportReport> {
  const started = performance.now()
  const isDryRun = options.isDryRun ?? false
  const report = emptyJsonReport(options.file, isDryRun)
  const info = await stat(options.file).catch(() => undefined)
  if (!info?.isFile())
    throw new ImportFileError('IMPORT_FILE_UNREADABLE', `There is no file at ${options.file}`)
  if (
    options.mediaDir !== undefined &&
    !(await stat(options.mediaDir).catch(() => undefined))?.isDirectory()
  ) {
    throw new ImportFileError('IMPORT_FILE_UNREADABLE', `--media-dir ${options.mediaDir} is not a folder`)
  }
  const progress = options.onProgress ?? (() => {})

  // First pass: check everything, note where each list starts.
  const starts = new Map<ExportKey, { offset: number; line: number }>()
  const counts = new Map<ExportKey, number>()
  const header = new Map<string, unknown>()
  const requireDatelineExport = (line: number) => {
    const format = header.get('format')
    const version = header.get('version')
    if (format !== EXPORT_FORMAT)
      throw new ImportFileError(
        'IMPORT_NOT_DATELINE_EXPORT',
        `This is not a Dateline export: it does not begin with "format": "${EXPORT_FORMAT}". A WordPress export is imported with \`dateline import wordpress\``,
        { line, column: 1 },
      )
    if (typeof version !== 'number' || !READABLE_VERSIONS.includes(version))
      throw new ImportFileError(
        'IMPORT_NOT_DATELINE_EXPORT',
        `This export is version ${String(version)}; this Dateline reads versions ${READABLE_VERSIONS.join(' and ')}. Import it with the Dateline that wrote it, or a newer one`,
        { line, column: 1 },
      )
  }
  progress({ phase: 'checking', done: 0, total: info.size })
  for await (const event of readExport(options.file, {
    onRead: (bytes) => progress({ phase: 'checking', done: bytes, total: info.size }),
  })) {
    if (event.kind === 'value') {
      if (isExportKey(event.key))
        throw new ImportFileError(
          'IMPORT_JSON_INVALID',
          `The file is not a valid export: "${event.key}" must be a list`,
          {
            line: event.line,
            column: 1,
          },
        )
      header.set(event.key, event.value)
      continue
    }
    requireDatelineExport(event.line)
    if (!isExportKey(event.key)) continue
    if (event.kind === 'array') {
      if (starts.has(event.key))
        throw new ImportFileError(
          'IMPORT_JSON_INVALID',
          `The file is not a valid export: "${event.key}" is there twice`,
          {
            line: event.line,
            column: 1,
          },
        )
      starts.set(event.key, event)
      continue
    }
    checkRecord(event.key, event.value, event.line)
    counts.set(event.key, (counts.get(event.key) ?? 0) + 1)
  }
  requireDatelineExport(1)
  report.version = header.get('version') as number
  report.source = typeof header.get('siteUrl') === 'string' ? (header.get('siteUrl') as string) : ''
  report.exportedAt = typeof header.get('exportedAt') === 'string' ? (header.get('exportedAt') as string) : ''

  async function* records<K extends ExportKey>(key: K): AsyncGenerator<ReturnType<typeof checkRecord<K>>> {
    const from = starts.get(key)
    if (!from) return
    for await (const event of readExport(options.file, { from })) {
      if (event.kind === 'element') yield checkRecord(key, event.value, event.line)
    }
  }

  const state = createJsonImportState(ctx, report, isDryRun, options.mediaDir)
  const sections: ExportedSection[] = []
  for await (const section of records('sections')) sections.push(section)
  await writeSections(state, sections)
  for await (const batch of inBatches(records('users'), BATCH)) await writeUsers(state, batch)
  const mediaTotal = counts.get('media') ?? 0
  let mediaDone = 0
  progress({ phase: 'media', done: 0, total: mediaTotal })
  for await (const batch of inBatches(records('media'), MEDIA_BATCH)) {
    await writeMedia(state, batch)
    mediaDone += batch.length
    progress({ phase: 'media', done: mediaDone, total: mediaTotal })
  }
  for await (const batch of inBatches(records('authors'), BATCH)) await writeAuthors(state, batch)
  for await (const batch of inBatches(records('tags'), BATCH)) await writeTags(state, batch)

  const storiesStarted = performance.now()
  const storyTotal = counts.get('stories') ?? 0
  let storiesDone = 0
  const members: TranslationMembers = []
  progress({ phase: 'stories', done: 0, total: storyTotal })
  for await (const batch of inBatches(records('stories'), options.batchSize ?? 200)) {
    await writeStoryBatch(state, batch, members)
    storiesDone += batch.length
    progress({ phase: 'stories', done: storiesDone, total: storyTotal })
  }
  await linkTranslations(state, members)
  const storySeconds = (performance.now() - storiesStarted) / 1000

  for await (const batch of inBatches(records('redirects'), BATCH)) await writeRedirects(state, batch)
  const settings = []
  for await (const setting of records('settings')) settings.push(setting)
  await writeSettings(state, settings)

  if (!isDryRun) {
    if ((options.shouldReindex ?? true) && report.imported.stories > 0) {
      await reindexSearch(ctx, ({ done, total }) => progress({ phase: 'search', done, total }))
    }
    // Sections, bylines, settings and stories all changed: every cached page may be out of date.
    await ctx.events.emitSiteChange({
      type: 'site.changed',
      what: 'import',
      at: ctx.clock.now().toISOString(),
    })
  }
  report.seconds = (performance.now() - started) / 1000
  report.storiesPerSecond = storySeconds > 0 ? report.imported.stories / storySeconds : 0
  return report
}
