import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSecretBox, isSealed, secretsKeyMaterial, UnreadableSecretError } from './secret-box.ts'

const KEY = 'a-test-key-of-at-least-thirty-two-characters'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-secret-box-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('secret box', () => {
  const box = createSecretBox(() => KEY)

  it('seals so that the stored value neither shows nor repeats the secret, and opens it again', () => {
    const first = box.seal('JBSWY3DPEHPK3PXP', 'totp')
    const second = box.seal('JBSWY3DPEHPK3PXP', 'totp')
    expect(isSealed(first)).toBe(true)
    expect(first).not.toContain('JBSWY3DPEHPK3PXP')
    expect(first).not.toBe(second)
    expect(box.open(first, 'totp')).toBe('JBSWY3DPEHPK3PXP')
    expect(box.open(second, 'totp')).toBe('JBSWY3DPEHPK3PXP')
  })

  it('refuses a value sealed under another key, for another purpose, or changed', () => {
    const sealed = box.seal('whsec_abc', 'webhook')
    expect(() => createSecretBox(() => `${KEY}-other`).open(sealed, 'webhook')).toThrow(UnreadableSecretError)
    expect(() => box.open(sealed, 'totp')).toThrow(UnreadableSecretError)
    const flipped = `${sealed.slice(0, -3)}${sealed.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`
    expect(() => box.open(flipped, 'webhook')).toThrow(UnreadableSecretError)
  })

  it('passes a value stored in clear through, until it is sealed', () => {
    expect(isSealed('whsec_legacy')).toBe(false)
    expect(box.open('whsec_legacy', 'webhook')).toBe('whsec_legacy')
  })

  it('makes the key file on first use, readable by its owner only, and reads the same key after', () => {
    const file = path.join(dir, 'data', 'secrets.key')
    const material = secretsKeyMaterial({ secretsKeyFile: file })
    expect(fs.existsSync(file)).toBe(false)
    const sealed = createSecretBox(material).seal('seed', 'totp')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    // Written under another name and linked into place; nothing else is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['secrets.key'])
    expect(fs.readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32)
    // A later start (a new box on the same file) opens what the first sealed.
    expect(createSecretBox(secretsKeyMaterial({ secretsKeyFile: file })).open(sealed, 'totp')).toBe('seed')
  })

  it('uses SECRETS_KEY when it is set, and makes no file', () => {
    const file = path.join(dir, 'unused', 'secrets.key')
    const material = secretsKeyMaterial({ secretsKey: KEY, secretsKeyFile: file })
    expect(material()).toBe(KEY)
    expect(fs.existsSync(file)).toBe(false)
  })
})
