// The automatic excerpt shown in "Check Also" boxes, lists and feeds: about 25 words of plain text,
// cut on a word boundary, ending in "…", with no markup, byline or dateline in it.
import { htmlToText } from './html-text.ts'

export const EXCERPT_WORDS = 25

/**
 * A dateline typed at the start of a story ("KABUL –", "KABUL (Dateline News) —") is not part of
 * the excerpt. An all-capitals place name, optionally followed by an agency in brackets, then a dash.
 */
const LEADING_DATELINE = /^[\p{Lu}][\p{Lu}\s.'’-]{1,40}(\([^)]{1,60}\))?\s*[–—-]+\s*/u

/** A byline line at the start of a body ("By Jane Doe", "Dateline News –") is dropped too. */
const LEADING_BYLINE = /^by\s+[^.!?]{1,80}?(\s+[–—-]+\s+|\n)/iu

export function stripLeadingDateline(text: string, dateline = ''): string {
  let rest = text.trimStart()
  if (dateline !== '') {
    const escaped = dateline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    rest = rest.replace(new RegExp(`^${escaped}\\s*(\\([^)]{1,60}\\))?\\s*[–—,:-]+\\s*`, 'iu'), '')
  }
  return rest.replace(LEADING_BYLINE, '').replace(LEADING_DATELINE, '')
}

export function excerptFromText(text: string, maxWords = EXCERPT_WORDS): string {
  const words = text
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '')
  if (words.length === 0) return ''
  if (words.length <= maxWords) return words.join(' ')
  // Drop trailing punctuation of the last kept word so we never print ",…" or ".…".
  const kept = words
    .slice(0, maxWords)
    .join(' ')
    .replace(/[\s,;:.!?،؛–—-]+$/u, '')
  return `${kept}…`
}

export function autoExcerpt(bodyHtml: string, dateline = '', maxWords = EXCERPT_WORDS): string {
  return excerptFromText(stripLeadingDateline(htmlToText(bodyHtml), dateline), maxWords)
}
