// /admin/users: staff accounts for administrators — change a role, deactivate (which ends every
// session of the person) and reactivate, invite by a one-time link. /admin/invite/{token} is where
// an invited person chooses their name and password. The last active administrator can never be
// demoted or deactivated (the service refuses; the page explains).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type AdminChrome,
  AdminLayout,
  CsrfField,
  Notice,
  ProblemList,
  ROLE_LABELS,
} from '../admin/admin-layout.tsx'
import {
  type AdminMessageKey,
  type AdminTranslate,
  adminT,
  requestLocale,
  useAdminT,
} from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import {
  type FieldErrors,
  formLevelProblems,
  SelectField,
  type SelectOption,
  TextField,
} from '../admin/form-fields.tsx'
import { translateErrorMessage, translateFieldErrors, translateProblems } from '../admin/problem-messages.ts'
import { idParam, queryParam } from '../admin/route-params.ts'
import { clearedCookieOptions, SESSION_COOKIE, sessionCookieOptions } from '../auth/auth-cookies.ts'
import { MessagePage } from '../auth/login-pages.tsx'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, ValidationError } from '../errors.ts'
import { acceptInvite, createInvite, findInvite, pendingInviteUserIds } from './invites.service.ts'
import { changeUserRole, listUsers, ROLES, setUserActive, type UserListItem } from './users.service.ts'

const ACCESS = { config: { capability: 'users.manage' } } as const
const PUBLIC = { config: { capability: 'public' } } as const

const NOTICES: Record<string, AdminMessageKey> = {
  'role-changed': 'admin.users.noticeRoleChanged',
  deactivated: 'admin.users.noticeDeactivated',
  activated: 'admin.users.noticeActivated',
}

function roleOptions(t: AdminTranslate): SelectOption[] {
  return ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))
}

interface UserRowView extends UserListItem {
  isInvited: boolean
}

