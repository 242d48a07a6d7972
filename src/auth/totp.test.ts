import { describe, expect, it } from 'vitest'
import {
  acceptTotp,
  generateRecoveryCodes,
  hashRecoveryCode,
  newTotpSecret,
  totpCodeAt,
  totpStep,
  totpUri,
} from './totp.ts'

const now = new Date('2026-11-27T08:00:10.000Z')

describe('TOTP', () => {
  it('accepts the current code and one step of drift, and nothing older', () => {
    const secret = newTotpSecret()
    expect(acceptTotp(secret, totpCodeAt(secret, now), now, null)).toBe(totpStep(now))
    const previous = new Date(now.getTime() - 30_000)
    expect(acceptTotp(secret, totpCodeAt(secret, previous), now, null)).toBe(totpStep(now) - 1)
    const old = new Date(now.getTime() - 120_000)
    expect(acceptTotp(secret, totpCodeAt(secret, old), now, null)).toBeUndefined()
  })

  it('never accepts the same code twice', () => {
    const secret = newTotpSecret()
    const code = totpCodeAt(secret, now)
    const step = acceptTotp(secret, code, now, null)
    expect(step).toBeDefined()
    expect(acceptTotp(secret, code, now, step ?? null)).toBeUndefined()
  })

  it('ignores spaces and refuses anything that is not six digits', () => {
    const secret = newTotpSecret()
    const code = totpCodeAt(secret, now)
    expect(acceptTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBeDefined()
    expect(acceptTotp(secret, 'abcdef', now, null)).toBeUndefined()
    expect(acceptTotp(secret, '', now, null)).toBeUndefined()
  })

  it('makes an otpauth:// address with the issuer and account, and no outside service', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'Dateline Daily', 'ed@news.test')
    expect(uri).toMatch(/^otpauth:\/\/totp\//)
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXP')
    expect(uri).toContain('issuer=Dateline%20Daily')
  })
})

describe('recovery codes', () => {
  it('makes ten different codes, hashed the same however they are typed', () => {
    const codes = generateRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
    const first = codes[0] ?? ''
    expect(hashRecoveryCode(first.toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(first))
    expect(hashRecoveryCode(first)).not.toContain(first.slice(0, 5))
  })
})
