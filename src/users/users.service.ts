import { recordAudit } from '../audit/audit.service.ts'
import type { Actor, AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { UserRole, UserRow } from '../db/tables.ts'
import { AppError, ConflictError, ValidationError } from '../errors.ts'
import { hashPassword } from './passwords.ts'

export const ROLES: readonly UserRole[] = ['admin', 'editor', 'author', 'contributor']

export interface NewUser {
  email: string
  displayName: string
  role: UserRole
  password: string
}

export async function createUser(ctx: AppContext, input: NewUser): Promise<number> {
  const problems: string[] = []
  const email = input.email.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) problems.push('The e-mail address is not valid')
  if (!ROLES.includes(input.role)) problems.push(`The role must be one of ${ROLES.join(', ')}`)
  problems.push(...passwordProblems(input.password))
  if (problems.length > 0) throw new ValidationError(problems)
  try {
    const row = await ctx.db
      .insertInto('users')
      .values({
        email,
        display_name: input.displayName.trim() || email,
        role: input.role,
        password_hash: await hashPassword(input.password),
        is_active: 1,
        created_at: ctx.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('EMAIL_TAKEN', `A user with ${email} already exists`)
    throw error
  }
}

export async function countUsers(ctx: AppContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst()
  return Number(row?.count ?? 0)
}

export const MIN_PASSWORD_LENGTH = 12
/** Long enough for any passphrase; short enough that hashing it costs nothing unusual. */
export const MAX_PASSWORD_LENGTH = 256

export function passwordProblems(password: string): string[] {
  if (password.length < MIN_PASSWORD_LENGTH)
    return [`The password must be at least ${MIN_PASSWORD_LENGTH} characters`]
  if (password.length > MAX_PASSWORD_LENGTH)
    return [`The password must be at most ${MAX_PASSWORD_LENGTH} characters`]
  return []
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** createUser, by someone: recorded in the audit log. */
export async function registerUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<number> {
  const id = await createUser(ctx, input)
  await recordAudit(ctx, actor, 'user.created', { type: 'user', id }, { role: input.role })
  return id
}

export async function findUserByEmail(ctx: AppContext, email: string): Promise<UserRow | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst()
}

export async function getUserById(ctx: AppContext, id: number): Promise<UserRow | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function requireUserByEmail(ctx: AppContext, email: string): Promise<UserRow> {
  const user = await findUserByEmail(ctx, email)
  if (!user)
    throw new AppError(
      'USER_NOT_FOUND',
      `There is no user with the e-mail address ${normaliseEmail(email)}`,
      404,
    )
  return user
}

export interface UserListItem {
  id: number
  email: string
  displayName: string
  role: UserRole
  isActive: boolean
  createdAt: string
}

export async function listUsers(ctx: AppContext): Promise<UserListItem[]> {
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'is_active', 'created_at'])
    .orderBy('email')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    isActive: r.is_active === 1,
    createdAt: r.created_at,
  }))
}

/** Stores a new password hash. Callers end the user's sessions as their situation requires. */
export async function setPasswordHash(ctx: AppContext, userId: number, password: string): Promise<void> {
  const problems = passwordProblems(password)
  if (problems.length > 0) throw new ValidationError(problems)
  await ctx.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password) })
    .where('id', '=', userId)
    .execute()
}

/** Deactivating keeps the account (and its bylines and history) but ends its sessions and sign-ins. */
export async function setUserActive(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  isActive: boolean,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ is_active: isActive ? 1 : 0 })
      .where('id', '=', userId)
      .execute()
    if (!isActive) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
  })
  await recordAudit(ctx, actor, isActive ? 'user.activated' : 'user.deactivated', {
    type: 'user',
    id: userId,
  })
}
