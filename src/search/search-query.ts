// What a reader typed → the engines' query languages, built from our own tokens so that no
// character of the input is ever read as query syntax (quotes, *, NEAR, AND/OR, parentheses,
// colons, ^ and the like are separators to us). Words must all appear. The last one is matched as
// a whole word when that finds stories (a reader who typed "water" meant water, not waterfalls),
// and otherwise as the start of a word, so that results come while a word is being typed
// (search-index.ts decides, the engines match).
import { escapeHtml } from '../lib/escape-html.ts'
import { searchTokens } from './normalize-text.ts'

/** Longer queries are refused (400): nobody types them, and they cost a scan each. */
export const MAX_QUERY_LENGTH = 200
/** Words beyond these are ignored. */
export const MAX_QUERY_TOKENS = 12

export interface SearchQuery {
  /** Normalised words, at least one. */
  tokens: string[]
  /** The last word is matched only as a whole word; otherwise as the start of a word too. */
  isLastWordWhole: boolean
}

/**
 * The query's words, or undefined when it has none (an empty search shows just the form). The last
 * word is a prefix until the search index finds it whole (search-index.ts).
 */
export function parseSearchQuery(text: string): SearchQuery | undefined {
  const tokens = searchTokens(text).slice(0, MAX_QUERY_TOKENS)
  return tokens.length === 0 ? undefined : { tokens, isLastWordWhole: false }
}

/** The word the reader may still be typing. */
export function lastWord(query: SearchQuery): string {
  return query.tokens[query.tokens.length - 1] ?? ''
}

function fts5String(word: string): string {
  return `"${word.replaceAll('"', '""')}"`
}

/**
 * SQLite FTS5: every word a quoted string (so it is never an operator), joined by an explicit AND
 * (FTS5 reads "a" "b" as a AND b, but not before a parenthesised OR). The last one, unless it is
 * whole: any of `completions` (the index's words that start with it) when they are given, else a
 * prefix ("water"*).
 */
export function toFts5Match(query: SearchQuery, completions?: readonly string[]): string {
  const last = query.tokens.length - 1
  const terms = query.tokens.map((token, i) => {
    if (i !== last || query.isLastWordWhole) return fts5String(token)
    if (completions === undefined || completions.length === 0) return `${fts5String(token)}*`
    return `(${completions.map(fts5String).join(' OR ')})`
  })
  return terms.join(' AND ')
}

