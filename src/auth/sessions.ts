// Server-side sessions. The cookie holds a random token; the database holds only its SHA-256, so a
// database leak gives no live sessions. Sessions slide forward while used (idle expiry) but never
// outlive their absolute maximum; a session waiting for the second factor lives a few minutes.
import type { AppContext } from '../context.ts'
import type { SessionStage, UserRole } from '../db/tables.ts'
import { randomToken, sha256Hex } from './tokens.ts'

export const SESSION_COOKIE = 'dateline_session'

export interface SessionPolicy {
  idleMs: number
  absoluteMs: number
  /** How long the step between password and code may take. */
  secondFactorMs: number
  /** Last-seen times are written at most this often, so reading a page rarely writes. */
  touchEveryMs: number
}

export const SESSION_POLICY: SessionPolicy = {
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  secondFactorMs: 5 * 60 * 1000,
  touchEveryMs: 60 * 1000,
}

export interface SessionUser {
  id: number
  email: string
  displayName: string
  role: UserRole
  /** The admin's interface language the person chose; null follows the site's default. */
  uiLanguage: string | null
}

export interface LoadedSession {
  /** The stored id: SHA-256 of the token. */
  id: string
  stage: SessionStage
  csrfSecret: string
  user: SessionUser
  absoluteExpiresAt: string
}

export interface NewSession {
  /** Goes in the cookie, and nowhere else. */
  token: string
  id: string
  expiresAt: Date
}

export function sessionIdForToken(token: string): string {
  return sha256Hex(token)
}

/** The idle deadline after activity at `now`: never beyond the absolute maximum. */
export function slidingExpiry(
  now: Date,
  absoluteExpiresAt: Date,
  policy: SessionPolicy = SESSION_POLICY,
): Date {
  return new Date(Math.min(now.getTime() + policy.idleMs, absoluteExpiresAt.getTime()))
}

export function isSessionExpired(
  row: { idle_expires_at: string; absolute_expires_at: string },
  now: Date,
): boolean {
  const t = now.getTime()
  return t >= Date.parse(row.idle_expires_at) || t >= Date.parse(row.absolute_expires_at)
}

export async function createSession(
  ctx: AppContext,
  userId: number,
  stage: SessionStage,
  policy: SessionPolicy = SESSION_POLICY,
): Promise<NewSession> {
  const now = ctx.clock.now()
  const token = randomToken()
  const id = sessionIdForToken(token)
  const absolute = new Date(now.getTime() + (stage === 'mfa' ? policy.secondFactorMs : policy.absoluteMs))
  const idle = stage === 'mfa' ? absolute : slidingExpiry(now, absolute, policy)
  // Sessions that ran out without a last visit are otherwise never read again: sweep the user's.
  await ctx.db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('idle_expires_at', '<=', now.toISOString()),
        eb('absolute_expires_at', '<=', now.toISOString()),
      ]),
    )
    .execute()
  await ctx.db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      stage,
      csrf_secret: randomToken(18),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: idle.toISOString(),
      absolute_expires_at: absolute.toISOString(),
    })
    .execute()
  return { token, id, expiresAt: absolute }
}

/**
 * The session behind a cookie token, if it is still valid and its user is active. Expired
 * sessions are deleted on sight; a live one has its idle deadline moved forward.
 */
export async function findSession(
  ctx: AppContext,
  token: string,
  policy: SessionPolicy = SESSION_POLICY,
): Promise<LoadedSession | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const id = sessionIdForToken(token)
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.stage',
      'sessions.csrf_secret',
      'sessions.last_seen_at',
      'sessions.idle_expires_at',
      'sessions.absolute_expires_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.is_active',
      'users.ui_language',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const now = ctx.clock.now()
  if (isSessionExpired(row, now) || row.is_active !== 1) {
    await deleteSession(ctx, id)
    return undefined
  }
  if (row.stage === 'active' && now.getTime() - Date.parse(row.last_seen_at) >= policy.touchEveryMs) {
    await ctx.db
      .updateTable('sessions')
      .set({
        last_seen_at: now.toISOString(),
        idle_expires_at: slidingExpiry(now, new Date(row.absolute_expires_at), policy).toISOString(),
      })
      .where('id', '=', id)
      .execute()
  }
  return {
    id: row.id,
    stage: row.stage,
    csrfSecret: row.csrf_secret,
    absoluteExpiresAt: row.absolute_expires_at,
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      uiLanguage: row.ui_language,
    },
  }
}

export async function deleteSession(ctx: AppContext, id: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Ends every session of a user, or every one but `exceptId` (the one changing the password). */
export async function deleteUserSessions(
  ctx: AppContext,
  userId: number,
  exceptId?: string,
): Promise<number> {
  let query = ctx.db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function countUserSessions(ctx: AppContext, userId: number): Promise<number> {
  const now = ctx.clock.now().toISOString()
  const row = await ctx.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('stage', '=', 'active')
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .executeTakeFirst()
  return Number(row?.count ?? 0)
}

/** A short, non-secret reference to a session for the audit log: a prefix of its stored hash. */
export function sessionRef(sessionId: string): string {
  return sessionId.slice(0, 16)
}
