// Routes for signing in and out and for password reset links, inside the /admin plugin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminMessageKey, adminT, adminTranslate, requestLocale } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { translateProblems } from '../admin/problem-messages.ts'
import { recordAudit } from '../audit/audit.service.ts'
import type { AppContext } from '../context.ts'
import { ValidationError } from '../errors.ts'
import type { Locale } from '../i18n/locale.ts'
import {
  clearedCookieOptions,
  SESSION_COOKIE,
  SIGN_IN_CSRF_COOKIE,
  SIGN_OUT_CLEAR_SITE_DATA,
  sessionCookieOptions,
  signInCsrfCookieOptions,
} from './auth-cookies.ts'
import { loginWithPassword, loginWithSecondFactor } from './login.service.ts'
import { LoginPage, MessagePage, ResetPasswordPage, SecondFactorPage } from './login-pages.tsx'
import { completeReset, findResetUser } from './password-reset.service.ts'
import { safeNextPath } from './route-access.ts'
import { deleteSession, type NewSession } from './sessions.ts'

const NOTICES: Record<string, AdminMessageKey> = {
  'logged-out': 'admin.login.noticeLoggedOut',
  'logged-out-everywhere': 'admin.login.noticeLoggedOutEverywhere',
  'password-reset': 'admin.login.noticePasswordReset',
  'password-changed': 'admin.login.noticePasswordChanged',
}

/** "Try again after 08:15 (in 15 minutes)", in the site's time zone and the page's language. */
export function lockoutMessage(until: Date, now: Date, locale: Locale): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  const time = new Intl.DateTimeFormat(locale.intlLocale, {
    timeZone: locale.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(until)
  return adminTranslate(locale)('admin.login.lockedOut', { time, minutes })
}

function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  session: NewSession,
): void {
  reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(ctx.config))
  if (request.cookies[SIGN_IN_CSRF_COOKIE] !== undefined) {
    reply.clearCookie(SIGN_IN_CSRF_COOKIE, clearedCookieOptions(signInCsrfCookieOptions(ctx.config)))
  }
}

function endSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, clearedCookieOptions(sessionCookieOptions(ctx.config)))
}

function retryAfter(reply: FastifyReply, until: Date, now: Date): void {
  reply.header('retry-after', String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))))
}

