import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

const cwd = '/srv/dateline'

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, cwd)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('configuration', () => {
  it('has working defaults: SQLite under ./data, port 3000, Kabul time, demo content on', () => {
    const config = loadConfig({}, cwd)
    expect(config.database).toEqual({ engine: 'sqlite', filename: path.join(cwd, 'data', 'dateline.db') })
    expect(config.port).toBe(3000)
    expect(config.timeZone).toBe('Asia/Kabul')
    expect(config.siteUrl).toBe('http://localhost:3000')
    expect(config.isDemoContentEnabled).toBe(true)
    expect(config.mediaDir).toBe(path.join(cwd, 'data', 'media'))
  })

  it('reads every documented variable', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://news@db.internal:5432/news',
        PORT: '8080',
        HOST: '0.0.0.0',
        SITE_URL: 'https://news.example.af/',
        SITE_NAME: 'Kabul Evening',
        TZ: 'UTC',
        DEMO_CONTENT: 'off',
        DATABASE_PREPARED_STATEMENTS: 'off',
      },
      cwd,
    )
    expect(config.database).toEqual({
      engine: 'postgres',
      connectionString: 'postgres://news@db.internal:5432/news',
      isPreparedStatements: false,
    })
    expect(config.port).toBe(8080)
    expect(config.host).toBe('0.0.0.0')
    expect(config.siteUrl).toBe('https://news.example.af')
    expect(config.siteName).toBe('Kabul Evening')
    expect(config.timeZone).toBe('UTC')
    expect(config.isDemoContentEnabled).toBe(false)
  })

  it('accepts sqlite: URLs and plain paths', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:./news.db' }, cwd).database).toEqual({
      engine: 'sqlite',
      filename: path.join(cwd, 'news.db'),
    })
    expect(loadConfig({ DATABASE_URL: '/var/lib/news.db' }, cwd).database).toEqual({
      engine: 'sqlite',
      filename: '/var/lib/news.db',
    })
  })

  it('lists every bad value at once, each naming its variable', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x/y',
      PORT: 'eighty',
      SITE_URL: 'not a url',
      TZ: 'Mars/Olympus',
      DEMO_CONTENT: 'maybe',
    })
    expect(problems).toHaveLength(5)
    for (const name of ['DATABASE_URL', 'PORT', 'SITE_URL', 'TZ', 'DEMO_CONTENT']) {
      expect(
        problems.some((p) => p.startsWith(name)),
        name,
      ).toBe(true)
    }
  })

  it('refuses a port out of range and a non-http site URL', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT/)
    expect(problemsOf({ SITE_URL: 'ftp://example.com' })[0]).toMatch(/^SITE_URL/)
  })

  it("reads the operations settings: a metrics token and whether readers' IPs may be logged", () => {
    const defaults = loadConfig({}, '/srv')
    expect(defaults.metricsToken).toBeUndefined()
    expect(defaults.isReaderIpLogged).toBe(false)
    const set = loadConfig({ METRICS_TOKEN: 'a-long-enough-token-1234', LOG_READER_IPS: 'on' }, '/srv')
    expect(set.metricsToken).toBe('a-long-enough-token-1234')
    expect(set.isReaderIpLogged).toBe(true)
    expect(problemsOf({ METRICS_TOKEN: 'short', LOG_READER_IPS: 'sometimes' })).toHaveLength(2)
  })

  it('trusts X-Forwarded-For only from the proxies it names, never from every proxy', () => {
    expect(loadConfig({}, cwd).trustedProxies).toEqual([])
    expect(loadConfig({ TRUST_PROXY: 'off' }, cwd).trustedProxies).toEqual([])
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, ::1' }, cwd).trustedProxies).toEqual(['127.0.0.1', '::1'])
    expect(loadConfig({ TRUST_PROXY: 'loopback,10.0.0.0/8,fd00::/8' }, cwd).trustedProxies).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ])
    for (const everyone of ['on', 'true', '*', '1', '2', '0.0.0.0/33', 'proxy.example', '10.0.0.1/8/2']) {
      expect(problemsOf({ TRUST_PROXY: everyone })[0], everyone).toMatch(/^TRUST_PROXY must list/)
    }
  })

  it('takes the key that seals stored secrets from SECRETS_KEY, else a file under ./data', () => {
    const defaults = loadConfig({}, cwd)
    expect(defaults.secretsKey).toBeUndefined()
    expect(defaults.secretsKeyFile).toBe(path.join(cwd, 'data', 'secrets.key'))
    const key = 'k'.repeat(32)
    expect(loadConfig({ SECRETS_KEY: key }, cwd).secretsKey).toBe(key)
    expect(problemsOf({ SECRETS_KEY: 'too short' })[0]).toMatch(/^SECRETS_KEY must be 32/)
    expect(problemsOf({ SECRETS_KEY: `${'k'.repeat(32)} with spaces` })[0]).toMatch(/^SECRETS_KEY/)
  })
})
