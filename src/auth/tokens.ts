// Random tokens and their stored form. Tokens (session cookies, reset links, recovery codes) are
// long and random, so a plain SHA-256 is enough to store them: a leaked table cannot be replayed.
import { createHash, randomBytes } from 'node:crypto'

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
