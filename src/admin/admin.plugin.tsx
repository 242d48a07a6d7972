// The newsroom admin: one Fastify plugin under /admin. It is encapsulated, so its cookies, form
// parsing, sessions, CSRF checks and headers never touch the public site (or its page cache).
//
// For every request under /admin, in order:
//   onRequest   the session is loaded from the cookie (request.session)
//   preHandler  the route's declared access is enforced (src/auth/route-access.ts), then the
//               CSRF token of every state-changing request is checked (src/auth/csrf.ts)
//   onSend      Cache-Control: no-store and X-Robots-Tag: noindex on every response
//
// To add admin pages, write a `register…AdminRoutes(admin, ctx)` in your feature and add it to
// ROUTE_REGISTRARS below; declare `config: { capability }` on every route.
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { registerApiKeyRoutes } from '../api-keys/api-keys.admin.tsx'
import { registerStoryAdminRoutes } from '../articles/articles.admin.tsx'
import { registerAuditRoutes } from '../audit/audit.admin.tsx'
import {
  clearedCookieOptions,
  SESSION_COOKIE,
  SIGN_IN_CSRF_COOKIE,
  sessionCookieOptions,
} from '../auth/auth-cookies.ts'
import { registerCsrf } from '../auth/csrf.ts'
import { registerLoginRoutes } from '../auth/login.admin.tsx'
import { sessionActor } from '../auth/login.service.ts'
import { type AdminSession, enforceRouteAccess } from '../auth/route-access.ts'
import { findSession } from '../auth/sessions.ts'
import { registerAuthorRoutes } from '../authors/authors.admin.tsx'
import type { AppContext } from '../context.ts'
import { AppError, NotFoundError } from '../errors.ts'
import { registerMediaRoutes } from '../media/media.admin.tsx'
import { registerSectionRoutes } from '../sections/sections.admin.tsx'
import { registerSettingsRoutes } from '../settings/settings.admin.tsx'
import { registerTagRoutes } from '../tags/tags.admin.tsx'
import { registerUserRoutes } from '../users/users.admin.tsx'
import { registerWebhookRoutes } from '../webhooks/webhooks.admin.tsx'
import { registerAccountRoutes } from './account.admin.tsx'
import { registerAdminAssetRoutes } from './admin-assets.ts'
import { AdminErrorPage } from './admin-error-page.tsx'
import { resolveAdminLocale } from './admin-locale.ts'
import { adminT } from './admin-messages.ts'
import { adminChrome, sendAdminPage } from './admin-pages.ts'
import { registerDashboardRoutes } from './dashboard.admin.tsx'

export type RouteRegistrar = (admin: FastifyInstance, ctx: AppContext) => void

const ROUTE_REGISTRARS: readonly RouteRegistrar[] = [
  registerAdminAssetRoutes,
  registerLoginRoutes,
  registerDashboardRoutes,
  registerAccountRoutes,
  registerAuditRoutes,
  registerStoryAdminRoutes,
  registerMediaRoutes,
  registerSectionRoutes,
  registerTagRoutes,
  registerAuthorRoutes,
  registerUserRoutes,
  registerSettingsRoutes,
  registerApiKeyRoutes,
  registerWebhookRoutes,
]

/** Form bodies are small; media uploads will bring their own limit. */
const FORM_BODY_LIMIT = 256 * 1024

async function loadSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AdminSession> {
  const token = request.cookies[SESSION_COOKIE]
  if (token) {
    const session = await findSession(ctx, token)
    if (session?.stage === 'active') {
      return {
        kind: 'signed-in',
        id: session.id,
        user: session.user,
        csrfSecret: session.csrfSecret,
        actor: sessionActor(session.user.id, session.user.role, session.id),
      }
    }
    if (session?.stage === 'mfa') {
      return { kind: 'second-factor', id: session.id, user: session.user, csrfSecret: session.csrfSecret }
    }
    // Expired, ended elsewhere or never valid: the browser may forget it.
    reply.clearCookie(SESSION_COOKIE, clearedCookieOptions(sessionCookieOptions(ctx.config)))
  }
  const secret = request.cookies[SIGN_IN_CSRF_COOKIE]
  return secret ? { kind: 'anonymous', csrfSecret: secret } : { kind: 'anonymous' }
}