export function UsersPage(props: {
  chrome: AdminChrome
  users: UserRowView[]
  currentUserId: number
  notice?: string
  problems: string[]
  inviteErrors: FieldErrors
  inviteForm: { email: string; role: string }
  invitation?: { email: string; url: string; expiresAt: string }
}) {
  const { chrome } = props
  const t = useAdminT()
  const ROLE_OPTIONS = roleOptions(t)
  return (
    <AdminLayout chrome={chrome} title={t('admin.nav.users')}>
      <h1>{t('admin.nav.users')}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <ProblemList problems={props.problems} />
      {props.invitation ? (
        <Notice kind="success">
          <p>
            {t('admin.users.invitationReady', { expiresAt: props.invitation.expiresAt })}{' '}
            <bdi>{props.invitation.email}</bdi>
          </p>
          <p class="secret" dir="ltr">
            <code>{props.invitation.url}</code>
          </p>
        </Notice>
      ) : null}
      <div class="table-scroll">
        <table class="manage-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.person')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.stories.status')}</th>
              <th scope="col">{t('admin.users.access')}</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr key={u.id}>
                <td>
                  <bdi>{u.displayName}</bdi>
                  {u.id === props.currentUserId ? ` ${t('admin.users.you')}` : ''}
                  <br />
                  <span class="manage-meta" dir="ltr">
                    {u.email}
                  </span>
                </td>
                <td>
                  <form method="post" action={`/admin/users/${u.id}/role`} class="row-form">
                    <CsrfField token={chrome.csrfToken} />
                    <input type="hidden" name="expectedRole" value={u.role} />
                    <label for={`role-${u.id}`} class="visually-hidden">
                      {t('admin.users.roleOf', { name: u.displayName })}
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {ROLE_OPTIONS.map((o) => (
                        <option key={o.value} value={o.value} selected={o.value === u.role}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="small">
                      {t('admin.users.change')}
                      <span class="visually-hidden"> {t('admin.users.roleOf', { name: u.displayName })}</span>
                    </button>
                  </form>
                </td>
                <td data-label={t('admin.stories.status')}>
                  {u.isInvited
                    ? t('admin.users.statusInvited')
                    : u.isActive
                      ? t('admin.users.statusActive')
                      : t('admin.users.statusDeactivated')}
                </td>
                <td>
                  <form
                    method="post"
                    action={`/admin/users/${u.id}/${u.isActive ? 'deactivate' : 'activate'}`}
                    class="inline-form"
                  >
                    <CsrfField token={chrome.csrfToken} />
                    <button type="submit" class={u.isActive ? 'small danger' : 'small'}>
                      {u.isActive ? t('admin.users.deactivate') : t('admin.users.reactivate')}
                      <span class="visually-hidden"> {u.displayName}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('admin.users.inviteHeading')}</h2>
        <p>
          {t('admin.users.inviteIntro')} <code dir="ltr">dateline user invite --email … --role …</code>
        </p>
        <form method="post" action="/admin/users/invite" class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <TextField
            name="email"
            label={t('admin.login.email')}
            type="email"
            value={props.inviteForm.email}
            errors={props.inviteErrors}
            idPrefix="invite-"
            autocomplete="off"
            isRequired
          />
          <SelectField
            name="role"
            label={t('admin.users.role')}
            value={props.inviteForm.role}
            errors={props.inviteErrors}
            idPrefix="invite-"
            options={ROLE_OPTIONS}
          />
          <button type="submit">{t('admin.users.makeInvitation')}</button>
        </form>
      </section>
    </AdminLayout>
  )
}

export function AcceptInvitePage(props: {
  chrome: AdminChrome
  email: string
  action: string
  problems: string[]
  errors: FieldErrors
  displayName: string
}) {
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.invite.title')}>
      <section class="auth-box">
        <h1>{t('admin.invite.heading')}</h1>
        <p>
          {t('admin.invite.intro')} <bdi>{props.email}</bdi>
        </p>
        <ProblemList problems={props.problems} />
        <form method="post" action={props.action} class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <input type="hidden" name="username" value={props.email} autocomplete="username" />
          <TextField
            name="displayName"
            label={t('admin.invite.name')}
            value={props.displayName}
            errors={props.errors}
            autocomplete="name"
            dir="auto"
            isRequired
          />
          <TextField
            name="password"
            label={t('admin.login.password')}
            type="password"
            value=""
            errors={props.errors}
            autocomplete="new-password"
            hint={t('admin.invite.passwordHint')}
            isRequired
          />
          <TextField
            name="confirmation"
            label={t('admin.invite.passwordAgain')}
            type="password"
            value=""
            errors={props.errors}
            autocomplete="new-password"
            isRequired
          />
          <button type="submit">{t('admin.invite.join')}</button>
        </form>
      </section>
    </AdminLayout>
  )
}

async function showUsers(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    notice?: string
    problems?: string[]
    inviteErrors?: FieldErrors
    inviteForm?: { email: string; role: string }
    invitation?: { email: string; url: string; expiresAt: string }
    status?: number
  } = {},
): Promise<FastifyReply> {
  const actor = requireActor(request)
  const [users, invited] = await Promise.all([listUsers(ctx), pendingInviteUserIds(ctx)])
  const page = (
    <UsersPage
      chrome={adminChrome(ctx, request, reply)}
      users={users.map((u) => ({ ...u, isInvited: invited.has(u.id) }))}
      currentUserId={actor.userId}
      notice={options.notice}
      problems={options.problems ?? []}
      inviteErrors={options.inviteErrors ?? {}}
      inviteForm={options.inviteForm ?? { email: '', role: 'contributor' }}
      invitation={options.invitation}
    />
  )
  return sendAdminPage(reply, page, options.status ?? 200)
}

/** A refusal's message for the summary above the page, in the admin's language. */
function problemsOf(request: FastifyRequest, error: AppError): string[] {
  return error instanceof ValidationError
    ? translateProblems(request, error)
    : [translateErrorMessage(request, error)]
}

/** The refusals a person can act on, shown on the page instead of an error page. */
function isShownOnPage(error: unknown): error is AppError {
  return (
    error instanceof AppError &&
    ['LAST_ADMIN', 'STALE_FORM', 'VALIDATION_FAILED', 'USER_NOT_FOUND'].includes(error.code)
  )
}

function noticeOf(request: FastifyRequest): string | undefined {
  const key = NOTICES[queryParam(request, 'notice')]
  return key && adminT(request)(key)
}