/** PostgreSQL to_tsquery: quoted lexemes joined with &, the last with :* (a prefix) unless whole. */
export function toTsQuery(query: SearchQuery): string {
  return query.tokens
    .map((token, i) => {
      const quoted = `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
      return i === query.tokens.length - 1 && !query.isLastWordWhole ? `${quoted}:*` : quoted
    })
    .join(' & ')
}

/** Private-use characters the engines put around matches; stored text never holds them. */
export const MARK_START = '\uE000'
export const MARK_END = '\uE001'

/**
 * Text with sentinel marks → safe HTML: the text is escaped first, and only then are the
 * sentinels turned into <mark> elements, always balanced.
 */
export function markedTextToHtml(text: string): string {
  let html = ''
  let isOpen = false
  for (const part of escapeHtml(text).split(/([\uE000\uE001])/u)) {
    if (part === MARK_START) {
      if (!isOpen) html += '<mark>'
      isOpen = true
    } else if (part === MARK_END) {
      if (isOpen) html += '</mark>'
      isOpen = false
    } else {
      html += part
    }
  }
  return isOpen ? `${html}</mark>` : html
}

/** The text without its marks. */
export function unmarkedText(text: string): string {
  return text.replace(/[\uE000\uE001]/gu, '')
}

/** Runs of letters, digits, marks and the joiners folding removes: what highlighting compares. */
const WORD_RUN = /[\p{L}\p{N}\p{M}\u200B-\u200D\u0640]+/gu

/** Whether a word run is one of the query's words (the last one maybe a prefix), as the engines match. */
function queryWordTest(query: SearchQuery): (run: string) => boolean {
  const last = query.isLastWordWhole ? -1 : query.tokens.length - 1
  const matches = (token: string): boolean =>
    query.tokens.some((q, i) => token === q || (i === last && token.startsWith(q)))
  // searchTokens of an ASCII run (most of a Latin-script text) is just its lower case: the
  // shortcut saves the normalisation of every word of a body.
  return (run) => (/^[A-Za-z0-9]+$/.test(run) ? matches(run.toLowerCase()) : searchTokens(run).some(matches))
}

/**
 * Marks the query's words in the original text (a headline), so that it is shown exactly as
 * written rather than folded: each word is compared in its normalised form, the query's last word
 * as a prefix, as the engines match. Word runs include the marks and joiners that folding removes.
 */
export function highlightWords(text: string, query: SearchQuery): string {
  const isQueryWord = queryWordTest(query)
  return text.replace(WORD_RUN, (run) => (isQueryWord(run) ? `${MARK_START}${run}${MARK_END}` : run))
}

/**
 * A passage of `text` around the first of the query's words, with every match marked: about
 * `length` words, "…" where it is cut. The words are marked as highlightWords marks a headline.
 */
export function snippetAround(text: string, query: SearchQuery, length = 24): string {
  const words = text.split(/\s+/).filter((w) => w !== '')
  const first = firstMatchingWord(text, query)
  // A little context before the first match, as a reader expects from a search snippet.
  const start = Math.max(0, Math.min(first === -1 ? 0 : first - 6, words.length - length))
  const end = Math.min(words.length, start + length)
  // Only the words shown are marked (a body has hundreds); the same result as marking the whole
  // text first, since a word run never spans white space.
  const shown = words.slice(start, end).map((w) => highlightWords(w, query))
  return `${start > 0 ? '…' : ''}${shown.join(' ')}${end < words.length ? '…' : ''}`
}

/** The index, among the white-space separated words of `text`, of the first with a query word; -1 if none. */
function firstMatchingWord(text: string, query: SearchQuery): number {
  const offset = isAsciiWords(text) ? firstAsciiMatch(text, query) : firstMatch(text, query)
  if (offset === -1) return -1
  const before = text.slice(0, offset)
  const wordsBefore = before.split(/\s+/).filter((w) => w !== '').length
  // A run that starts inside a word ("(water") belongs to the last word counted.
  return /\S$/.test(before) ? wordsBefore - 1 : wordsBefore
}

/** Where the first word run that is a query word starts, normalising run by run; -1 if none. */
function firstMatch(text: string, query: SearchQuery): number {
  const isQueryWord = queryWordTest(query)
  for (const match of text.matchAll(WORD_RUN)) if (isQueryWord(match[0])) return match.index
  return -1
}

/**
 * Whether every word run of the text is ASCII letters and digits: no letter, digit or mark
 * outside ASCII (punctuation such as – or ’ only separates runs, as spaces do). Then a run's one
 * token is its lower case, and lower-casing keeps every offset.
 */
function isAsciiWords(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: all of ASCII is removed, controls included
  const outsideAscii = text.replace(/[\x00-\x7F]+/g, '')
  return !/[\p{L}\p{N}\p{M}\u200B-\u200D\u0640]/u.test(outsideAscii)
}

/**
 * firstMatch for a text of ASCII word runs, by searching the lower-cased text for each query word
 * and keeping the occurrences that start a run (and end it, but for a last word that is a prefix):
 * the matching of a whole body went from ~0.3 ms to ~0.01 ms.
 */
function firstAsciiMatch(text: string, query: SearchQuery): number {
  const lower = text.toLowerCase()
  const isRunChar = (at: number): boolean => /[a-z0-9]/.test(lower[at] ?? '')
  const last = query.isLastWordWhole ? -1 : query.tokens.length - 1
  let first = -1
  query.tokens.forEach((token, i) => {
    for (
      let at = lower.indexOf(token);
      at !== -1 && (first === -1 || at < first);
      at = lower.indexOf(token, at + 1)
    ) {
      if (!isRunChar(at - 1) && (i === last || !isRunChar(at + token.length))) {
        first = at
        return
      }
    }
  })
  return first
}
