// Security headers on every response: a strict Content-Security-Policy, no referrer leaking to
// other sites, HSTS on https sites, and the rest of helmet's defaults. Helmet writes them.
//
// Helmet's middleware is built once, here, and run on each request. @fastify/helmet (13) built
// it anew for every request: it parsed the whole configuration again and made closures that kept
// each request's objects alive past two young-generation collections (~170 KB promoted to the old
// generation at every scavenge of the benchmark's /robots.txt, none without it; the same route
// answered 40% faster once it was built once). docs/decisions/0001-stack.md.
import type { FastifyInstance } from 'fastify'
import helmet, { type HelmetOptions } from 'helmet'

/** Strict CSP: no inline scripts or styles anywhere, nothing from other hosts. */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    frameSrc: ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
}

function securityHeaderOptions(siteUrl: string): HelmetOptions {
  return {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // Readers' privacy: never tell other sites which story someone came from.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: siteUrl.startsWith('https:'),
  }
}

/** Adds the headers to every response of the routes registered after this call. */
export function registerSecurityHeaders(app: FastifyInstance, siteUrl: string): void {
  const setHeaders = helmet(securityHeaderOptions(siteUrl))
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined))
  })
}
