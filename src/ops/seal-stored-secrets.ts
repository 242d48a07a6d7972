// At start-up, seals the two-factor seeds and webhook signing keys stored in clear before sealing
// existed (src/lib/secret-box.ts; a sealed value starts with "sealed1:"). Cheap when nothing is
// left to seal (a read of two small tables), so it runs on every start rather than as a migration,
// which has no key.
import type { AppContext } from '../context.ts'

export async function sealStoredSecrets(ctx: AppContext): Promise<{ totp: number; webhooks: number }> {
  const seeds = await ctx.db
    .selectFrom('user_totp')
    .select(['user_id', 'secret'])
    .where('secret', 'not like', 'sealed1:%')
    .execute()
  for (const row of seeds) {
    // Conditional: another instance starting at the same moment may have sealed it already.
    await ctx.db
      .updateTable('user_totp')
      .set({ secret: ctx.secrets.seal(row.secret, 'totp') })
      .where('user_id', '=', row.user_id)
      .where('secret', '=', row.secret)
      .execute()
  }
  const hooks = await ctx.db
    .selectFrom('webhooks')
    .select(['id', 'secret'])
    .where('secret', 'not like', 'sealed1:%')
    .execute()
  for (const row of hooks) {
    await ctx.db
      .updateTable('webhooks')
      .set({ secret: ctx.secrets.seal(row.secret, 'webhook') })
      .where('id', '=', row.id)
      .where('secret', '=', row.secret)
      .execute()
  }
  return { totp: seeds.length, webhooks: hooks.length }
}
