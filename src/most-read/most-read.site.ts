// The view beacon: GET /api/hit/{id}, requested by an <img> at the end of the story page. It works
// without JavaScript and behind the page cache (the cached HTML carries the beacon; the beacon
// itself is never cached). It sets no cookie, and reads the user agent only to leave bots out.
// Under /api/ because that prefix can never be a section's slug.
import type { FastifyInstance } from 'fastify'
import { hasSessionCookie } from '../cache/cache-key.ts'
import type { AppContext } from '../context.ts'
import { isBotUserAgent } from './bot-user-agent.ts'
import { viewDay } from './most-read.service.ts'
import type { ViewCounter } from './view-counter.ts'

// The smallest valid GIF (1×1, transparent): answering an <img> with 204 makes browsers report a
// broken image on every story page; 43 bytes do not.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

export const beaconPath = (articleId: number): string => `/api/hit/${articleId}`

export function registerViewBeacon(app: FastifyInstance, ctx: AppContext, views: ViewCounter): void {
  app.get('/api/hit/:id', (request, reply) => {
    const id = (request.params as Record<string, string>).id ?? ''
    const headers = request.headers
    const isCounted =
      /^\d{1,10}$/.test(id) &&
      !isBotUserAgent(headers['user-agent']) &&
      // Prefetches and prerenders are not reads; nor are the newsroom's own visits.
      headers['sec-purpose'] === undefined &&
      headers.purpose === undefined &&
      !hasSessionCookie(headers.cookie)
    if (isCounted) views.record(Number(id), viewDay(ctx.clock.now(), ctx.config.timeZone))
    return reply.header('content-type', 'image/gif').header('cache-control', 'no-store').send(PIXEL)
  })
}
