// Invitations by link. No mail server is assumed: `dateline user invite` (or an administrator)
// makes a one-time link and hands it over; the person opens it, chooses the name shown in the
// admin and a password, and may then sign in. Like reset links, the token lives only in the link;
// the database keeps its SHA-256. Until the link is used the account has a random password that
// nobody knows, so it cannot be signed in to.
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan } from '../auth/capabilities.ts'
import { deleteUserSessions } from '../auth/sessions.ts'
import { randomToken, sha256Hex } from '../auth/tokens.ts'
import type { Actor, AppContext } from '../context.ts'
import type { UserRole } from '../db/tables.ts'
import { AppError, ConflictError, ValidationError } from '../errors.ts'
import {
  createUser,
  findUserByEmail,
  normaliseEmail,
  passwordProblems,
  ROLES,
  setPasswordHash,
} from './users.service.ts'

/** A week: long enough for someone to find the message it came in. */
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

export function invitePath(token: string): string {
  return `/admin/invite/${token}`
}

export const INVITE_LINK_INVALID_MESSAGE =
  'This invitation has expired or has already been used. Ask an administrator for a new one.'

export interface Invitation {
  userId: number
  url: string
  expiresAt: Date
}

/**
 * Invites someone: creates their account (or, for someone invited before who never accepted,
 * replaces their link and role) and returns the one-time link.
 */
export async function createInvite(
  ctx: AppContext,
  actor: Actor,
  input: { email: string; role: string },
): Promise<Invitation> {
  assertCan(actor, 'users.manage')
  const email = normaliseEmail(input.email)
  const fields: Record<string, string> = {}
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) fields.email = 'The e-mail address is not valid'
  if (!ROLES.includes(input.role as UserRole)) fields.role = `The role must be one of ${ROLES.join(', ')}`
  if (Object.keys(fields).length > 0) throw new ValidationError(Object.values(fields), fields)
  const role = input.role as UserRole

  const existing = await findUserByEmail(ctx, email)
  let userId: number
  if (existing) {
    const pending = await ctx.db
      .selectFrom('user_invites')
      .select('user_id')
      .where('user_id', '=', existing.id)
      .executeTakeFirst()
    if (!pending) {
      throw new ConflictError(
        'EMAIL_TAKEN',
        `${email} already has an account. To let them in again, make a password reset link (dateline user reset-password).`,
      )
    }
    userId = existing.id
    if (existing.role !== role)
      await ctx.db.updateTable('users').set({ role }).where('id', '=', userId).execute()
  } else {
    // The password is random and never shown: the account is closed until the link is used.
    userId = await createUser(ctx, { email, displayName: email, role, password: randomToken() })
  }

  const token = randomToken()
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS)
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_invites').where('user_id', '=', userId).execute()
    await trx
      .insertInto('user_invites')
      .values({
        token_hash: sha256Hex(token),
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute()
  })
  await recordAudit(
    ctx,
    actor,
    existing ? 'user.re-invited' : 'user.invited',
    { type: 'user', id: userId },
    {
      role,
      expiresAt: expiresAt.toISOString(),
    },
  )
  return { userId, url: `${ctx.config.siteUrl}${invitePath(token)}`, expiresAt }
}

/** The person an invitation is for, while it is valid. */
export async function findInvite(
  ctx: AppContext,
  token: string,
): Promise<{ userId: number; email: string; role: UserRole } | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
  const row = await ctx.db
    .selectFrom('user_invites')
    .innerJoin('users', 'users.id', 'user_invites.user_id')
    .select(['users.id', 'users.email', 'users.role', 'users.is_active', 'user_invites.expires_at'])
    .where('user_invites.token_hash', '=', sha256Hex(token))
    .executeTakeFirst()
  const isValid =
    row !== undefined && row.is_active === 1 && Date.parse(row.expires_at) > ctx.clock.now().getTime()
  return isValid ? { userId: row.id, email: row.email, role: row.role } : undefined
}

/** Which accounts are still waiting for their invitation to be used. */
export async function pendingInviteUserIds(ctx: AppContext): Promise<Set<number>> {
  const rows = await ctx.db.selectFrom('user_invites').select('user_id').execute()
  return new Set(rows.map((r) => r.user_id))
}

/** Sets the person's name and password and uses the link up. Returns the user's id. */
export async function acceptInvite(
  ctx: AppContext,
  token: string,
  input: { displayName: string; password: string; confirmation: string },
): Promise<number> {
  const invite = await findInvite(ctx, token)
  if (!invite) throw new AppError('INVITE_LINK_INVALID', INVITE_LINK_INVALID_MESSAGE, 410)
  const fields: Record<string, string> = {}
  const displayName = input.displayName.trim()
  if (displayName === '') fields.displayName = 'Tell us the name to show in the admin'
  else if (displayName.length > 120) fields.displayName = 'The name must be at most 120 characters'
  const passwordProblem = passwordProblems(input.password)[0]
  if (passwordProblem) fields.password = passwordProblem
  else if (input.password !== input.confirmation)
    fields.confirmation = 'The password and its confirmation differ'
  // Checked before the link is used up, so a mistake does not cost the person their link.
  if (Object.keys(fields).length > 0) throw new ValidationError(Object.values(fields), fields)
  const deleted = await ctx.db
    .deleteFrom('user_invites')
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst()
  // Two submissions racing: only the one that removed the link goes on.
  if (Number(deleted.numDeletedRows) !== 1)
    throw new AppError('INVITE_LINK_INVALID', INVITE_LINK_INVALID_MESSAGE, 410)
  await setPasswordHash(ctx, invite.userId, input.password)
  await ctx.db
    .updateTable('users')
    .set({ display_name: displayName })
    .where('id', '=', invite.userId)
    .execute()
  await deleteUserSessions(ctx, invite.userId)
  await recordAudit(
    ctx,
    null,
    'user.invite-accepted',
    { type: 'user', id: invite.userId },
    { role: invite.role },
  )
  return invite.userId
}
