// What an import did, for the person who ran it: counts, what was skipped and why, warnings with
// the item they concern. Printed at the end and written as JSON with --report.
import type { CommentCounts } from './map-post.ts'

export interface ImportWarning {
  /** "post 12 “Water board…” (line 40)", "attachment 20", "file". */
  item: string
  message: string
}

export const MAX_LISTED_WARNINGS = 2000

export interface ImportReport {
  file: string
  isDryRun: boolean
  wxrVersion: string
  source: string
  permalinkStructure: string
  imported: {
    stories: number
    pages: number
    sections: number
    tags: number
    authors: number
    users: number
    media: number
    redirects: number
    /** Revisions of Dateline's own exports ("revision" items). */
    revisions: number
    /** Stories put back in a translation group (Dateline's own exports). */
    translationLinks: number
  }
  /** Found in the map from an earlier run: not written again. */
  alreadyImported: { stories: number; media: number; sections: number; tags: number; authors: number }
  /** Items that did not become stories, by reason. */
  skipped: Record<string, number>
  comments: CommentCounts & { stored: number; note: string }
  media: { missing: number; failed: number; withoutAlt: number }
  unknownShortcodes: Record<string, number>
  warnings: ImportWarning[]
  warningCount: number
  seconds: number
  storiesPerSecond: number
}

export function emptyReport(file: string, isDryRun: boolean): ImportReport {
  return {
    file,
    isDryRun,
    wxrVersion: '',
    source: '',
    permalinkStructure: 'unknown',
    imported: {
      stories: 0,
      pages: 0,
      sections: 0,
      tags: 0,
      authors: 0,
      users: 0,
      media: 0,
      redirects: 0,
      revisions: 0,
      translationLinks: 0,
    },
    alreadyImported: { stories: 0, media: 0, sections: 0, tags: 0, authors: 0 },
    skipped: {},
    comments: {
      approved: 0,
      pending: 0,
      spam: 0,
      trash: 0,
      pings: 0,
      notes: 0,
      stored: 0,
      note: 'Dateline has no comments yet: comments were counted, not imported. Editorial notes (WordPress 6.9 "note" comments) are never imported or shown.',
    },
    media: { missing: 0, failed: 0, withoutAlt: 0 },
    unknownShortcodes: {},
    warnings: [],
    warningCount: 0,
    seconds: 0,
    storiesPerSecond: 0,
  }
}

export function warn(report: ImportReport, item: string, message: string): void {
  report.warningCount += 1
  if (report.warnings.length < MAX_LISTED_WARNINGS) report.warnings.push({ item, message })
}

export function skip(report: ImportReport, reason: string): void {
  report.skipped[reason] = (report.skipped[reason] ?? 0) + 1
}

/** The report as people read it in a terminal. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = []
  const verb = report.isDryRun ? 'Would import' : 'Imported'
  const i = report.imported
  lines.push(
    `${report.isDryRun ? 'Dry run (nothing was written). ' : ''}WXR ${report.wxrVersion} from ${report.source || 'an unnamed site'}; permalinks ${report.permalinkStructure}.`,
  )
  lines.push(
    `${verb}: ${i.stories} stories, ${i.pages} pages, ${i.sections} sections, ${i.tags} tags, ${i.authors} bylines (${i.users} staff accounts without a password), ${i.media} images, ${i.redirects} redirects${i.revisions > 0 ? `, ${i.revisions} revisions` : ''}${i.translationLinks > 0 ? `, ${i.translationLinks} stories linked to their translations` : ''}.`,
  )
  const a = report.alreadyImported
  if (a.stories + a.media + a.sections + a.tags + a.authors > 0) {
    lines.push(
      `Already imported by an earlier run (left as they are): ${a.stories} stories, ${a.media} images, ${a.sections} sections, ${a.tags} tags, ${a.authors} bylines.`,
    )
  }
  const skipped = Object.entries(report.skipped)
  if (skipped.length > 0) lines.push(`Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join('; ')}.`)
  const c = report.comments
  lines.push(
    `Comments not imported (Dateline has no comments yet): ${c.approved} approved, ${c.pending} pending, ${c.spam} spam, ${c.trash} in the trash, ${c.pings} pingbacks/trackbacks; ${c.notes} private editorial notes (never imported).`,
  )
  if (report.media.missing + report.media.failed > 0) {
    lines.push(
      `Images not imported: ${report.media.missing} without a file (missing from --media-dir, or no --media-dir given), ${report.media.failed} that could not be read (see warnings).`,
    )
  }
  if (report.media.withoutAlt > 0)
    lines.push(`${report.media.withoutAlt} images have no alt text: add it in the media library.`)
  const unknown = Object.entries(report.unknownShortcodes)
  if (unknown.length > 0) {
    lines.push(
      `Shortcodes kept as text (check these stories): ${unknown.map(([name, n]) => `[${name}] ×${n}`).join(', ')}.`,
    )
  }
  if (report.warningCount > 0) {
    lines.push(`${report.warningCount} warnings:`)
    for (const w of report.warnings.slice(0, 50)) lines.push(`  - ${w.item}: ${w.message}`)
    if (report.warningCount > 50)
      lines.push(`  … and ${report.warningCount - 50} more (all of them with --report <file>)`)
  }
  lines.push(`${report.seconds.toFixed(1)} s, ${Math.round(report.storiesPerSecond)} stories per second.`)
  return lines.join('\n')
}
