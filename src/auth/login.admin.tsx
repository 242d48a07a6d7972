// Routes for signing in and out and for password reset links, inside the /admin plugin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { recordAudit } from '../audit/audit.service.ts'
import type { AppContext } from '../context.ts'
import { ValidationError } from '../errors.ts'
import {
  clearedCookieOptions,
  SESSION_COOKIE,
  SIGN_IN_CSRF_COOKIE,
  sessionCookieOptions,
  signInCsrfCookieOptions,
} from './auth-cookies.ts'
import { loginWithPassword, loginWithSecondFactor } from './login.service.ts'
import { LoginPage, MessagePage, ResetPasswordPage, SecondFactorPage } from './login-pages.tsx'
import { completeReset, findResetUser, RESET_LINK_INVALID_MESSAGE } from './password-reset.service.ts'
import { safeNextPath } from './route-access.ts'
import { deleteSession, type NewSession } from './sessions.ts'

const NOTICES: Record<string, string> = {
  'logged-out': 'You have logged out.',
  'logged-out-everywhere': 'You have been logged out on every device.',
  'password-reset': 'Your password is set. Sign in with it now.',
  'password-changed': 'Your password is changed. Sign in with the new one.',
}

const FAILED_MESSAGE = 'That e-mail address and password do not match an account that may sign in.'

/** "Try again after 08:15 (in 15 minutes)", in the site's time zone. */
export function lockoutMessage(until: Date, now: Date, timeZone: string): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    until,
  )
  return `Too many failed sign-in attempts. Try again after ${time} (in ${minutes} minute${minutes === 1 ? '' : 's'}).`
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
    const notice = NOTICES[query.notice ?? '']
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
        ? lockoutMessage(outcome.lockedUntil, now, ctx.config.timeZone)
        : FAILED_MESSAGE
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
      const error = lockoutMessage(outcome.lockedUntil, now, ctx.config.timeZone)
      const page = (
        <LoginPage chrome={adminChrome(ctx, request, reply)} next="/admin" email="" error={error} />
      )
      return sendAdminPage(reply, page, 429)
    }
    const page = (
      <SecondFactorPage
        chrome={adminChrome(ctx, request, reply)}
        error="That code is not right. Try again."
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
          title="This link no longer works"
          message={RESET_LINK_INVALID_MESSAGE}
          link={{ href: '/admin/login', label: 'Sign in' }}
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
          problems={['The password and its confirmation differ']}
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
          problems={error.problems}
        />
      )
      return sendAdminPage(reply, page, 422)
    }
    // Whatever session this browser had belonged to before the reset; it is gone now.
    endSessionCookie(ctx, reply)
    return reply.redirect('/admin/login?notice=password-reset', 303)
  })
}
