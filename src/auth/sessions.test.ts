import { describe, expect, it } from 'vitest'
import { isSessionExpired, SESSION_POLICY, sessionIdForToken, slidingExpiry } from './sessions.ts'

const now = new Date('2026-11-27T08:00:00.000Z')
const hours = (h: number) => h * 60 * 60 * 1000

describe('session expiry', () => {
  it('slides the idle deadline forward, but never past the absolute maximum', () => {
    const farAbsolute = new Date(now.getTime() + hours(100))
    expect(slidingExpiry(now, farAbsolute).getTime()).toBe(now.getTime() + SESSION_POLICY.idleMs)
    const nearAbsolute = new Date(now.getTime() + hours(1))
    expect(slidingExpiry(now, nearAbsolute)).toEqual(nearAbsolute)
  })

  it('is expired at either deadline', () => {
    const row = {
      idle_expires_at: '2026-11-27T09:00:00.000Z',
      absolute_expires_at: '2026-11-27T10:00:00.000Z',
    }
    expect(isSessionExpired(row, new Date('2026-11-27T08:59:59.000Z'))).toBe(false)
    expect(isSessionExpired(row, new Date('2026-11-27T09:00:00.000Z'))).toBe(true)
    const late = {
      idle_expires_at: '2026-11-28T00:00:00.000Z',
      absolute_expires_at: '2026-11-27T10:00:00.000Z',
    }
    expect(isSessionExpired(late, new Date('2026-11-27T10:00:00.000Z'))).toBe(true)
  })

  it('stores a SHA-256 of the token, never the token', () => {
    const id = sessionIdForToken('a-token-of-forty-three-characters-long-xxxx')
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    expect(id).not.toContain('a-token')
  })
})
