import type { AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { UserRole } from '../db/tables.ts'
import { ConflictError, ValidationError } from '../errors.ts'
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
  if (input.password.length < 12) problems.push('The password must be at least 12 characters')
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
    if (isUniqueViolation(error)) throw new ConflictError('VALIDATION_FAILED', `A user with ${email} already exists`)
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
