// The sign-in, second-step and password-reset pages. Plain forms with labels tied to their inputs;
// errors are announced (role="alert") and repeated next to nothing secret.
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { useAdminT } from '../admin/admin-messages.ts'

export function LoginPage(props: {
  chrome: AdminChrome
  next: string
  email: string
  error?: string
  notice?: string
}) {
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.login.title')}>
      <section class="auth-box">
        <h1>{t('admin.login.title')}</h1>
        {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
        {props.error ? (
          <Notice kind="error">
            <p id="login-error">{props.error}</p>
          </Notice>
        ) : null}
        <form
          method="post"
          action="/admin/login"
          class="stacked-form"
          aria-describedby={props.error ? 'login-error' : undefined}
        >
          <CsrfField token={props.chrome.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <label for="email">{t('admin.login.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            dir="ltr"
            required
            value={props.email}
          />
          <label for="password">{t('admin.login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">{t('admin.login.submit')}</button>
        </form>
        <p class="hint">{t('admin.login.forgotten')}</p>
      </section>
    </AdminLayout>
  )
}

export function SecondFactorPage(props: { chrome: AdminChrome; error?: string }) {
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.login.codeTitle')}>
      <section class="auth-box">
        <h1>{t('admin.account.twoStepHeading')}</h1>
        {props.error ? (
          <Notice kind="error">
            <p id="code-error">{props.error}</p>
          </Notice>
        ) : null}
        <form method="post" action="/admin/login/code" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <label for="code">{t('admin.login.codeLabel')}</label>
          <input
            id="code"
            name="code"
            type="text"
            autocomplete="one-time-code"
            dir="ltr"
            required
            aria-describedby={props.error ? 'code-error code-hint' : 'code-hint'}
          />
          <p class="hint" id="code-hint">
            {t('admin.login.codeHint')}
          </p>
          <button type="submit">{t('admin.login.continue')}</button>
        </form>
        <p>
          <a href="/admin/login">{t('admin.login.startAgain')}</a>
        </p>
      </section>
    </AdminLayout>
  )
}

export function ResetPasswordPage(props: {
  chrome: AdminChrome
  email: string
  action: string
  problems: string[]
}) {
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.reset.title')}>
      <section class="auth-box">
        <h1>{t('admin.reset.title')}</h1>
        <p>
          {t('admin.reset.forAccount')}{' '}
          <strong>
            <bdi>{props.email}</bdi>
          </strong>
        </p>
        <ProblemList problems={props.problems} />
        <form method="post" action={props.action} class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <input type="hidden" name="username" value={props.email} autocomplete="username" />
          <label for="password">{t('admin.account.newPassword')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            minLength={12}
            required
            aria-describedby="password-hint"
          />
          <p class="hint" id="password-hint">
            {t('admin.reset.hint')}
          </p>
          <label for="confirmation">{t('admin.account.newPasswordAgain')}</label>
          <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required />
          <button type="submit">{t('admin.reset.submit')}</button>
        </form>
      </section>
    </AdminLayout>
  )
}

export function MessagePage(props: {
  chrome: AdminChrome
  title: string
  message: string
  link?: { href: string; label: string }
}) {
  return (
    <AdminLayout chrome={props.chrome} title={props.title}>
      <section class="auth-box">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        {props.link ? (
          <p>
            <a href={props.link.href}>{props.link.label}</a>
          </p>
        ) : null}
      </section>
    </AdminLayout>
  )
}
