// Secrets the app must read back, not merely check (two-factor seeds, webhook signing keys), are
// stored sealed: AES-256-GCM under a key that is not in the database (SECRETS_KEY, or the key
// file under ./data). A copy of the database alone (a dump, a stolen file, a backup without the
// key, a query that leaks a row) then yields neither the seeds that make sign-in codes nor the
// keys that sign webhooks. Passwords, recovery codes and API keys never needed this: they are
// stored as hashes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const PREFIX = 'sealed1:'
const IV_BYTES = 12

/** What a sealed value is for: bound into it, so one kind can never be passed off as another. */
export type SecretPurpose = 'totp' | 'webhook'

export interface SecretBox {
  seal(plain: string, purpose: SecretPurpose): string
  /**
   * The secret, from a sealed value or (until sealStoredSecrets has run) a value stored in clear.
   * Throws UnreadableSecretError when it was sealed under another key.
   */
  open(stored: string, purpose: SecretPurpose): string
}

export class UnreadableSecretError extends Error {
  constructor() {
    super(
      'A stored secret was sealed with another key: set the same SECRETS_KEY (or copy data/secrets.key) on every instance',
    )
    this.name = 'UnreadableSecretError'
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX)
}

/** The key is read (or made) on first use, so commands that never touch a secret never need it. */
export function createSecretBox(keyMaterial: () => string): SecretBox {
  let key: Buffer | undefined
  const theKey = (): Buffer => {
    key ??= Buffer.from(hkdfSync('sha256', keyMaterial(), 'dateline', 'stored secrets v1', 32))
    return key
  }
  return {
    seal(plain, purpose) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', theKey(), iv)
      cipher.setAAD(Buffer.from(purpose))
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const parts = [iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url'))
      return `${PREFIX}${parts.join('.')}`
    },
    open(stored, purpose) {
      if (!isSealed(stored)) return stored
      const [iv = '', sealed = '', tag = ''] = stored.slice(PREFIX.length).split('.')
      // Outside the try: a key file that cannot be read is its own error, not "another key".
      const key = theKey()
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAAD(Buffer.from(purpose))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString(
          'utf8',
        )
      } catch {
        throw new UnreadableSecretError()
      }
    },
  }
}

/**
 * SECRETS_KEY when set; otherwise the key file, made on first use with 32 random bytes and
 * readable by its owner only. Several instances must share one key: set SECRETS_KEY on each.
 */
export function secretsKeyMaterial(config: { secretsKey?: string; secretsKeyFile: string }): () => string {
  return () => {
    if (config.secretsKey) return config.secretsKey
    const file = config.secretsKeyFile
    if (!fs.existsSync(file)) {
      // Written whole under another name, then linked into place: a process starting at the same
      // moment either makes the link first or finds a complete file, never an empty one.
      fs.mkdirSync(path.dirname(file), { recursive: true })
      const whole = `${file}.${process.pid}.tmp`
      fs.writeFileSync(whole, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 })
      try {
        fs.linkSync(whole, file)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      } finally {
        fs.rmSync(whole, { force: true })
      }
    }
    const material = fs.readFileSync(file, 'utf8').trim()
    if (material.length < 32) throw new Error(`${file} must hold at least 32 characters`)
    return material
  }
}
