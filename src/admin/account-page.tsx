// The person's own account: interface language, password, two-step sign-in, sessions.

import type { UserRole } from '../db/tables.ts'
import { LANGUAGES, type SiteLanguage } from '../i18n/languages.ts'
import {
  type AdminChrome,
  AdminLayout,
  CsrfField,
  Notice,
  ProblemList,
  ROLE_LABELS,
} from './admin-layout.tsx'
import { ADMIN_LANGUAGES } from './admin-locale.ts'
import { type AdminMessageKey, useAdminT } from './admin-messages.ts'

export interface AccountView {
  email: string
  displayName: string
  role: UserRole
  /** The language the person chose, or null for the site's default. */
  uiLanguage: SiteLanguage | null
  siteDefaultLanguage: SiteLanguage
  isTwoFactorOn: boolean
  recoveryCodesLeft: number
  sessionCount: number
}

function PasswordConfirmField(props: { id: string }) {
  const t = useAdminT()
  return (
    <>
      <label for={props.id}>{t('admin.account.currentPassword')}</label>
      <input id={props.id} name="current" type="password" autocomplete="current-password" required />
    </>
  )
}

const LANGUAGE_NAMES: Record<SiteLanguage, AdminMessageKey> = {
  en: 'admin.language.en',
  fa: 'admin.language.fa',
  ps: 'admin.language.ps',
}

/** The admin's language: each option is named in its own language, so anyone can find theirs. */
function LanguageForm(props: { account: AccountView; csrfToken: string }) {
  const t = useAdminT()
  const { account } = props
  return (
    <section class="panel" aria-labelledby="language-heading">
      <h2 id="language-heading">{t('admin.account.languageHeading')}</h2>
      <form method="post" action="/admin/account/language" class="stacked-form">
        <CsrfField token={props.csrfToken} />
        <label for="ui-language">{t('admin.account.languageLabel')}</label>
        <select id="ui-language" name="language" aria-describedby="ui-language-hint">
          <option value="" selected={account.uiLanguage === null}>
            {t('admin.account.languageSiteDefault', {
              language: t(LANGUAGE_NAMES[account.siteDefaultLanguage]),
            })}
          </option>
          {ADMIN_LANGUAGES.map((language) => (
            <option
              key={language}
              value={language}
              lang={language}
              dir={LANGUAGES[language].dir}
              selected={account.uiLanguage === language}
            >
              {LANGUAGES[language].nativeName}
            </option>
          ))}
        </select>
        <p class="hint" id="ui-language-hint">
          {t('admin.account.languageHint')}
        </p>
        <button type="submit">{t('admin.account.languageSave')}</button>
      </form>
    </section>
  )
}

export function AccountPage(props: {
  chrome: AdminChrome
  account: AccountView
  notice?: string
  problems: string[]
}) {
  const t = useAdminT()
  const { account, chrome } = props
  return (
    <AdminLayout chrome={chrome} title={t('admin.account.title')}>
      <h1>{t('admin.account.title')}</h1>
      <p>
        <bdi>{account.displayName}</bdi> · <bdi>{account.email}</bdi> · {t(ROLE_LABELS[account.role])}
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}

      <LanguageForm account={account} csrfToken={chrome.csrfToken} />

      <section class="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('admin.account.passwordHeading')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/account/password" class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="username" value={account.email} autocomplete="username" />
          <PasswordConfirmField id="current-password" />
          <label for="new-password">{t('admin.account.newPassword')}</label>
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
            {t('admin.account.newPasswordHint')}
          </p>
          <label for="confirmation">{t('admin.account.newPasswordAgain')}</label>
          <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required />
          <button type="submit">{t('admin.account.changePassword')}</button>
        </form>
      </section>

      <section class="panel" aria-labelledby="two-step-heading">
        <h2 id="two-step-heading">{t('admin.account.twoStepHeading')}</h2>
        {account.isTwoFactorOn ? (
          <>
            <p>{t('admin.account.twoStepOn', { count: account.recoveryCodesLeft })}</p>
            <form method="post" action="/admin/account/2fa/recovery-codes" class="stacked-form">
              <CsrfField token={chrome.csrfToken} />
              <PasswordConfirmField id="password-for-codes" />
              <button type="submit">{t('admin.account.newRecoveryCodes')}</button>
            </form>
            <form method="post" action="/admin/account/2fa/disable" class="stacked-form">
              <CsrfField token={chrome.csrfToken} />
              <PasswordConfirmField id="password-for-disable" />
              <button type="submit" class="danger">
                {t('admin.account.turnOffTwoStep')}
              </button>
            </form>
          </>
        ) : (
          <>
            <p>{t('admin.account.twoStepOff')}</p>
            <form method="post" action="/admin/account/2fa/setup">
              <CsrfField token={chrome.csrfToken} />
              <button type="submit">{t('admin.account.setUpTwoStep')}</button>
            </form>
          </>
        )}
      </section>

      <section class="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('admin.account.sessionsHeading')}</h2>
        <p>{t('admin.account.sessionCount', { count: account.sessionCount })}</p>
        <form method="post" action="/admin/account/logout-everywhere">
          <CsrfField token={chrome.csrfToken} />
          <button type="submit" class="danger">
            {t('admin.account.logOutEverywhere')}
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
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.twoStep.setupTitle')}>
      <h1>{t('admin.twoStep.setupTitle')}</h1>
      <ol class="steps">
        <li>
          {t('admin.twoStep.step1')}
          <p class="secret" id="totp-secret" dir="ltr">
            <code>{props.secretGroups}</code>
          </p>
          <details>
            <summary>{t('admin.twoStep.copyUri')}</summary>
            <p class="secret" dir="ltr">
              <code>{props.uri}</code>
            </p>
          </details>
        </li>
        <li>{t('admin.twoStep.step2')}</li>
      </ol>
      {props.error ? (
        <Notice kind="error">
          <p id="confirm-error">{props.error}</p>
        </Notice>
      ) : null}
      <form method="post" action="/admin/account/2fa/confirm" class="stacked-form">
        <CsrfField token={props.chrome.csrfToken} />
        <label for="code">{t('admin.twoStep.codeLabel')}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          dir="ltr"
          required
          aria-describedby={props.error ? 'confirm-error' : undefined}
        />
        <button type="submit">{t('admin.twoStep.turnOn')}</button>
      </form>
      <p>
        <a href="/admin/account">{t('admin.common.cancel')}</a>
      </p>
    </AdminLayout>
  )
}

export function RecoveryCodesPage(props: { chrome: AdminChrome; codes: string[]; isNew: boolean }) {
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.twoStep.codesTitle')}>
      <h1>{t('admin.twoStep.codesTitle')}</h1>
      {props.isNew ? <Notice kind="success">{t('admin.twoStep.isOn')}</Notice> : null}
      <p>
        {t('admin.twoStep.codesExplain')}
        <strong> {t('admin.twoStep.codesOnlyNow')}</strong> {t('admin.twoStep.codesKeep')}
      </p>
      <ul class="recovery-codes" dir="ltr">
        {props.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/admin/account">{t('admin.twoStep.codesKept')}</a>
      </p>
    </AdminLayout>
  )
}
