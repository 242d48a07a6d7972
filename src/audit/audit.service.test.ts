import { describe, expect, it } from 'vitest'
import { scrubDetails } from './audit.service.ts'

describe('scrubDetails', () => {
  it('drops every detail whose name could carry a secret', () => {
    const details = scrubDetails({
      password: 'x',
      newPassword: 'x',
      token: 'x',
      resetToken: 'x',
      totpSecret: 'x',
      code: '123456',
      recoveryCode: 'x',
      otp: 'x',
      sessionId: 'x',
      role: 'editor',
      method: 'totp',
      lockedUntil: '2026-11-27T08:15:00.000Z',
    })
    expect(details).toEqual({ role: 'editor', method: 'totp', lockedUntil: '2026-11-27T08:15:00.000Z' })
  })
})
