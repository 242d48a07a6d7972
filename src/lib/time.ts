// Times are stored in UTC and shown in the site's time zone. These helpers keep Intl in one place.

// An Intl.DateTimeFormat costs tens of microseconds to build and a page formats dozens of dates:
// each is built once per locale, zone and options. The keys come from a handful of languages and
// the admin's time zone; the bound only guards against a caller that would vary them endlessly.
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const MAX_DATE_FORMATS = 500

export function cachedDateFormat(
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...options })
    if (dateFormats.size >= MAX_DATE_FORMATS) dateFormats.clear()
    dateFormats.set(key, format)
  }
  return format
}

const OFFSET_PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
}

// "11/27/2026, 14:05:09" in en-US with h23: the numbers are read from the string, which is cheaper
// than formatToParts' objects on pages that show dozens of times.
const EN_US_PARTS = /^(\d{2})\/(\d{2})\/(\d+),? (\d{2}):(\d{2}):(\d{2})$/

function offsetMinutes(instant: Date, timeZone: string): number {
  const format = cachedDateFormat('en-US', timeZone, OFFSET_PARTS)
  const match = EN_US_PARTS.exec(format.format(instant))
  let year: number
  let month: number
  let day: number
  let hour: number
  let minute: number
  let second: number
  if (match) {
    ;[month, day, year, hour, minute, second] = match.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ]
  } else {
    // Years before 1000 or an ICU that formats differently: the general path.
    const parts = format.formatToParts(instant)
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0)
    ;[year, month, day, hour, minute, second] = [
      get('year'),
      get('month'),
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    ]
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
}

/** "2026-11-27T14:05:00+04:30": ISO 8601 in the site's zone, for <time datetime>, JSON-LD, feeds. */
export function toZonedIso(iso: string, timeZone: string): string {
  const instant = new Date(iso)
  const offset = offsetMinutes(instant, timeZone)
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset * 60000)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${local.toISOString().slice(0, 19)}${sign}${hh}:${mm}`
}

/** The calendar year and month of an instant in the site's zone. */
export function zonedYearMonth(iso: string, timeZone: string): { year: number; month: number } {
  const zoned = toZonedIso(iso, timeZone)
  return { year: Number(zoned.slice(0, 4)), month: Number(zoned.slice(5, 7)) }
}

/** The UTC instant of local midnight on a calendar day in the zone. */
function zonedMidnightUtc(year: number, month: number, day: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(year, month - 1, day))
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60000)
  // A second pass settles days on which the offset changes (daylight saving).
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60000)
}

/** [start, end) of a calendar month in the zone, as ISO UTC strings comparable with stored times. */
export function zonedMonthRange(
  year: number,
  month: number,
  timeZone: string,
): { start: string; end: string } {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 }
  return {
    start: zonedMidnightUtc(year, month, 1, timeZone).toISOString(),
    end: zonedMidnightUtc(next.year, next.month, 1, timeZone).toISOString(),
  }
}

export function formatDateTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return cachedDateFormat(locale, timeZone, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))
}

export function formatDate(iso: string, timeZone: string, locale = 'en-GB'): string {
  return cachedDateFormat(locale, timeZone, { dateStyle: 'long' }).format(new Date(iso))
}

export function formatMonth(year: number, month: number, locale = 'en-GB'): string {
  return cachedDateFormat(locale, 'UTC', { year: 'numeric', month: 'long' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  )
}
