// The sign-in, second-step and password-reset pages. Plain forms with labels tied to their inputs;
// errors are announced (role="alert") and repeated next to nothing secret.
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'

export function LoginPage(props: {
  chrome: AdminChrome
  next: string
  email: string
  error?: string
  notice?: string
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Sign in">
      <section class="auth-box">
        <h1>Sign in</h1>
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
          <label for="email">E-mail address</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={props.email} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
        <p class="hint">Forgotten your password? Ask an administrator for a reset link.</p>
      </section>
    </AdminLayout>
  )
}

export function SecondFactorPage(props: { chrome: AdminChrome; error?: string }) {
  return (
    <AdminLayout chrome={props.chrome} title="Enter your code">
      <section class="auth-box">
        <h1>Two-step sign-in</h1>
        {props.error ? (
          <Notice kind="error">
            <p id="code-error">{props.error}</p>
          </Notice>
        ) : null}
        <form method="post" action="/admin/login/code" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <label for="code">Code from your authenticator app</label>
          <input
            id="code"
            name="code"
            type="text"
            autocomplete="one-time-code"
            required
            aria-describedby={props.error ? 'code-error code-hint' : 'code-hint'}
          />
          <p class="hint" id="code-hint">
            Six digits from the app, or one of your recovery codes if you have lost your phone.
          </p>
          <button type="submit">Continue</button>
        </form>
        <p>
          <a href="/admin/login">Start again</a>
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
  return (
    <AdminLayout chrome={props.chrome} title="Choose a new password">
      <section class="auth-box">
        <h1>Choose a new password</h1>
        <p>
          For <strong>{props.email}</strong>. Setting it signs this account out everywhere.
        </p>
        <ProblemList problems={props.problems} />
        <form method="post" action={props.action} class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <input type="hidden" name="username" value={props.email} autocomplete="username" />
          <label for="password">New password</label>
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
            At least 12 characters. A few unrelated words make a good one.
          </p>
          <label for="confirmation">New password again</label>
          <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required />
          <button type="submit">Set the password</button>
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
