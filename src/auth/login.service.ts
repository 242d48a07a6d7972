// Signing in: the password step, the optional second step, and the lockout around both. Every
// outcome is written to the audit log. Answers never tell whether an e-mail address has an account.
import { recordAudit } from '../audit/audit.service.ts'
import type { AppContext, UserActor } from '../context.ts'
import type { UserRole } from '../db/tables.ts'
import { verifyPassword } from '../users/passwords.ts'
import { findUserByEmail, MAX_PASSWORD_LENGTH } from '../users/users.service.ts'
import {
  accountThrottleKey,
  addressThrottleKey,
  clearLoginFailures,
  lockedUntil,
  recordLoginFailure,
} from './login-throttle.ts'
import { createSession, deleteSession, type NewSession, type SessionUser } from './sessions.ts'
import { isTwoFactorEnabled, type SecondFactorMethod, verifySecondFactor } from './two-factor.service.ts'

export type LoginOutcome =
  | { kind: 'signed-in'; session: NewSession; userId: number }
  | { kind: 'needs-second-factor'; session: NewSession }
  | { kind: 'failed'; lockedUntil?: Date }
  | { kind: 'locked'; lockedUntil: Date }

/**
 * Verified against when no account matches, so that a wrong address takes as long as a wrong
 * password (scrypt of "not-a-real-password", N=2^15 like real hashes).
 */
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$87xuP/zsviL/8xlYE4GGdN5CefEvk9cTaJi8aTN/W93HjYfwLqp9zNpi6WxxRJHq5+2MjYVQYA+ziEFf+XFU1Q=='

export async function loginWithPassword(
  ctx: AppContext,
  input: { email: string; password: string; ip: string },
): Promise<LoginOutcome> {
  const keys = { account: accountThrottleKey(input.email), address: addressThrottleKey(input.ip) }
  const locked = await lockedUntil(ctx, [keys.account, keys.address])
  if (locked) {
    await recordAudit(ctx, null, 'login.refused-locked', null, { lockedUntil: locked.toISOString() })
    return { kind: 'locked', lockedUntil: locked }
  }
  const user = await findUserByEmail(ctx, input.email)
  const isLengthOk = input.password.length > 0 && input.password.length <= MAX_PASSWORD_LENGTH
  const isPasswordRight =
    isLengthOk && (await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH))
  if (!user || !isPasswordRight || user.is_active !== 1) {
    const lock = await recordLoginFailure(ctx, keys)
    const reason = !user ? 'unknown-account' : !isPasswordRight ? 'wrong-password' : 'deactivated'
    await recordAudit(ctx, null, 'login.failed', user ? { type: 'user', id: user.id } : null, {
      reason,
      ...(lock ? { lockedUntil: lock.toISOString() } : {}),
    })
    return lock ? { kind: 'failed', lockedUntil: lock } : { kind: 'failed' }
  }
  if (await isTwoFactorEnabled(ctx, user.id)) {
    const session = await createSession(ctx, user.id, 'mfa')
    await recordAudit(
      ctx,
      null,
      'login.password-accepted',
      { type: 'user', id: user.id },
      { next: 'second-factor' },
    )
    return { kind: 'needs-second-factor', session }
  }
  await clearLoginFailures(ctx, keys.account)
  const session = await createSession(ctx, user.id, 'active')
  await recordAudit(
    ctx,
    sessionActor(user.id, user.role, session.id),
    'login.succeeded',
    { type: 'user', id: user.id },
    {
      method: 'password',
    },
  )
  return { kind: 'signed-in', session, userId: user.id }
}

export type SecondStepOutcome =
  | { kind: 'signed-in'; session: NewSession; method: SecondFactorMethod }
  | { kind: 'failed'; lockedUntil?: Date }
  | { kind: 'locked'; lockedUntil: Date }

/**
 * The second step, on a session that has passed the password. Success replaces that session with
 * a new one (a new id again); wrong codes count towards the same lockout as wrong passwords.
 */
export async function loginWithSecondFactor(
  ctx: AppContext,
  pending: { id: string; user: SessionUser },
  input: { code: string; ip: string },
): Promise<SecondStepOutcome> {
  const keys = { account: accountThrottleKey(pending.user.email), address: addressThrottleKey(input.ip) }
  const locked = await lockedUntil(ctx, [keys.account, keys.address])
  if (locked) {
    await deleteSession(ctx, pending.id)
    await recordAudit(
      ctx,
      null,
      'login.refused-locked',
      { type: 'user', id: pending.user.id },
      {
        lockedUntil: locked.toISOString(),
      },
    )
    return { kind: 'locked', lockedUntil: locked }
  }
  const method =
    input.code.length <= 40 ? await verifySecondFactor(ctx, pending.user.id, input.code) : undefined
  if (!method) {
    const lock = await recordLoginFailure(ctx, keys)
    if (lock) await deleteSession(ctx, pending.id)
    await recordAudit(
      ctx,
      null,
      'login.failed',
      { type: 'user', id: pending.user.id },
      {
        reason: 'wrong-second-factor',
        ...(lock ? { lockedUntil: lock.toISOString() } : {}),
      },
    )
    return lock ? { kind: 'failed', lockedUntil: lock } : { kind: 'failed' }
  }
  await deleteSession(ctx, pending.id)
  await clearLoginFailures(ctx, keys.account)
  const session = await createSession(ctx, pending.user.id, 'active')
  const actor = sessionActor(pending.user.id, pending.user.role, session.id)
  await recordAudit(ctx, actor, 'login.succeeded', { type: 'user', id: pending.user.id }, { method })
  return { kind: 'signed-in', session, method }
}

export function sessionActor(userId: number, role: UserRole, sessionId: string): UserActor {
  return { kind: 'user', userId, role, sessionId }
}