export function registerUserRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/users', ACCESS, async (request, reply) =>
    showUsers(ctx, request, reply, { notice: noticeOf(request) }),
  )

  admin.post('/users/:id/role', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const id = idParam(request)
    const role = formField(body, 'role')
    try {
      await changeUserRole(ctx, actor, id, role, formField(body, 'expectedRole'))
    } catch (error) {
      if (!isShownOnPage(error)) throw error
      return showUsers(ctx, request, reply, { problems: problemsOf(request, error), status: error.status })
    }
    // An administrator who stepped down may no longer open this page.
    if (id === actor.userId && role !== 'admin') return reply.redirect('/admin', 303)
    return reply.redirect('/admin/users?notice=role-changed', 303)
  })

  for (const [verb, isActive] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    admin.post(`/users/:id/${verb}`, ACCESS, async (request, reply) => {
      const actor = requireActor(request)
      const id = idParam(request)
      try {
        await setUserActive(ctx, actor, id, isActive)
      } catch (error) {
        if (!isShownOnPage(error)) throw error
        return showUsers(ctx, request, reply, { problems: problemsOf(request, error), status: error.status })
      }
      // Deactivating oneself ends one's own session too: off to the sign-in page.
      if (!isActive && id === actor.userId) {
        reply.clearCookie(SESSION_COOKIE, clearedCookieOptions(sessionCookieOptions(ctx.config)))
        return reply.redirect('/admin/login', 303)
      }
      return reply.redirect(`/admin/users?notice=${isActive ? 'activated' : 'deactivated'}`, 303)
    })
  }

  admin.post('/users/invite', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const inviteForm = { email: formField(body, 'email'), role: formField(body, 'role') }
    try {
      const invitation = await createInvite(ctx, actor, inviteForm)
      // The page carries a secret link: never pass this address on as a referrer.
      reply.header('referrer-policy', 'no-referrer')
      return showUsers(ctx, request, reply, {
        invitation: {
          email: inviteForm.email.trim().toLowerCase(),
          url: invitation.url,
          expiresAt: requestLocale(request).formatDateTime(invitation.expiresAt.toISOString()),
        },
      })
    } catch (error) {
      if (error instanceof ValidationError) {
        const problems = formLevelProblems(translateProblems(request, error), error.fields)
        return showUsers(ctx, request, reply, {
          problems,
          inviteErrors: translateFieldErrors(request, error),
          inviteForm,
          status: 422,
        })
      }
      if (error instanceof AppError && error.code === 'EMAIL_TAKEN') {
        return showUsers(ctx, request, reply, {
          inviteErrors: { email: translateErrorMessage(request, error) },
          inviteForm,
          status: 409,
        })
      }
      throw error
    }
  })

  admin.get('/invite/:token', PUBLIC, async (request, reply) => {
    const { token } = request.params as { token: string }
    const invite = await findInvite(ctx, token)
    const chrome = adminChrome(ctx, request, reply)
    reply.header('referrer-policy', 'no-referrer')
    if (!invite) {
      const page = (
        <MessagePage
          chrome={chrome}
          title={adminT(request)('admin.reset.linkGoneTitle')}
          message={adminT(request)('admin.error.code.INVITE_LINK_INVALID')}
          link={{ href: '/admin/login', label: adminT(request)('admin.error.signIn') }}
        />
      )
      return sendAdminPage(reply, page, 410)
    }
    return sendAdminPage(
      reply,
      <AcceptInvitePage
        chrome={chrome}
        email={invite.email}
        action={request.url}
        problems={[]}
        errors={{}}
        displayName=""
      />,
    )
  })

  admin.post('/invite/:token', PUBLIC, async (request, reply) => {
    const { token } = request.params as { token: string }
    const body = asFormBody(request.body)
    const displayName = formField(body, 'displayName')
    reply.header('referrer-policy', 'no-referrer')
    try {
      await acceptInvite(ctx, token, {
        displayName,
        password: formField(body, 'password'),
        confirmation: formField(body, 'confirmation'),
      })
    } catch (error) {
      const invite = await findInvite(ctx, token)
      if (!(error instanceof ValidationError) || !invite) throw error
      const page = (
        <AcceptInvitePage
          chrome={adminChrome(ctx, request, reply)}
          email={invite.email}
          action={request.url}
          problems={formLevelProblems(translateProblems(request, error), error.fields)}
          errors={translateFieldErrors(request, error)}
          displayName={displayName}
        />
      )
      return sendAdminPage(reply, page, 422)
    }
    return reply.redirect('/admin/login?notice=password-reset', 303)
  })
}
