// One configuration schema, read from the environment once at start-up (only main.ts and the
// CLI call this). Every problem is listed at once, each naming its variable.
import net from 'node:net'
import path from 'node:path'

export type DatabaseConfig =
  | { engine: 'sqlite'; filename: string }
  | {
      engine: 'postgres'
      connectionString: string
      /**
       * Readers' SELECTs as named prepared statements (DATABASE_PREPARED_STATEMENTS, on unless
       * "off"; src/db/postgres-prepared.ts). Off for PgBouncer in transaction mode.
       */
      isPreparedStatements?: boolean
    }

export interface Config {
  database: DatabaseConfig
  port: number
  host: string
  siteUrl: string
  siteName: string
  timeZone: string
  defaultLanguage: string
  /** Seed the demo newsroom into an empty database on start. Off for a real newsroom. */
  isDemoContentEnabled: boolean
  /** Folder for uploaded and generated media files. */
  mediaDir: string
  logLevel: string
  /**
   * Origins allowed to read the content API from a browser (DATELINE_API_CORS_ORIGINS, comma
   * separated; "*" for any). Empty: no CORS headers at all. Credentials are never allowed.
   */
  apiCorsOrigins: readonly string[]
  /**
   * Whether webhooks may target private, loopback and link-local addresses
   * (DATELINE_ALLOW_PRIVATE_WEBHOOK_TARGETS). Off by default when NODE_ENV is production, so a
   * webhook cannot be aimed at the server's own network (SSRF); on elsewhere, for local receivers.
   */
  allowPrivateWebhookTargets: boolean
  /**
   * Bearer token for /metrics (METRICS_TOKEN). Unset: /metrics answers only direct loopback
   * requests (no proxy headers); set: it answers only requests that carry the token.
   */
  metricsToken?: string
  /** Whether request logs may carry readers' IP addresses (LOG_READER_IPS). Off by default. */
  isReaderIpLogged: boolean
  /**
   * The reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY, comma separated: addresses,
   * CIDR ranges, or loopback / linklocal / uniquelocal). Empty: the client's address is the TCP
   * peer's, and X-Forwarded-For is ignored, since any client can write one.
   */
  trustedProxies: readonly string[]
  /**
   * The key that seals stored secrets (SECRETS_KEY, at least 32 characters; src/lib/secret-box.ts).
   * Unset: the key file below, made on first use. Every instance of one site needs the same key.
   */
  secretsKey?: string
  /** Where the key is kept when SECRETS_KEY is unset: ./data/secrets.key. */
  secretsKeyFile: string
  /**
   * Folder where every public page is kept as a file for a web server in front (STATIC_DIR,
   * src/static/). Unset: static publishing is off.
   */
  staticDir?: string
}

export class ConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const LANGUAGES = ['en', 'fa', 'ps']

export function parseDatabaseUrl(value: string, cwd: string): DatabaseConfig | string {
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value)
    } catch {
      return 'DATABASE_URL is not a valid postgres:// URL'
    }
    return { engine: 'postgres', connectionString: value }
  }
  if (/^sqlite:/i.test(value)) {
    const rest = value.replace(/^sqlite:(\/\/)?/i, '')
    if (rest === '') return 'DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/dateline.db'
    return { engine: 'sqlite', filename: rest === ':memory:' ? rest : path.resolve(cwd, rest) }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return `DATABASE_URL has an unsupported scheme (use a file path, sqlite:, or postgres://): ${value.split(':')[0]}`
  }
  return { engine: 'sqlite', filename: path.resolve(cwd, value) }
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal']

/** Whether a TRUST_PROXY entry names addresses: an IP, a CIDR range, or one of proxy-addr's names. */
function isProxyRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true
  const [address = '', bits, ...rest] = entry.split('/')
  const family = net.isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (bits === undefined) return true
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)
}

