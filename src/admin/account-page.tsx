// The person's own account: password, two-step sign-in, sessions.
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from './admin-layout.tsx'

export interface AccountView {
  email: string
  displayName: string
  role: string
  isTwoFactorOn: boolean
  recoveryCodesLeft: number
  sessionCount: number
}

function PasswordConfirmField(props: { id: string }) {
  return (
    <>
      <label for={props.id}>Your current password</label>
      <input id={props.id} name="current" type="password" autocomplete="current-password" required />
    </>
  )
}

export function AccountPage(props: {
  chrome: AdminChrome
  account: AccountView
  notice?: string
  problems: string[]
}) {
  const { account, chrome } = props
  return (
    <AdminLayout chrome={chrome} title="Your account">
      <h1>Your account</h1>
      <p>
        {account.displayName} · {account.email} · {account.role}
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}

      <section class="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/account/password" class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="username" value={account.email} autocomplete="username" />
          <PasswordConfirmField id="current-password" />
          <label for="new-password">New password</label>
          <input
            id="new-password"
            name="password"
            type="password"
            autocomplete="new-password"
            minLength={12}
            required
            aria-describedby="new-password-hint"
          />
          <p class="hint" id="new-password-hint">
            At least 12 characters. Changing it signs you out on your other devices.
          </p>
          <label for="confirmation">New password again</label>
          <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required />
          <button type="submit">Change password</button>
        </form>
      </section>

      <section class="panel" aria-labelledby="two-step-heading">
        <h2 id="two-step-heading">Two-step sign-in</h2>
        {account.isTwoFactorOn ? (
          <>
            <p>
              Two-step sign-in is <strong>on</strong>. You have {account.recoveryCodesLeft} unused recovery
              code
              {account.recoveryCodesLeft === 1 ? '' : 's'}.
            </p>
            <form method="post" action="/admin/account/2fa/recovery-codes" class="stacked-form">
              <CsrfField token={chrome.csrfToken} />
              <PasswordConfirmField id="password-for-codes" />
              <button type="submit">Make new recovery codes</button>
            </form>
            <form method="post" action="/admin/account/2fa/disable" class="stacked-form">
              <CsrfField token={chrome.csrfToken} />
              <PasswordConfirmField id="password-for-disable" />
              <button type="submit" class="danger">
                Turn off two-step sign-in
              </button>
            </form>
          </>
        ) : (
          <>
            <p>
              Two-step sign-in is <strong>off</strong>. With it on, signing in also asks for a code from an
              authenticator app on your phone, so a stolen password alone is not enough.
            </p>
            <form method="post" action="/admin/account/2fa/setup">
              <CsrfField token={chrome.csrfToken} />
              <button type="submit">Set up two-step sign-in</button>
            </form>
          </>
        )}
      </section>

      <section class="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <p>
          You are signed in on {account.sessionCount} device{account.sessionCount === 1 ? '' : 's'} or browser
          {account.sessionCount === 1 ? '' : 's'}. If a device was lost or shared, log out everywhere.
        </p>
        <form method="post" action="/admin/account/logout-everywhere">
          <CsrfField token={chrome.csrfToken} />
          <button type="submit" class="danger">
            Log out everywhere
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}

export function TwoFactorSetupPage(props: {
  chrome: AdminChrome
  secretGroups: string
  uri: string
  error?: string
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Set up two-step sign-in">
      <h1>Set up two-step sign-in</h1>
      <ol class="steps">
        <li>
          Open an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator) and add
          an account by entering this key by hand:
          <p class="secret" id="totp-secret">
            <code>{props.secretGroups}</code>
          </p>
          <details>
            <summary>Or copy the full setup address</summary>
            <p class="secret">
              <code>{props.uri}</code>
            </p>
          </details>
        </li>
        <li>Type the six-digit code the app shows:</li>
      </ol>
      {props.error ? (
        <Notice kind="error">
          <p id="confirm-error">{props.error}</p>
        </Notice>
      ) : null}
      <form method="post" action="/admin/account/2fa/confirm" class="stacked-form">
        <CsrfField token={props.chrome.csrfToken} />
        <label for="code">Code from the app</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          required
          aria-describedby={props.error ? 'confirm-error' : undefined}
        />
        <button type="submit">Turn on two-step sign-in</button>
      </form>
      <p>
        <a href="/admin/account">Cancel</a>
      </p>
    </AdminLayout>
  )
}

export function RecoveryCodesPage(props: { chrome: AdminChrome; codes: string[]; isNew: boolean }) {
  return (
    <AdminLayout chrome={props.chrome} title="Your recovery codes">
      <h1>Your recovery codes</h1>
      {props.isNew ? <Notice kind="success">Two-step sign-in is on.</Notice> : null}
      <p>
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app.
        <strong> They are shown only now.</strong> Print them or write them down and keep them somewhere safe;
        any earlier codes no longer work.
      </p>
      <ul class="recovery-codes">
        {props.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/admin/account">I have kept them — back to my account</a>
      </p>
    </AdminLayout>
  )
}
