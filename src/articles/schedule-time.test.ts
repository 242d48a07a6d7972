import { describe, expect, it } from 'vitest'
import { siteLocalToUtc, utcToSiteLocal } from './schedule-time.ts'

describe('schedule time in the site zone', () => {
  it('reads Kabul local time (UTC+4:30) as UTC and back', () => {
    expect(siteLocalToUtc('2026-11-28T07:30', 'Asia/Kabul')).toBe('2026-11-28T03:00:00.000Z')
    expect(utcToSiteLocal('2026-11-28T03:00:00.000Z', 'Asia/Kabul')).toBe('2026-11-28T07:30')
  })

  it('handles a zone with daylight saving time', () => {
    expect(siteLocalToUtc('2026-07-01T12:00', 'Europe/London')).toBe('2026-07-01T11:00:00.000Z')
    expect(siteLocalToUtc('2026-12-01T12:00', 'Europe/London')).toBe('2026-12-01T12:00:00.000Z')
  })

  it('refuses what is not a datetime-local value', () => {
    expect(siteLocalToUtc('tomorrow', 'UTC')).toBeUndefined()
    expect(siteLocalToUtc('', 'UTC')).toBeUndefined()
  })
})