function parseBoolean(value: string): boolean | undefined {
  if (/^(1|true|yes|on)$/i.test(value)) return true
  if (/^(0|false|no|off)$/i.test(value)) return false
  return undefined
}

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = []
  const dataDir = path.resolve(cwd, 'data')

  const databaseUrl = env.DATABASE_URL?.trim() || path.join(dataDir, 'dateline.db')
  const database = parseDatabaseUrl(databaseUrl, cwd)
  if (typeof database === 'string') problems.push(database)
  const preparedText = env.DATABASE_PREPARED_STATEMENTS?.trim() || 'on'
  const isPreparedStatements = parseBoolean(preparedText)
  if (isPreparedStatements === undefined)
    problems.push(`DATABASE_PREPARED_STATEMENTS must be on or off, got "${preparedText}"`)
  else if (typeof database === 'object' && database.engine === 'postgres')
    database.isPreparedStatements = isPreparedStatements

  const portText = env.PORT?.trim() || '3000'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535)
    problems.push(`PORT must be a number from 0 to 65535, got "${portText}"`)

  const host = env.HOST?.trim() || '127.0.0.1'

  const siteUrlText = env.SITE_URL?.trim() || `http://localhost:${Number.isFinite(port) ? port : 3000}`
  let siteUrl = siteUrlText
  try {
    const url = new URL(siteUrlText)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme')
    siteUrl = url.href.replace(/\/+$/, '')
  } catch {
    problems.push(`SITE_URL must be an absolute http(s) URL, got "${siteUrlText}"`)
  }

  const siteName = env.SITE_NAME?.trim() || 'Dateline Daily'
  if (siteName.length > 120) problems.push('SITE_NAME must be at most 120 characters')

  const timeZone = env.TZ?.trim() || 'Asia/Kabul'
  if (!isValidTimeZone(timeZone)) problems.push(`TZ is not a known IANA time zone: "${timeZone}"`)

  const defaultLanguage = env.DEFAULT_LANGUAGE?.trim() || 'en'
  if (!LANGUAGES.includes(defaultLanguage))
    problems.push(`DEFAULT_LANGUAGE must be one of ${LANGUAGES.join(', ')}, got "${defaultLanguage}"`)

  const demoText = env.DEMO_CONTENT?.trim() || 'on'
  const isDemoContentEnabled = parseBoolean(demoText)
  if (isDemoContentEnabled === undefined) problems.push(`DEMO_CONTENT must be on or off, got "${demoText}"`)

  const mediaDir = path.resolve(cwd, env.MEDIA_DIR?.trim() || path.join('data', 'media'))

  const logLevel = env.LOG_LEVEL?.trim() || 'info'
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)

  const corsText = env.DATELINE_API_CORS_ORIGINS?.trim() ?? ''
  const apiCorsOrigins = corsText === '' ? [] : corsText.split(',').map((o) => o.trim().replace(/\/+$/, ''))
  for (const origin of apiCorsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/i.test(origin))
      problems.push(
        `DATELINE_API_CORS_ORIGINS must list origins like https://example.org (or *), got "${origin}"`,
      )
  }

  const privateTargetsText = env.DATELINE_ALLOW_PRIVATE_WEBHOOK_TARGETS?.trim() || ''
  const allowPrivateWebhookTargets =
    privateTargetsText === '' ? env.NODE_ENV?.trim() !== 'production' : parseBoolean(privateTargetsText)
  if (allowPrivateWebhookTargets === undefined)
    problems.push(`DATELINE_ALLOW_PRIVATE_WEBHOOK_TARGETS must be on or off, got "${privateTargetsText}"`)

  const metricsToken = env.METRICS_TOKEN?.trim() || undefined
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,256}$/.test(metricsToken))
    problems.push('METRICS_TOKEN must be 16 to 256 printable characters without spaces')

  const readerIpsText = env.LOG_READER_IPS?.trim() || 'off'
  const isReaderIpLogged = parseBoolean(readerIpsText)
  if (isReaderIpLogged === undefined)
    problems.push(`LOG_READER_IPS must be on or off, got "${readerIpsText}"`)

  const trustProxyText = env.TRUST_PROXY?.trim() || 'off'
  const trustedProxies =
    parseBoolean(trustProxyText) === false ? [] : trustProxyText.split(',').map((entry) => entry.trim())
  // "Trust every proxy" (on, *, a hop count) would let any client choose the address it is
  // throttled and logged under: only named proxies are trusted.
  for (const entry of trustedProxies) {
    if (!isProxyRange(entry))
      problems.push(
        `TRUST_PROXY must list the proxies' addresses or ranges (e.g. 127.0.0.1, 10.0.0.0/8, loopback), or be off, got "${entry}"`,
      )
  }

  const secretsKey = env.SECRETS_KEY?.trim() || undefined
  if (secretsKey !== undefined && !/^[\x21-\x7e]{32,512}$/.test(secretsKey))
    problems.push(
      'SECRETS_KEY must be 32 to 512 printable characters without spaces (e.g. openssl rand -base64 32)',
    )

  const staticDirText = env.STATIC_DIR?.trim() || ''
  const staticDir = staticDirText === '' ? undefined : path.resolve(cwd, staticDirText)

  if (problems.length > 0) throw new ConfigError(problems)
  return {
    database: database as DatabaseConfig,
    port,
    host,
    siteUrl,
    siteName,
    timeZone,
    defaultLanguage,
    isDemoContentEnabled: isDemoContentEnabled as boolean,
    mediaDir,
    logLevel,
    apiCorsOrigins,
    allowPrivateWebhookTargets: allowPrivateWebhookTargets as boolean,
    ...(metricsToken ? { metricsToken } : {}),
    isReaderIpLogged: isReaderIpLogged as boolean,
    trustedProxies,
    ...(secretsKey ? { secretsKey } : {}),
    secretsKeyFile: path.join(dataDir, 'secrets.key'),
    ...(staticDir ? { staticDir } : {}),
  }
}
