// Reads /search's query string into a search, or into messages for the reader. Nothing here
// throws: a bad parameter is answered with the form, the message and a 400, never a 500.
import type { MessageValues } from '../i18n/messages.ts'
import { MAX_PAGE } from '../lib/pagination.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { toZonedIso } from '../lib/time.ts'
import { MAX_QUERY_LENGTH } from './search-query.ts'

/** A problem with the query string, as a message key of the site catalog, worded on the page. */
export interface SearchProblem {
  key: string
  values?: MessageValues
}

export interface SearchParams {
  q: string
  section: string
  author: string
  /** "2026-11-01", a day in the site's time zone, or ''. */
  from: string
  to: string
  page: number
}

/** The first value of a query-string parameter, or ''. */
function single(query: unknown, name: string): string {
  if (typeof query !== 'object' || query === null) return ''
  const value = (query as Record<string, unknown>)[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first.trim() : ''
}

export function readSearchParams(query: unknown): { params: SearchParams; problems: SearchProblem[] } {
  const problems: SearchProblem[] = []
  const q = single(query, 'q')
  if (q.length > MAX_QUERY_LENGTH)
    problems.push({ key: 'site.searchTooLong', values: { max: MAX_QUERY_LENGTH } })
  const section = single(query, 'section')
  if (section !== '' && !isPlausibleSlug(section)) problems.push({ key: 'site.searchNoSuchSection' })
  const author = single(query, 'author')
  if (author !== '' && !isPlausibleSlug(author)) problems.push({ key: 'site.searchNoSuchAuthor' })
  const from = single(query, 'from')
  const to = single(query, 'to')
  // The example is a machine-readable date, the format the field takes: it stays in Latin digits.
  if (from !== '' && !isCalendarDay(from))
    problems.push({ key: 'site.searchBadFrom', values: { example: '2026-11-27' } })
  if (to !== '' && !isCalendarDay(to))
    problems.push({ key: 'site.searchBadTo', values: { example: '2026-11-27' } })
  if (isCalendarDay(from) && isCalendarDay(to) && from > to) problems.push({ key: 'site.searchFromAfterTo' })
  const pageText = single(query, 'page')
  let page = 1
  if (pageText !== '') {
    page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : 0
    if (page < 1 || page > MAX_PAGE) {
      problems.push({ key: 'site.searchBadPage' })
      page = 1
    }
  }
  return { params: { q: q.slice(0, MAX_QUERY_LENGTH), section, author, from, to, page }, problems }
}

export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

/** Minutes east of UTC of the zone at an instant (from toZonedIso's offset). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const suffix = toZonedIso(instant.toISOString(), timeZone).slice(19)
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(suffix)
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/** The UTC instant of local midnight starting the day (YYYY-MM-DD) in the zone, as ISO text. */
export function zonedDayStart(day: string, timeZone: string): string {
  const guess = new Date(`${day}T00:00:00Z`)
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000)
  // A second pass settles days on which the offset changes (daylight saving).
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60_000).toISOString()
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

/** [start of `from`, end of `to`) in the zone; either side open when not given. */
export function publishedRange(
  from: string,
  to: string,
  timeZone: string,
): { start: string; end: string } | undefined {
  if (from === '' && to === '') return undefined
  return {
    start: from === '' ? '0000-01-01T00:00:00.000Z' : zonedDayStart(from, timeZone),
    end: to === '' ? '9999-12-31T23:59:59.999Z' : zonedDayStart(nextDay(to), timeZone),
  }
}

/** /search?… for these parameters (empty ones left out), e.g. for pagination links. */
export function searchUrl(params: SearchParams, page: number): string {
  const query = new URLSearchParams()
  for (const name of ['q', 'section', 'author', 'from', 'to'] as const) {
    if (params[name] !== '') query.set(name, params[name])
  }
  if (page > 1) query.set('page', String(page))
  const text = query.toString()
  return text === '' ? '/search' : `/search?${text}`
}
