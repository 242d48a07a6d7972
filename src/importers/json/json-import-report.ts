// What `dateline import json` did: counts of what was written, of what the site already had
// (matched on natural keys, left as it was: a rerun counts everything here), of what was skipped
// and why, the media files, and warnings naming the record they concern.

export const MAX_LISTED_WARNINGS = 2000

export const KINDS = [
  'sections',
  'users',
  'authors',
  'tags',
  'media',
  'stories',
  'revisions',
  'redirects',
  'settings',
  'translationLinks',
] as const
export type ImportedKind = (typeof KINDS)[number]

export interface JsonImportReport {
  file: string
  isDryRun: boolean
  /** The exporting site's address and the time of the export, from the file's header. */
  source: string
  exportedAt: string
  version: number
  imported: Record<ImportedKind, number>
  alreadyPresent: Record<ImportedKind, number>
  skipped: Record<string, number>
  media: {
    /** Files copied from --media-dir into the media folder. */
    filesCopied: number
    /** Files neither in --media-dir nor already in the media folder: their records are imported. */
    filesMissing: number
    /** Files refused: not an image, or a path outside the folder. */
    filesRefused: number
  }
  warnings: { item: string; message: string }[]
  warningCount: number
  seconds: number
  storiesPerSecond: number
}

const zero = (): Record<ImportedKind, number> =>
  Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ImportedKind, number>

export function emptyJsonReport(file: string, isDryRun: boolean): JsonImportReport {
  return {
    file,
    isDryRun,
    source: '',
    exportedAt: '',
    version: 0,
    imported: zero(),
    alreadyPresent: zero(),
    skipped: {},
    media: { filesCopied: 0, filesMissing: 0, filesRefused: 0 },
    warnings: [],
    warningCount: 0,
    seconds: 0,
    storiesPerSecond: 0,
  }
}

export function warnJson(report: JsonImportReport, item: string, message: string): void {
  report.warningCount += 1
  if (report.warnings.length < MAX_LISTED_WARNINGS) report.warnings.push({ item, message })
}

export function skipJson(report: JsonImportReport, reason: string): void {
  report.skipped[reason] = (report.skipped[reason] ?? 0) + 1
}

function counts(record: Record<ImportedKind, number>): string {
  const r = record
  return `${r.stories} stories (${r.revisions} revisions, ${r.translationLinks} in translation groups), ${r.sections} sections, ${r.tags} tags, ${r.authors} bylines, ${r.users} staff accounts, ${r.media} images, ${r.redirects} redirects, ${r.settings} settings`
}

/** The report as people read it in a terminal. */
export function formatJsonReport(report: JsonImportReport): string {
  const lines: string[] = []
  lines.push(
    `${report.isDryRun ? 'Dry run (nothing was written). ' : ''}Dateline export (version ${report.version}) of ${report.source || 'an unnamed site'}, made ${report.exportedAt || 'at an unknown time'}.`,
  )
  lines.push(`${report.isDryRun ? 'Would import' : 'Imported'}: ${counts(report.imported)}.`)
  const present = Object.values(report.alreadyPresent).reduce((a, b) => a + b, 0)
  if (present > 0)
    lines.push(
      `Already on the site (same slug, address or key; left as they are): ${counts(report.alreadyPresent)}.`,
    )
  if (report.imported.users > 0)
    lines.push(
      'Staff accounts come without passwords: give each person a link with `dateline user reset-password --email …`.',
    )
  const m = report.media
  lines.push(
    `Media files: ${m.filesCopied} copied${m.filesMissing > 0 ? `, ${m.filesMissing} missing (copy them into the media folder: their images show as broken until then)` : ''}${m.filesRefused > 0 ? `, ${m.filesRefused} refused (see warnings)` : ''}.`,
  )
  const skipped = Object.entries(report.skipped)
  if (skipped.length > 0) lines.push(`Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join('; ')}.`)
  if (report.warningCount > 0) {
    lines.push(`${report.warningCount} warnings:`)
    for (const w of report.warnings.slice(0, 50)) lines.push(`  - ${w.item}: ${w.message}`)
    if (report.warningCount > 50)
      lines.push(`  … and ${report.warningCount - 50} more (all of them with --report <file>)`)
  }
  lines.push(`${report.seconds.toFixed(1)} s, ${Math.round(report.storiesPerSecond)} stories per second.`)
  return lines.join('\n')
}
