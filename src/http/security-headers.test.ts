import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { registerSecurityHeaders } from './security-headers.ts'

async function appFor(siteUrl: string) {
  const app = Fastify()
  registerSecurityHeaders(app, siteUrl)
  app.get('/page', async () => 'page')
  return app
}

describe('security headers', () => {
  it('are sent on every response, a missing page included, the same each time', async () => {
    const app = await appFor('http://news.example')
    const first = await app.inject('/page')
    const second = await app.inject('/page')
    const missing = await app.inject('/missing')
    for (const response of [first, second, missing]) {
      expect(response.headers['content-security-policy']).toContain("default-src 'self'")
      expect(response.headers['content-security-policy']).toContain("object-src 'none'")
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['strict-transport-security']).toBeUndefined()
    }
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy'])
  })

  it('pin browsers to https only on an https site', async () => {
    const app = await appFor('https://news.example')
    const response = await app.inject('/page')
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/)
  })
})
