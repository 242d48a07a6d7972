// The admin's page frame: a top bar, the navigation the person's role may use, and the content.
// No inline scripts or styles anywhere (the CSP forbids them): forms work as plain HTML.
import type { ComponentChildren } from 'preact'
import { CSRF_FIELD } from '../auth/csrf.ts'
import type { UserRole } from '../db/tables.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { type AdminMessageKey, adminTranslate } from './admin-messages.ts'

export interface AdminNavItem {
  /** A key of the admin catalog, translated when the layout renders. */
  label: AdminMessageKey
  href: string
}

export const ROLE_LABELS: Record<UserRole, AdminMessageKey> = {
  admin: 'admin.role.admin',
  editor: 'admin.role.editor',
  author: 'admin.role.author',
  contributor: 'admin.role.contributor',
}

/** Plain data every admin page receives, built by adminChrome() in admin-pages.ts. */
export interface AdminChrome {
  siteName: string
  stylesheetUrl: string
  /** The path being shown, to mark the current navigation item. */
  currentPath: string
  /** A CSRF token for this page's forms. */
  csrfToken: string
  user?: { displayName: string; role: UserRole }
  nav: AdminNavItem[]
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />
}

/** A message above a form: role="alert" for errors so screen readers announce them. */
export function Notice(props: { kind: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  )
}

/** A list of problems, e.g. from a ValidationError. */
export function ProblemList(props: { problems: string[] }) {
  if (props.problems.length === 0) return null
  return (
    <Notice kind="error">
      {props.problems.length === 1 ? (
        <p>{props.problems[0]}</p>
      ) : (
        <ul>
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </Notice>
  )
}

function isCurrent(item: AdminNavItem, path: string): boolean {
  return item.href === '/admin' ? path === '/admin' : path === item.href || path.startsWith(`${item.href}/`)
}

export function AdminLayout(props: { chrome: AdminChrome; title: string; children: ComponentChildren }) {
  const { chrome } = props
  const locale = useLocale()
  const t = adminTranslate(locale)
  const path = chrome.currentPath.split('?')[0] ?? ''
  return (
    <html lang={locale.language} dir={locale.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{t('admin.layout.title', { title: props.title, siteName: chrome.siteName })}</title>
        <link rel="stylesheet" href={chrome.stylesheetUrl} />
      </head>
      <body class="admin">
        <a class="skip-link" href="#content">
          {t('admin.layout.skipToContent')}
        </a>
        <header class="admin-bar">
          <a class="admin-site" href={chrome.user ? '/admin' : '/'}>
            <bdi>{chrome.siteName}</bdi> <span class="admin-badge">{t('admin.layout.badge')}</span>
          </a>
          {chrome.user ? (
            <div class="admin-user">
              <a href="/admin/account" aria-current={path === '/admin/account' ? 'page' : undefined}>
                <bdi>{chrome.user.displayName}</bdi>
              </a>
              <span class="admin-role">{t(ROLE_LABELS[chrome.user.role])}</span>
              <form method="post" action="/admin/logout" class="inline-form">
                <CsrfField token={chrome.csrfToken} />
                <button type="submit" class="link-button">
                  {t('admin.layout.logOut')}
                </button>
              </form>
            </div>
          ) : null}
        </header>
        {chrome.user ? (
          <nav class="admin-nav" aria-label={t('admin.layout.navLabel')}>
            <ul>
              {chrome.nav.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={isCurrent(item, path) ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="content" class="admin-main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="admin-footer">
          <a href="/">{t('admin.layout.viewSite')}</a>
        </footer>
      </body>
    </html>
  )
}
