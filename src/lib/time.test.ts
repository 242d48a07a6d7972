import { describe, expect, it } from 'vitest'
import { formatMonth, toZonedIso, zonedMonthRange, zonedYearMonth } from './time.ts'

describe('time in the site’s zone', () => {
  it('writes ISO 8601 with the Kabul offset', () => {
    expect(toZonedIso('2026-03-01T05:00:00.000Z', 'Asia/Kabul')).toBe('2026-03-01T09:30:00+04:30')
  })
  it('handles zones west of UTC and daylight saving', () => {
    expect(toZonedIso('2026-07-01T12:00:00.000Z', 'America/New_York')).toBe('2026-07-01T08:00:00-04:00')
    expect(toZonedIso('2026-01-01T12:00:00.000Z', 'America/New_York')).toBe('2026-01-01T07:00:00-05:00')
  })
  it('puts a story published late on the last day of a month in the right local month', () => {
    // 21:00 UTC on 31 October is 01:30 on 1 November in Kabul.
    expect(zonedYearMonth('2026-10-31T21:00:00.000Z', 'Asia/Kabul')).toEqual({ year: 2026, month: 11 })
  })
  it('gives the UTC bounds of a local calendar month', () => {
    expect(zonedMonthRange(2026, 11, 'Asia/Kabul')).toEqual({
      start: '2026-10-31T19:30:00.000Z',
      end: '2026-11-30T19:30:00.000Z',
    })
    expect(zonedMonthRange(2026, 12, 'UTC').end).toBe('2027-01-01T00:00:00.000Z')
  })
  it('names a month', () => {
    expect(formatMonth(2026, 11)).toBe('November 2026')
  })

  it('agrees with formatToParts for every hour of a year with transitions, in odd and changing zones', () => {
    const zones = ['Asia/Kabul', 'Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe', 'Europe/London', 'UTC']
    const start = Date.UTC(2026, 0, 1)
    for (const timeZone of zones) {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
      for (let hour = 0; hour < 365 * 24; hour += 7) {
        const instant = new Date(start + hour * 3_600_000 + 61_000)
        const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]))
        const local = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`
        expect(toZonedIso(instant.toISOString(), timeZone).slice(0, 19)).toBe(local)
      }
    }
  })
})
