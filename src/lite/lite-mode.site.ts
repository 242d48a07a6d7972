// Lite mode (issue 5 §5): a reader switches it on or off with a button at the foot of every page,
// and from then on gets the Save-Data pages (no image bytes until an image is tapped) — for the
// browsers that never send Save-Data (Safari, Firefox) and for phones whose owner never found the
// setting. No JavaScript: a form POSTs to /lite-mode, which sets a cookie and sends the reader back.
//
// The cookie holds only the preference ("1"), never an id; it is HttpOnly (no script needs it) and
// SameSite=Lax. The form carries no CSRF token, on purpose: a token would make every page differ
// per reader, and so uncacheable, to protect a display preference. What a forged request could do
// is switch a reader's images off or on; even that is refused: the endpoint answers only requests
// from our own pages (Sec-Fetch-Site, or Origin where a browser sends no Sec-Fetch-Site).
import fastifyFormbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasLiteCookie, LITE_COOKIE } from '../cache/cache-key.ts'
import type { AppContext } from '../context.ts'
import { LITE_MODE_PATH } from './lite-mode-path.ts'

/**
 * What a lite-mode reader's pages are sent with. `private` keeps them out of shared caches (a CDN
 * must never give them to someone without the cookie), and our page cache keeps them under a key
 * of their own; `no-cache` makes the reader's browser ask again (a cheap 304) rather than show a
 * copy from before the switch.
 */
export const LITE_MODE_CACHE_CONTROL = 'private, no-cache'

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/** The path to return to: a path on this site, never another host (`//evil.example`, `/\evil`). */
export function returnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return '/'
  if (value.startsWith('//') || value.includes('\\')) return '/'
  // Control characters (a header split, a tab browsers drop to make "/\t/evil") send the reader home.
  return [...value].some((c) => c.charCodeAt(0) < 0x20) ? '/' : value
}

/** Whether the request came from one of our own pages rather than from another site's form. */
export function isSameSiteRequest(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site']
  if (typeof fetchSite === 'string') return fetchSite === 'same-origin' || fetchSite === 'none'
  const origin = request.headers.origin
  if (origin === undefined) return true
  try {
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}

function liteCookie(ctx: AppContext, isOn: boolean): string {
  const flags = ['Path=/', 'HttpOnly', 'SameSite=Lax']
  if (ctx.config.siteUrl.startsWith('https:')) flags.push('Secure')
  return isOn
    ? [`${LITE_COOKIE}=1`, `Max-Age=${ONE_YEAR_SECONDS}`, ...flags].join('; ')
    : [`${LITE_COOKIE}=`, 'Max-Age=0', ...flags].join('; ')
}

async function switchLiteMode(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  if (!isSameSiteRequest(request)) {
    return reply.status(403).header('cache-control', 'no-store').type('text/plain').send('Forbidden')
  }
  const body = (request.body ?? {}) as Record<string, unknown>
  const isOn = body.lite === 'on'
  reply
    .header('set-cookie', liteCookie(ctx, isOn))
    .header('cache-control', 'no-store')
    // Pages the browser kept from before the switch would show the other variant until they
    // expire: drop them (the stylesheet comes back in ~4 KB; the offline worker's copies stay).
    .header('clear-site-data', '"cache"')
  return reply.redirect(returnPath(body.back), 303)
}

/**
 * The switch's route, and the hook that makes every page for a lite-mode reader private. Register
 * on the public site's scope after the page cache, so that the cache has stored the page (under
 * the 'lite' variant, src/cache/cache-key.ts) before its Cache-Control is made private.
 */
export async function registerLiteMode(site: FastifyInstance, ctx: AppContext): Promise<void> {
  site.addHook('onSend', async (request, reply, payload) => {
    if (!hasLiteCookie(request.headers.cookie)) return payload
    const cacheControl = String(reply.getHeader('cache-control') ?? '')
    if (/\bpublic\b/.test(cacheControl)) {
      reply.header('cache-control', LITE_MODE_CACHE_CONTROL)
      reply.removeHeader('surrogate-key')
    }
    return payload
  })
  await site.register(async (scope) => {
    await scope.register(fastifyFormbody)
    scope.post(LITE_MODE_PATH, (request, reply) => switchLiteMode(ctx, request, reply))
  })
}
