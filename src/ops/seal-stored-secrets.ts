// At start-up, seals the two-factor seeds and webhook signing keys stored in clear before sealing
// existed (src/lib/secret-box.ts; a sealed value starts with "sealed1:"). Cheap when nothing is
// left to seal (a read of two small tables), so it runs on every start rather than as a migration,
// which has no key.
import { sql } from 'kysely'
import type { AppContext } from '../context.ts'
import type { SecretPurpose } from '../lib/secret-box.ts'

/** Where secrets are stored: the table, the column that names a row, what they are for. */
const STORES = [
  { name: 'totp', table: 'user_totp', key: 'user_id', purpose: 'totp' },
  { name: 'webhooks', table: 'webhooks', key: 'id', purpose: 'webhook' },
] as const satisfies readonly { name: string; table: string; key: string; purpose: SecretPurpose }[]

export async function sealStoredSecrets(ctx: AppContext): Promise<{ totp: number; webhooks: number }> {
  const sealed = { totp: 0, webhooks: 0 }
  for (const store of STORES) {
    const { rows } = await sql<{ id: number; secret: string }>`
      select ${sql.ref(store.key)} as id, secret from ${sql.table(store.table)}
      where secret not like 'sealed1:%'`.execute(ctx.db)
    for (const row of rows) {
      // Conditional: another instance starting at the same moment may have sealed it already.
      await sql`
        update ${sql.table(store.table)} set secret = ${ctx.secrets.seal(row.secret, store.purpose)}
        where ${sql.ref(store.key)} = ${row.id} and secret = ${row.secret}`.execute(ctx.db)
    }
    sealed[store.name] = rows.length
  }
  return sealed
}
