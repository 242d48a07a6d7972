// What a signed-in person does to their own account: change the password, log out everywhere.
import { recordAudit } from '../audit/audit.service.ts'
import type { AppContext, UserActor } from '../context.ts'
import { ValidationError } from '../errors.ts'
import { verifyPassword } from '../users/passwords.ts'
import {
  getUserById,
  MAX_PASSWORD_LENGTH,
  passwordProblems,
  setPasswordHash,
} from '../users/users.service.ts'
import { deleteUserSessions } from './sessions.ts'

/** Re-asks the password before changes that would let a borrowed session take the account. */
export async function isCurrentPassword(ctx: AppContext, userId: number, password: string): Promise<boolean> {
  const user = await getUserById(ctx, userId)
  if (!user || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false
  return verifyPassword(password, user.password_hash)
}

/** Changes the password and ends every other session: whoever knew the old one is logged out. */
export async function changePassword(
  ctx: AppContext,
  actor: UserActor,
  input: { current: string; next: string; confirmation: string },
): Promise<void> {
  const problems: string[] = []
  if (!(await isCurrentPassword(ctx, actor.userId, input.current)))
    problems.push('The current password is not right')
  problems.push(...passwordProblems(input.next))
  if (input.next !== input.confirmation) problems.push('The new password and its confirmation differ')
  if (problems.length > 0) {
    await recordAudit(ctx, actor, 'password.change-failed', { type: 'user', id: actor.userId })
    throw new ValidationError(problems)
  }
  await setPasswordHash(ctx, actor.userId, input.next)
  const ended = await deleteUserSessions(ctx, actor.userId, actor.sessionId)
  await recordAudit(
    ctx,
    actor,
    'password.changed',
    { type: 'user', id: actor.userId },
    { otherSessionsEnded: ended },
  )
}

/** Ends every session of the person, this one included. */
export async function logOutEverywhere(ctx: AppContext, actor: UserActor): Promise<number> {
  const ended = await deleteUserSessions(ctx, actor.userId)
  await recordAudit(
    ctx,
    actor,
    'logout.everywhere',
    { type: 'user', id: actor.userId },
    { sessionsEnded: ended },
  )
  return ended
}
