// CSRF protection with @fastify/csrf-protection. Tokens are bound to the session: the secret they
// are made from is stored with the session in the database (a new one at every sign-in). Before
// sign-in, the sign-in and reset forms are protected the same way with a secret kept in an
// HttpOnly cookie, so that nobody can sign a person in to an account of the attacker's choosing.
//
// Every POST, PUT, PATCH and DELETE under /admin is checked by one hook; forms carry the token in a
// hidden field named "_csrf" (<CsrfField />), scripts may send it in an "x-csrf-token" header.
import fastifyCsrfProtection from '@fastify/csrf-protection'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.ts'
import { SIGN_IN_CSRF_COOKIE, signInCsrfCookieOptions } from './auth-cookies.ts'

export const CSRF_FIELD = '_csrf'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function tokenFromRequest(request: FastifyRequest): string | undefined {
  const body = request.body
  if (typeof body === 'object' && body !== null) {
    const value = (body as Record<string, unknown>)[CSRF_FIELD]
    if (typeof value === 'string') return value
  }
  const header = request.headers['x-csrf-token']
  return typeof header === 'string' ? header : undefined
}

export async function registerCsrf(admin: FastifyInstance): Promise<void> {
  // '@fastify/session' mode reads and writes request.session.csrfSecret: our own session object
  // (route-access.ts) plays that part, so the secret lives with the session.
  await admin.register(fastifyCsrfProtection, {
    sessionPlugin: '@fastify/session',
    sessionKey: 'csrfSecret',
    getToken: tokenFromRequest,
  })
  admin.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.is404) return done()
    admin.csrfProtection(request, reply, done)
  })
}

/** A token for a form on this page. Before sign-in it also sets the cookie with its secret. */
export function csrfToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  const token = reply.generateCsrf()
  const session = request.session
  if (
    session.kind === 'anonymous' &&
    session.csrfSecret &&
    session.csrfSecret !== request.cookies[SIGN_IN_CSRF_COOKIE]
  ) {
    reply.setCookie(SIGN_IN_CSRF_COOKIE, session.csrfSecret, signInCsrfCookieOptions(ctx.config))
  }
  return token
}
