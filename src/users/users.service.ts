import { recordAudit } from '../audit/audit.service.ts'
import type { Actor, AppContext, UserActor } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { UserRole, UserRow } from '../db/tables.ts'
import { AppError, ConflictError, ValidationError } from '../errors.ts'
import { isSiteLanguage, SITE_LANGUAGES } from '../i18n/languages.ts'
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

/**
 * Refuses a change that would leave no active administrator. Runs inside the caller's
 * transaction after its update: every active admin row is locked first (a no-op update), so two
 * admins demoting each other at the same moment are serialised and the second one is refused.
 */
async function assertAnAdminRemains(trx: AppContext['db'], lockFirst: () => Promise<void>): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ role: eb.ref('role') }))
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .execute()
  await lockFirst()
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .executeTakeFirst()
  if (Number(row?.count ?? 0) === 0) {
    throw new ConflictError(
      'LAST_ADMIN',
      'This is the last active administrator: make someone else an administrator first, so the newsroom is never left without one.',
    )
  }
}

/** Deactivating keeps the account (and its bylines and history) but ends its sessions and sign-ins. */
export async function setUserActive(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  isActive: boolean,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const update = async () => {
      await trx
        .updateTable('users')
        .set({ is_active: isActive ? 1 : 0 })
        .where('id', '=', userId)
        .execute()
    }
    const target = await trx
      .selectFrom('users')
      .select(['role', 'is_active'])
      .where('id', '=', userId)
      .executeTakeFirst()
    // Only taking away an active administrator can leave the newsroom without one.
    const isLosingAnAdmin = !isActive && target?.role === 'admin' && target.is_active === 1
    if (isLosingAnAdmin) await assertAnAdminRemains(trx, update)
    else await update()
    if (!isActive) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
  })
  await recordAudit(ctx, actor, isActive ? 'user.activated' : 'user.deactivated', {
    type: 'user',
    id: userId,
  })
}

/**
 * Changes a staff member's role. Takes effect on their next request (sessions read the role
 * afresh). `expectedRole` is the role the form showed: a change over someone else's is refused.
 */
export async function changeUserRole(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  role: string,
  expectedRole?: string,
): Promise<void> {
  if (!ROLES.includes(role as UserRole)) {
    const message = `The role must be one of ${ROLES.join(', ')}`
    throw new ValidationError([message], { role: message })
  }
  const user = await getUserById(ctx, userId)
  if (!user) throw new AppError('USER_NOT_FOUND', 'That account no longer exists.', 404)
  if (expectedRole !== undefined && user.role !== expectedRole) {
    throw new ConflictError(
      'STALE_FORM',
      `Someone else changed this person's role (it is now ${user.role}) while you had the page open. Check it and choose again.`,
    )
  }
  if (user.role === role) return
  await ctx.db.transaction().execute(async (trx) => {
    const update = async () => {
      await trx
        .updateTable('users')
        .set({ role: role as UserRole })
        .where('id', '=', userId)
        .execute()
    }
    if (user.role === 'admin' && user.is_active === 1) await assertAnAdminRemains(trx, update)
    else await update()
  })
  await recordAudit(
    ctx,
    actor,
    'user.role-changed',
    { type: 'user', id: userId },
    { from: user.role, to: role },
  )
}

/**
 * The admin's interface language for the person themselves: "en", "fa", "ps", or null to follow
 * the site's default language. Anything else is refused, so a stored value is always one we have.
 */
export async function setInterfaceLanguage(
  ctx: AppContext,
  actor: UserActor,
  language: string | null,
): Promise<void> {
  if (language !== null && !isSiteLanguage(language)) {
    const message = `The interface language must be one of ${SITE_LANGUAGES.join(', ')}, or empty for the site's default`
    throw new ValidationError([message], { language: message })
  }
  await ctx.db.updateTable('users').set({ ui_language: language }).where('id', '=', actor.userId).execute()
}
