// /admin/account: the admin's language, change password, two-step sign-in, log out everywhere.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { changePassword, isCurrentPassword, logOutEverywhere } from '../auth/account.service.ts'
import {
  clearedCookieOptions,
  SESSION_COOKIE,
  SIGN_OUT_CLEAR_SITE_DATA,
  sessionCookieOptions,
} from '../auth/auth-cookies.ts'
import { requireSignedIn } from '../auth/route-access.ts'
import { countUserSessions } from '../auth/sessions.ts'
import { groupSecret, totpUri } from '../auth/totp.ts'
import {
  confirmTwoFactor,
  countUnusedRecoveryCodes,
  disableTwoFactor,
  isTwoFactorEnabled,
  pendingTwoFactorSecret,
  regenerateRecoveryCodes,
} from '../auth/two-factor.service.ts'
import type { AppContext } from '../context.ts'
import { ValidationError } from '../errors.ts'
import { asSiteLanguage, isSiteLanguage } from '../i18n/languages.ts'
import { setInterfaceLanguage } from '../users/users.service.ts'
import { AccountPage, RecoveryCodesPage, TwoFactorSetupPage } from './account-page.tsx'
import { type AdminMessageKey, adminT, requestLocale } from './admin-messages.ts'
import { adminChrome, sendAdminPage } from './admin-pages.ts'
import { asFormBody, formField } from './form-body.ts'
import { translateProblems } from './problem-messages.ts'

const NOTICES: Record<string, AdminMessageKey> = {
  'password-changed': 'admin.account.noticePasswordChanged',
  'two-step-off': 'admin.account.noticeTwoStepOff',
  'language-saved': 'admin.account.languageSaved',
}

const ACCESS = { config: { capability: 'account.manage-own' } } as const

async function showAccount(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { notice?: string; problems?: string[]; status?: number } = {},
): Promise<FastifyReply> {
  const session = requireSignedIn(request)
  const userId = session.user.id
  const [isTwoFactorOn, recoveryCodesLeft, sessionCount] = await Promise.all([
    isTwoFactorEnabled(ctx, userId),
    countUnusedRecoveryCodes(ctx, userId),
    countUserSessions(ctx, userId),
  ])
  const locale = requestLocale(request)
  const account = {
    email: session.user.email,
    displayName: session.user.displayName,
    role: session.user.role,
    uiLanguage: isSiteLanguage(session.user.uiLanguage) ? session.user.uiLanguage : null,
    siteDefaultLanguage: asSiteLanguage(locale.defaultLanguage),
    isTwoFactorOn,
    recoveryCodesLeft,
    sessionCount,
  }
  const page = (
    <AccountPage
      chrome={adminChrome(ctx, request, reply)}
      account={account}
      notice={options.notice}
      problems={options.problems ?? []}
    />
  )
  return sendAdminPage(reply, page, options.status ?? 200)
}

async function showSetup(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  error?: string,
): Promise<FastifyReply> {
  const session = requireSignedIn(request)
  const secret = await pendingTwoFactorSecret(ctx, session.user.id)
  const page = (
    <TwoFactorSetupPage
      chrome={adminChrome(ctx, request, reply)}
      secretGroups={groupSecret(secret)}
      uri={totpUri(secret, ctx.config.siteName, session.user.email)}
      error={error}
    />
  )
  return sendAdminPage(reply, page, error ? 422 : 200)
}

export function registerAccountRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/account', ACCESS, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const notice = NOTICES[query.notice ?? '']
    return showAccount(ctx, request, reply, { notice: notice && adminT(request)(notice) })
  })

  admin.post('/account/language', ACCESS, async (request, reply) => {
    const { actor } = requireSignedIn(request)
    const language = formField(asFormBody(request.body), 'language')
    await setInterfaceLanguage(ctx, actor, language === '' ? null : language)
    return reply.redirect('/admin/account?notice=language-saved', 303)
  })

  admin.post('/account/password', ACCESS, async (request, reply) => {
    const { actor } = requireSignedIn(request)
    const body = asFormBody(request.body)
    try {
      await changePassword(ctx, actor, {
        current: formField(body, 'current'),
        next: formField(body, 'password'),
        confirmation: formField(body, 'confirmation'),
      })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showAccount(ctx, request, reply, { problems: translateProblems(request, error), status: 422 })
    }
    return reply.redirect('/admin/account?notice=password-changed', 303)
  })

  admin.post('/account/2fa/setup', ACCESS, async (request, reply) => {
    const session = requireSignedIn(request)
    if (await isTwoFactorEnabled(ctx, session.user.id)) return reply.redirect('/admin/account', 303)
    await pendingTwoFactorSecret(ctx, session.user.id)
    return reply.redirect('/admin/account/2fa/setup', 303)
  })

  admin.get('/account/2fa/setup', ACCESS, async (request, reply) => {
    const session = requireSignedIn(request)
    if (await isTwoFactorEnabled(ctx, session.user.id)) return reply.redirect('/admin/account', 303)
    return showSetup(ctx, request, reply)
  })

  admin.post('/account/2fa/confirm', ACCESS, async (request, reply) => {
    const { actor } = requireSignedIn(request)
    if (await isTwoFactorEnabled(ctx, actor.userId)) return reply.redirect('/admin/account', 303)
    const codes = await confirmTwoFactor(ctx, actor, formField(asFormBody(request.body), 'code'))
    if (!codes) return showSetup(ctx, request, reply, adminT(request)('admin.twoStep.wrongCode'))
    return sendAdminPage(
      reply,
      <RecoveryCodesPage chrome={adminChrome(ctx, request, reply)} codes={codes} isNew />,
    )
  })

  admin.post('/account/2fa/recovery-codes', ACCESS, async (request, reply) => {
    const { actor } = requireSignedIn(request)
    if (!(await isCurrentPassword(ctx, actor.userId, formField(asFormBody(request.body), 'current')))) {
      return showAccount(ctx, request, reply, {
        problems: [adminT(request)('admin.account.wrongPassword')],
        status: 422,
      })
    }
    if (!(await isTwoFactorEnabled(ctx, actor.userId))) return reply.redirect('/admin/account', 303)
    const codes = await regenerateRecoveryCodes(ctx, actor)
    return sendAdminPage(
      reply,
      <RecoveryCodesPage chrome={adminChrome(ctx, request, reply)} codes={codes} isNew={false} />,
    )
  })

  admin.post('/account/2fa/disable', ACCESS, async (request, reply) => {
    const { actor } = requireSignedIn(request)
    if (!(await isCurrentPassword(ctx, actor.userId, formField(asFormBody(request.body), 'current')))) {
      return showAccount(ctx, request, reply, {
        problems: [adminT(request)('admin.account.wrongPassword')],
        status: 422,
      })
    }
    await disableTwoFactor(ctx, actor)
    return reply.redirect('/admin/account?notice=two-step-off', 303)
  })

  admin.post('/account/logout-everywhere', ACCESS, async (request, reply) => {
    const { actor } = requireSignedIn(request)
    await logOutEverywhere(ctx, actor)
    reply.clearCookie(SESSION_COOKIE, clearedCookieOptions(sessionCookieOptions(ctx.config)))
    reply.header('clear-site-data', SIGN_OUT_CLEAR_SITE_DATA)
    return reply.redirect('/admin/login?notice=logged-out-everywhere', 303)
  })
}
