// Login throttling, stored in the database so that every app instance sees the same counts.
// Failures are counted per account (the e-mail's hash, whether or not such an account exists, so
// the lockout itself reveals nothing) and per client address (hashed: no addresses kept in clear).
import type { AppContext } from '../context.ts'
import { sha256Hex } from './tokens.ts'

export interface ThrottlePolicy {
  maxFailures: number
  windowMs: number
  lockMs: number
}

/** Five wrong passwords in 15 minutes lock the account for 15 minutes. */
export const ACCOUNT_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
}
/** One address may fail more often: a newsroom may share one address behind its router. */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  maxFailures: 30,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
}

export interface ThrottleState {
  failures: number
  windowStartedAt: string
  lockedUntil: string | null
}

export function accountThrottleKey(email: string): string {
  return `account:${sha256Hex(email.trim().toLowerCase())}`
}

export function addressThrottleKey(ip: string): string {
  return `ip:${sha256Hex(ip)}`
}

/** The state after one more failure at `now` (pure, so the rule is tested without a database). */
export function afterFailure(
  current: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleState {
  const isWindowOver = !current || now.getTime() - Date.parse(current.windowStartedAt) >= policy.windowMs
  const failures = isWindowOver ? 1 : current.failures + 1
  const windowStartedAt = isWindowOver ? now.toISOString() : current.windowStartedAt
  const lockedUntil =
    failures >= policy.maxFailures
      ? new Date(now.getTime() + policy.lockMs).toISOString()
      : (current?.lockedUntil ?? null)
  return { failures, windowStartedAt, lockedUntil }
}

/** Until when any of the keys is locked, or undefined when none is. */
export async function lockedUntil(ctx: AppContext, keys: string[]): Promise<Date | undefined> {
  const now = ctx.clock.now().toISOString()
  const rows = await ctx.db
    .selectFrom('login_throttles')
    .select('locked_until')
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .execute()
  const latest = rows
    .map((r) => r.locked_until ?? '')
    .sort()
    .at(-1)
  return latest ? new Date(latest) : undefined
}

async function recordOne(ctx: AppContext, key: string, policy: ThrottlePolicy): Promise<string | null> {
  const now = ctx.clock.now()
  const row = await ctx.db.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirst()
  const next = afterFailure(
    row
      ? { failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until }
      : undefined,
    now,
    policy,
  )
  const values = {
    failures: next.failures,
    window_started_at: next.windowStartedAt,
    locked_until: next.lockedUntil,
  }
  await ctx.db
    .insertInto('login_throttles')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute()
  return next.lockedUntil
}

/** Counts a failed sign-in against the account and the address; returns the lock, if one began. */
export async function recordLoginFailure(
  ctx: AppContext,
  keys: { account: string; address: string },
): Promise<Date | undefined> {
  // Addresses sprayed with guesses leave a row each: forget those whose window and lock are long over.
  const dayAgo = new Date(ctx.clock.now().getTime() - 24 * 60 * 60 * 1000).toISOString()
  await ctx.db
    .deleteFrom('login_throttles')
    .where('window_started_at', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', dayAgo)]))
    .execute()
  const locks = [
    await recordOne(ctx, keys.account, ACCOUNT_THROTTLE),
    await recordOne(ctx, keys.address, ADDRESS_THROTTLE),
  ].filter((l): l is string => l !== null && l > ctx.clock.now().toISOString())
  const latest = locks.sort().at(-1)
  return latest ? new Date(latest) : undefined
}

/** A successful sign-in (or a password reset) forgives the account's past failures. */
export async function clearLoginFailures(ctx: AppContext, accountKey: string): Promise<void> {
  await ctx.db.deleteFrom('login_throttles').where('key', '=', accountKey).execute()
}
