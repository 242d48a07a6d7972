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
})
