// Time-based one-time passwords (RFC 6238) with otpauth, and one-time recovery codes.
import { randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import { sha256Hex } from './tokens.ts'

const PERIOD_SECONDS = 30

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totp(secret: string, issuer = '', label = 'Dateline'): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  })
}

/** The otpauth:// address an authenticator app reads (typed in or pasted: no QR service is used). */
export function totpUri(secret: string, issuer: string, accountName: string): string {
  return totp(secret, issuer, accountName).toString()
}

/** The secret in groups of four, easier to type into a phone. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS)
}

/**
 * The time step a code belongs to, if it is valid at `now` (one step of clock drift either way)
 * and newer than the last one accepted: a code, once used, cannot be used again.
 */
export function acceptTotp(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): number | undefined {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return undefined
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 })
  if (delta === null) return undefined
  const step = totpStep(now) + delta
  if (lastUsedStep !== null && step <= lastUsedStep) return undefined
  return step
}

/** For tests and the setup page's own check: the code an authenticator would show at `now`. */
export function totpCodeAt(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() })
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
export const RECOVERY_CODE_COUNT = 10

/** Ten codes like "k7m2q-x9p4r": 50 random bits each, typed once when the phone is lost. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)])
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
  })
}

export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, '')
}

export function hashRecoveryCode(code: string): string {
  return sha256Hex(`recovery:${normaliseRecoveryCode(code)}`)
}

export function looksLikeRecoveryCode(input: string): boolean {
  return normaliseRecoveryCode(input).length === 10
}
