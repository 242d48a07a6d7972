// The admin's cookies and their flags in one place: HttpOnly always, SameSite=Lax, Secure when
// the site is served over https.
import type { CookieSerializeOptions } from '@fastify/cookie'
import type { Config } from '../config/config.ts'
import { SESSION_POLICY } from './sessions.ts'

export { SESSION_COOKIE } from './sessions.ts'

/** Holds the secret behind the sign-in form's CSRF token, before there is a session. */
export const SIGN_IN_CSRF_COOKIE = 'dateline_csrf'

function isHttps(config: Config): boolean {
  return config.siteUrl.startsWith('https:')
}

export function sessionCookieOptions(config: Config): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(config),
    // The browser may keep it as long as the server would accept it; the server decides sooner.
    maxAge: Math.floor(SESSION_POLICY.absoluteMs / 1000),
  }
}

export function signInCsrfCookieOptions(config: Config): CookieSerializeOptions {
  return { path: '/admin', httpOnly: true, sameSite: 'lax', secure: isHttps(config) }
}

export function clearedCookieOptions(options: CookieSerializeOptions): CookieSerializeOptions {
  const { maxAge: _maxAge, ...rest } = options
  return rest
}

/**
 * Clear-Site-Data for a sign-out: on a shared computer nothing of the newsroom's may stay behind,
 * so the editor's copies of unsaved text (localStorage, editor-autosave.ts) and cached admin pages
 * go with the session. Not "cookies": that would clear every site on the same registrable domain;
 * the session cookie is cleared by name.
 */
export const SIGN_OUT_CLEAR_SITE_DATA = '"cache", "storage"'