export function registerLoginRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/login', { config: { capability: 'public' } }, async (request, reply) => {
    if (request.session.kind === 'signed-in') return reply.redirect('/admin', 303)
    const query = request.query as Record<string, string | undefined>
    const noticeKey = NOTICES[query.notice ?? '']
    const notice = noticeKey && adminT(request)(noticeKey)
    return sendAdminPage(
      reply,
      <LoginPage
        chrome={adminChrome(ctx, request, reply)}
        next={safeNextPath(query.next)}
        email=""
        notice={notice}
      />,
    )
  })

  admin.post('/login', { config: { capability: 'public' } }, async (request, reply) => {
    const body = asFormBody(request.body)
    const email = formField(body, 'email').slice(0, 320)
    const next = safeNextPath(formField(body, 'next'))
    // Whatever session came with the request is dropped: sign-in always starts a new one.
    const previous = request.session
    if (previous.kind !== 'anonymous') {
      await deleteSession(ctx, previous.id)
      request.session = { kind: 'anonymous' }
      endSessionCookie(ctx, reply)
    }
    const outcome = await loginWithPassword(ctx, {
      email,
      password: formField(body, 'password'),
      ip: request.ip,
    })
    const now = ctx.clock.now()
    if (outcome.kind === 'signed-in') {
      startSession(ctx, request, reply, outcome.session)
      return reply.redirect(next, 303)
    }
    if (outcome.kind === 'needs-second-factor') {
      startSession(ctx, request, reply, outcome.session)
      return reply.redirect('/admin/login/code', 303)
    }
    const error =
      outcome.lockedUntil !== undefined
        ? lockoutMessage(outcome.lockedUntil, now, requestLocale(request))
        : adminT(request)('admin.login.failed')
    if (outcome.lockedUntil) retryAfter(reply, outcome.lockedUntil, now)
    const status = outcome.lockedUntil ? 429 : 401
    const page = (
      <LoginPage chrome={adminChrome(ctx, request, reply)} next={next} email={email} error={error} />
    )
    return sendAdminPage(reply, page, status)
  })

  admin.get('/login/code', { config: { capability: 'second-factor' } }, async (request, reply) =>
    sendAdminPage(reply, <SecondFactorPage chrome={adminChrome(ctx, request, reply)} />),
  )

  admin.post('/login/code', { config: { capability: 'second-factor' } }, async (request, reply) => {
    const pending = request.session
    if (pending.kind !== 'second-factor') return reply.redirect('/admin/login', 303)
    const code = formField(asFormBody(request.body), 'code')
    const outcome = await loginWithSecondFactor(ctx, pending, { code, ip: request.ip })
    const now = ctx.clock.now()
    if (outcome.kind === 'signed-in') {
      startSession(ctx, request, reply, outcome.session)
      return reply.redirect('/admin', 303)
    }
    if (outcome.lockedUntil) {
      // The pending session is gone: back to the start, with the time to try again.
      endSessionCookie(ctx, reply)
      request.session = { kind: 'anonymous' }
      retryAfter(reply, outcome.lockedUntil, now)
      const error = lockoutMessage(outcome.lockedUntil, now, requestLocale(request))
      const page = (
        <LoginPage chrome={adminChrome(ctx, request, reply)} next="/admin" email="" error={error} />
      )
      return sendAdminPage(reply, page, 429)
    }
    const page = (
      <SecondFactorPage
        chrome={adminChrome(ctx, request, reply)}
        error={adminT(request)('admin.login.wrongCode')}
      />
    )
    return sendAdminPage(reply, page, 401)
  })

  admin.post('/logout', { config: { capability: 'admin.enter' } }, async (request, reply) => {
    const session = request.session
    if (session.kind === 'signed-in') {
      await deleteSession(ctx, session.id)
      await recordAudit(ctx, session.actor, 'logout', { type: 'user', id: session.user.id })
    }
    endSessionCookie(ctx, reply)
    reply.header('clear-site-data', SIGN_OUT_CLEAR_SITE_DATA)
    return reply.redirect('/admin/login?notice=logged-out', 303)
  })

  admin.get('/reset/:token', { config: { capability: 'public' } }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const user = await findResetUser(ctx, token)
    const chrome = adminChrome(ctx, request, reply)
    if (!user) {
      const page = (
        <MessagePage
          chrome={chrome}
          title={adminT(request)('admin.reset.linkGoneTitle')}
          message={adminT(request)('admin.error.code.RESET_LINK_INVALID')}
          link={{ href: '/admin/login', label: adminT(request)('admin.error.signIn') }}
        />
      )
      return sendAdminPage(reply, page, 410)
    }
    // The link itself is a secret: never tell the browser to pass it on to another page.
    reply.header('referrer-policy', 'no-referrer')
    return sendAdminPage(
      reply,
      <ResetPasswordPage chrome={chrome} email={user.email} action={request.url} problems={[]} />,
    )
  })

  admin.post('/reset/:token', { config: { capability: 'public' } }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const body = asFormBody(request.body)
    const password = formField(body, 'password')
    const user = await findResetUser(ctx, token)
    reply.header('referrer-policy', 'no-referrer')
    if (user && password !== formField(body, 'confirmation')) {
      const page = (
        <ResetPasswordPage
          chrome={adminChrome(ctx, request, reply)}
          email={user.email}
          action={request.url}
          problems={[adminT(request)('admin.problem.passwordConfirmationDiffers')]}
        />
      )
      return sendAdminPage(reply, page, 422)
    }
    try {
      await completeReset(ctx, token, password)
    } catch (error) {
      if (!(error instanceof ValidationError) || !user) throw error
      const page = (
        <ResetPasswordPage
          chrome={adminChrome(ctx, request, reply)}
          email={user.email}
          action={request.url}
          problems={translateProblems(request, error)}
        />
      )
      return sendAdminPage(reply, page, 422)
    }
    // Whatever session this browser had belonged to before the reset; it is gone now.
    endSessionCookie(ctx, reply)
    return reply.redirect('/admin/login?notice=password-reset', 303)
  })
}
