// The admin's page frame: a top bar, the navigation the person's role may use, and the content.
// No inline scripts or styles anywhere (the CSP forbids them): forms work as plain HTML.
import type { ComponentChildren } from 'preact'
import { CSRF_FIELD } from '../auth/csrf.ts'
import type { UserRole } from '../db/tables.ts'

export interface AdminNavItem {
  label: string
  href: string
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
  const path = chrome.currentPath.split('?')[0] ?? ''
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} – ${chrome.siteName} admin`}</title>
        <link rel="stylesheet" href={chrome.stylesheetUrl} />
      </head>
      <body class="admin">
        <a class="skip-link" href="#content">
          Skip to content
        </a>
        <header class="admin-bar">
          <a class="admin-site" href={chrome.user ? '/admin' : '/'}>
            {chrome.siteName} <span class="admin-badge">Admin</span>
          </a>
          {chrome.user ? (
            <div class="admin-user">
              <a href="/admin/account" aria-current={path === '/admin/account' ? 'page' : undefined}>
                {chrome.user.displayName}
              </a>
              <span class="admin-role">{chrome.user.role}</span>
              <form method="post" action="/admin/logout" class="inline-form">
                <CsrfField token={chrome.csrfToken} />
                <button type="submit" class="link-button">
                  Log out
                </button>
              </form>
            </div>
          ) : null}
        </header>
        {chrome.user ? (
          <nav class="admin-nav" aria-label="Admin">
            <ul>
              {chrome.nav.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={isCurrent(item, path) ? 'page' : undefined}>
                    {item.label}
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
          <a href="/">View the site</a>
        </footer>
      </body>
    </html>
  )
}
