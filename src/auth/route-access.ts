// Access control for admin routes. Every admin route declares what it needs in its config:
//
//   admin.get('/stories', { config: { capability: 'story.edit' } }, handler)
//
// A capability from capabilities.ts (the person must be signed in and their role must have it),
// 'public' (the sign-in and reset pages) or 'second-factor' (the code step of a sign-in). A route
// that declares nothing is refused for everyone: access fails closed.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { UserActor } from '../context.ts'
import { ForbiddenError, UnauthenticatedError } from '../errors.ts'
import { type Capability, can } from './capabilities.ts'
import type { SessionUser } from './sessions.ts'

export type RouteAccess = Capability | 'public' | 'second-factor'

/** The state of the person making an admin request. */
export type AdminSession =
  /** Nobody signed in; the secret behind the sign-in form's CSRF token lives in a cookie. */
  | { kind: 'anonymous'; csrfSecret?: string }
  | { kind: 'second-factor'; id: string; user: SessionUser; csrfSecret: string }
  | { kind: 'signed-in'; id: string; user: SessionUser; csrfSecret: string; actor: UserActor }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What this admin route requires; see src/auth/route-access.ts. Undeclared means refused. */
    capability?: RouteAccess
  }
  interface FastifyRequest {
    /** Set on every request under /admin (and only there). */
    session: AdminSession
  }
}

/** The signed-in person, for handlers of routes that declare a capability. */
export function requireActor(request: FastifyRequest): UserActor {
  const session = request.session
  if (session?.kind !== 'signed-in') throw new UnauthenticatedError()
  return session.actor
}

export function requireSignedIn(request: FastifyRequest): Extract<AdminSession, { kind: 'signed-in' }> {
  const session = request.session
  if (session?.kind !== 'signed-in') throw new UnauthenticatedError()
  return session
}

/** Only paths inside the admin are followed after sign-in: never another site. */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string') return '/admin'
  return /^\/admin(\/[A-Za-z0-9/_\-.?=&%]*)?$/.test(value) && !value.includes('//') ? value : '/admin'
}

/** The preHandler every admin route passes through (registered once, for the whole plugin). */
export async function enforceRouteAccess(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  // Unknown addresses fall through to the not-found page.
  if (request.is404) return undefined
  const access = request.routeOptions.config.capability
  if (access === undefined) {
    request.log.error({ url: request.routeOptions.url }, 'admin route declares no capability: refused')
    throw new ForbiddenError('This page is not available.', 'ROUTE_ACCESS_UNDECLARED')
  }
  if (access === 'public') return undefined
  const session = request.session
  if (access === 'second-factor') {
    if (session.kind === 'second-factor') return undefined
    return sendToLogin(request, reply)
  }
  if (session.kind !== 'signed-in') return sendToLogin(request, reply)
  if (!can(session.actor, access)) throw new ForbiddenError()
  return undefined
}

function sendToLogin(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // A page opened while signed out comes back after sign-in; a form sent is not replayed.
  if (request.method !== 'GET' && request.method !== 'HEAD') throw new UnauthenticatedError()
  const next = safeNextPath(request.url)
  const query = next === '/admin' ? '' : `?next=${encodeURIComponent(next)}`
  return reply.redirect(`/admin/login${query}`, 303)
}
