// One-time password reset links. No mail server is assumed: an administrator makes a link on the
// CLI and hands it over. The token is in the link only; the database keeps its SHA-256.
import { recordAudit } from '../audit/audit.service.ts'
import type { Actor, AppContext } from '../context.ts'
import { AppError, ValidationError } from '../errors.ts'
import { passwordProblems, requireUserByEmail, setPasswordHash } from '../users/users.service.ts'
import { accountThrottleKey, clearLoginFailures } from './login-throttle.ts'
import { deleteUserSessions } from './sessions.ts'
import { randomToken, sha256Hex } from './tokens.ts'

export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000

export function resetPath(token: string): string {
  return `/admin/reset/${token}`
}

/** Makes a link valid for one hour; any earlier link for the same person stops working. */
export async function createResetLink(
  ctx: AppContext,
  actor: Actor,
  email: string,
): Promise<{ url: string; expiresAt: Date }> {
  const user = await requireUserByEmail(ctx, email)
  const token = randomToken()
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + RESET_LINK_LIFETIME_MS)
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('password_resets').where('user_id', '=', user.id).execute()
    await trx
      .insertInto('password_resets')
      .values({
        token_hash: sha256Hex(token),
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute()
  })
  await recordAudit(
    ctx,
    actor,
    'password.reset-link-created',
    { type: 'user', id: user.id },
    {
      expiresAt: expiresAt.toISOString(),
    },
  )
  return { url: `${ctx.config.siteUrl}${resetPath(token)}`, expiresAt }
}

/** The user a reset token belongs to, while it is valid. */
export async function findResetUser(
  ctx: AppContext,
  token: string,
): Promise<{ id: number; email: string } | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
  const row = await ctx.db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['users.id', 'users.email', 'users.is_active', 'password_resets.expires_at'])
    .where('password_resets.token_hash', '=', sha256Hex(token))
    .executeTakeFirst()
  const isValid =
    row !== undefined && row.is_active === 1 && Date.parse(row.expires_at) > ctx.clock.now().getTime()
  if (!isValid) return undefined
  return { id: row.id, email: row.email }
}

export const RESET_LINK_INVALID_MESSAGE =
  'This link has expired or has already been used. Ask an administrator for a new one.'

/** Sets the new password, uses the link up and ends every session of the person. */
export async function completeReset(ctx: AppContext, token: string, password: string): Promise<number> {
  const user = await findResetUser(ctx, token)
  if (!user) throw new AppError('RESET_LINK_INVALID', RESET_LINK_INVALID_MESSAGE, 410)
  // Checked before the link is used up, so a too-short password does not cost the person the link.
  const problems = passwordProblems(password)
  if (problems.length > 0) throw new ValidationError(problems)
  const deleted = await ctx.db
    .deleteFrom('password_resets')
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst()
  // Two submissions racing: only the one that removed the link goes on.
  if (Number(deleted.numDeletedRows) !== 1)
    throw new AppError('RESET_LINK_INVALID', RESET_LINK_INVALID_MESSAGE, 410)
  await setPasswordHash(ctx, user.id, password)
  await deleteUserSessions(ctx, user.id)
  await clearLoginFailures(ctx, accountThrottleKey(user.email))
  await recordAudit(ctx, null, 'password.reset', { type: 'user', id: user.id })
  return user.id
}
