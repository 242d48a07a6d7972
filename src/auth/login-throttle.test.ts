import { describe, expect, it } from 'vitest'
import { accountThrottleKey, afterFailure, type ThrottlePolicy } from './login-throttle.ts'

const policy: ThrottlePolicy = { maxFailures: 3, windowMs: 60_000, lockMs: 300_000 }
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 8, 0, seconds))

describe('afterFailure', () => {
  it('locks on the last allowed failure within the window, for the lock time', () => {
    let state = afterFailure(undefined, at(0), policy)
    state = afterFailure(state, at(10), policy)
    expect(state).toMatchObject({ failures: 2, lockedUntil: null })
    state = afterFailure(state, at(20), policy)
    expect(state.failures).toBe(3)
    expect(state.lockedUntil).toBe(new Date(at(20).getTime() + 300_000).toISOString())
  })

  it('starts counting again once the window is over', () => {
    let state = afterFailure(undefined, at(0), policy)
    state = afterFailure(state, at(10), policy)
    state = afterFailure(state, at(61), policy)
    expect(state).toMatchObject({ failures: 1, windowStartedAt: at(61).toISOString(), lockedUntil: null })
  })
})

describe('accountThrottleKey', () => {
  it('is the same for an address however it is typed, and does not contain it', () => {
    expect(accountThrottleKey(' Ed@News.TEST ')).toBe(accountThrottleKey('ed@news.test'))
    expect(accountThrottleKey('ed@news.test')).not.toContain('ed@')
  })
})
