// Two-factor sign-in: setting it up (secret shown as text, confirmed with a code), the recovery
// codes (shown once, stored hashed), and checking the second factor at sign-in.
import { recordAudit } from '../audit/audit.service.ts'
import type { AppContext, UserActor } from '../context.ts'
import { UnreadableSecretError } from '../lib/secret-box.ts'
import {
  acceptTotp,
  generateRecoveryCodes,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newTotpSecret,
} from './totp.ts'

/** The stored seed, opened; undefined (and logged) when it was sealed under another key. */
function totpSecretOf(ctx: AppContext, stored: string): string | undefined {
  try {
    return ctx.secrets.open(stored, 'totp')
  } catch (error) {
    if (!(error instanceof UnreadableSecretError)) throw error
    ctx.log.error({ err: error }, "a two-factor secret cannot be opened with this instance's key")
    return undefined
  }
}

export async function isTwoFactorEnabled(ctx: AppContext, userId: number): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('user_totp')
    .select('confirmed_at')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Boolean(row?.confirmed_at)
}

/** The secret waiting to be confirmed, made now if there is none yet. */
export async function pendingTwoFactorSecret(ctx: AppContext, userId: number): Promise<string> {
  const row = await ctx.db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (row && row.confirmed_at === null) {
    const secret = totpSecretOf(ctx, row.secret)
    if (secret !== undefined) return secret
    // Sealed under a key this instance does not have: nothing was confirmed with it, start again.
    await ctx.db.deleteFrom('user_totp').where('user_id', '=', userId).execute()
  } else if (row) throw new Error('Two-factor sign-in is already on')
  const secret = newTotpSecret()
  await ctx.db
    .insertInto('user_totp')
    .values({
      user_id: userId,
      secret: ctx.secrets.seal(secret, 'totp'),
      confirmed_at: null,
      last_used_step: null,
      created_at: ctx.clock.now().toISOString(),
    })
    .execute()
  return secret
}

async function replaceRecoveryCodes(ctx: AppContext, userId: number): Promise<string[]> {
  const codes = generateRecoveryCodes()
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
    await trx
      .insertInto('recovery_codes')
      .values(
        codes.map((code) => ({
          user_id: userId,
          code_hash: hashRecoveryCode(code),
          used_at: null,
          created_at: now,
        })),
      )
      .execute()
  })
  return codes
}

/**
 * Turns two-factor sign-in on when the code matches the pending secret. Returns the recovery
 * codes, to be shown once, or undefined when the code is wrong.
 */
export async function confirmTwoFactor(
  ctx: AppContext,
  actor: UserActor,
  code: string,
): Promise<string[] | undefined> {
  const row = await ctx.db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .executeTakeFirst()
  if (!row || row.confirmed_at !== null) return undefined
  const secret = totpSecretOf(ctx, row.secret)
  const step =
    secret === undefined ? undefined : acceptTotp(secret, code, ctx.clock.now(), row.last_used_step)
  if (step === undefined) {
    await recordAudit(ctx, actor, 'mfa.confirm-failed', { type: 'user', id: actor.userId })
    return undefined
  }
  await ctx.db
    .updateTable('user_totp')
    .set({ confirmed_at: ctx.clock.now().toISOString(), last_used_step: step })
    .where('user_id', '=', actor.userId)
    .execute()
  const codes = await replaceRecoveryCodes(ctx, actor.userId)
  await recordAudit(ctx, actor, 'mfa.enabled', { type: 'user', id: actor.userId })
  return codes
}

export async function disableTwoFactor(ctx: AppContext, actor: UserActor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_totp').where('user_id', '=', actor.userId).execute()
    await trx.deleteFrom('recovery_codes').where('user_id', '=', actor.userId).execute()
  })
  await recordAudit(ctx, actor, 'mfa.disabled', { type: 'user', id: actor.userId })
}

export async function regenerateRecoveryCodes(ctx: AppContext, actor: UserActor): Promise<string[]> {
  const codes = await replaceRecoveryCodes(ctx, actor.userId)
  await recordAudit(ctx, actor, 'mfa.recovery-codes-replaced', { type: 'user', id: actor.userId })
  return codes
}

export async function countUnusedRecoveryCodes(ctx: AppContext, userId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(row?.count ?? 0)
}

export type SecondFactorMethod = 'totp' | 'recovery-code'

/** Checks a code from the authenticator app, or a recovery code (which is then used up). */
export async function verifySecondFactor(
  ctx: AppContext,
  userId: number,
  input: string,
): Promise<SecondFactorMethod | undefined> {
  const row = await ctx.db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (!row || row.confirmed_at === null) return undefined
  const now = ctx.clock.now()
  const secret = totpSecretOf(ctx, row.secret)
  // A seed this instance cannot open accepts no code; the recovery codes (hashes) still work.
  const step = secret === undefined ? undefined : acceptTotp(secret, input, now, row.last_used_step)
  if (step !== undefined) {
    // Conditional update: of two requests racing with the same code, only one wins.
    const result = await ctx.db
      .updateTable('user_totp')
      .set({ last_used_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1 ? 'totp' : undefined
  }
  if (!looksLikeRecoveryCode(input)) return undefined
  const result = await ctx.db
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(input))
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? 'recovery-code' : undefined
}
