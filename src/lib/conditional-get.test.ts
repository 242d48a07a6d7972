import { describe, expect, it } from 'vitest'
import { isNotModifiedSince } from './conditional-get.ts'

describe('isNotModifiedSince', () => {
  const modified = '2026-11-26T05:30:00.400Z'
  it('is true when the client has this second or later, ignoring milliseconds HTTP dates lack', () => {
    expect(isNotModifiedSince('Thu, 26 Nov 2026 05:30:00 GMT', modified)).toBe(true)
    expect(isNotModifiedSince('Thu, 26 Nov 2026 06:00:00 GMT', modified)).toBe(true)
  })
  it('is false for an older date, a malformed one or none', () => {
    expect(isNotModifiedSince('Thu, 26 Nov 2026 05:29:59 GMT', modified)).toBe(false)
    expect(isNotModifiedSince('yesterday', modified)).toBe(false)
    expect(isNotModifiedSince(undefined, modified)).toBe(false)
    expect(isNotModifiedSince('Thu, 26 Nov 2026 05:30:00 GMT', undefined)).toBe(false)
  })
})