/** Reset and invitation links carry their token in the path; the request log gets the path without it. */
function redactUrl(url: string): string {
  return url.replace(/^\/admin\/(reset|invite)\/[^/?#]+/, '/admin/$1/[redacted]')
}

const CSRF_CODES = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN'])

interface AdminPluginOptions {
  ctx: AppContext
  /** More routes, registered after the built-in ones (tests use it to check the access rules). */
  extraRoutes?: readonly RouteRegistrar[]
}

async function adminPlugin(admin: FastifyInstance, options: AdminPluginOptions): Promise<void> {
  const { ctx } = options
  admin.setChildLoggerFactory((logger, bindings, opts) =>
    logger.child(bindings, {
      ...opts,
      serializers: {
        ...opts.serializers,
        req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url ?? '') }),
      },
    }),
  )
  await admin.register(fastifyCookie)
  await admin.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT })
  // Null until the onRequest hook below sets it, which happens before any handler runs.
  admin.decorateRequest('session', null as never)

  admin.addHook('onRequest', async (request, reply) => {
    request.session = await loadSession(ctx, request, reply)
    request.adminLocale = await resolveAdminLocale(ctx, request)
  })
  admin.addHook('preHandler', enforceRouteAccess)
  await registerCsrf(admin)
  admin.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.getHeader('cache-control')?.toString().includes('immutable'))
      reply.header('cache-control', 'no-store')
    reply.header('x-robots-tag', 'noindex, nofollow')
    return payload
  })

  admin.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    let status: number
    let code: string
    let message: string
    const t = adminT(request)
    if (error instanceof AppError) {
      status = error.status
      code = error.code
      message = error.isSafeToShow ? error.message : t('admin.error.generic')
      if (status >= 500) request.log.error({ err: error }, 'admin request failed')
    } else if (CSRF_CODES.has(error.code)) {
      status = 403
      code = 'CSRF_INVALID'
      message = t('admin.error.csrf')
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode
      code = 'BAD_REQUEST'
      message = t('admin.error.badRequest')
    } else {
      request.log.error({ err: error }, 'unexpected admin error')
      status = 500
      code = 'INTERNAL'
      message = t('admin.error.internal')
    }
    // The session may be what failed to load: fall back to a page without the person's details.
    if (request.session === null) request.session = { kind: 'anonymous' }
    const page = (
      <AdminErrorPage
        chrome={adminChrome(ctx, request, reply)}
        status={status}
        code={code}
        message={message}
      />
    )
    return sendAdminPage(reply, page, status)
  })

  admin.setNotFoundHandler(async (request, reply) => {
    if (request.session === null) request.session = { kind: 'anonymous' }
    const page = (
      <AdminErrorPage
        chrome={adminChrome(ctx, request, reply)}
        status={404}
        code="NOT_FOUND"
        message={adminT(request)('admin.error.noSuchPage')}
      />
    )
    return sendAdminPage(reply, page, 404)
  })

  for (const register of [...ROUTE_REGISTRARS, ...(options.extraRoutes ?? [])]) register(admin, ctx)
  // Claims every other address under /admin, so that none falls through to the public site's
  // "/{section}/{slug}" routes: an unknown admin page is the admin's own 404.
  admin.all('/*', { config: { capability: 'public' } }, async () => {
    throw new NotFoundError('There is no admin page at this address (yet).')
  })
}

export async function registerAdmin(
  app: FastifyInstance,
  ctx: AppContext,
  options: { extraRoutes?: readonly RouteRegistrar[] } = {},
): Promise<void> {
  await app.register(adminPlugin, { prefix: '/admin', ctx, ...options })
}
