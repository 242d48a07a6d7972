// Two-factor seeds and webhook signing keys are stored sealed under a key kept outside the
// database (src/lib/secret-box.ts). Secrets stored in clear by an earlier version are sealed at
// start-up and keep working; an instance with another key cannot use them, and says why, while
// recovery codes (hashes) still let people in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateRecoveryCodes, hashRecoveryCode, newTotpSecret, totpCodeAt } from '../src/auth/totp.ts'
import { verifySecondFactor } from '../src/auth/two-factor.service.ts'
import { createSecretBox } from '../src/lib/secret-box.ts'
import { sealStoredSecrets } from '../src/ops/seal-stored-secrets.ts'
import { createWebhookDispatcher } from '../src/webhooks/webhook-dispatcher.ts'
import { makeStaff } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: secrets stored sealed`, () => {
    let t: TestApp
    let userId = 0
    const seed = newTotpSecret()
    const [recoveryCode = ''] = generateRecoveryCodes(1)
    const legacyWebhookSecret = 'whsec_stored-in-clear-by-an-earlier-version'

    beforeAll(async () => {
      t = await startTestApp(engine)
      userId = (await makeStaff(t.ctx, 'editor')).id
      // As an earlier version stored them: in clear.
      const now = TEST_NOW.toISOString()
      await t.ctx.db
        .insertInto('user_totp')
        .values({ user_id: userId, secret: seed, confirmed_at: now, last_used_step: null, created_at: now })
        .execute()
      await t.ctx.db
        .insertInto('recovery_codes')
        .values({
          user_id: userId,
          code_hash: hashRecoveryCode(recoveryCode),
          used_at: null,
          created_at: now,
        })
        .execute()
      await t.ctx.db
        .insertInto('webhooks')
        .values({
          url: 'http://127.0.0.1:9/hook',
          events: 'article.published',
          secret: legacyWebhookSecret,
          is_enabled: 1,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute()
    })
    afterAll(() => t?.close())

    it('seals what was stored in clear, once, and the seed still makes valid codes', async () => {
      expect(await sealStoredSecrets(t.ctx)).toEqual({ totp: 1, webhooks: 1 })
      expect(await sealStoredSecrets(t.ctx)).toEqual({ totp: 0, webhooks: 0 })
      const totp = await t.ctx.db.selectFrom('user_totp').select('secret').executeTakeFirstOrThrow()
      const hook = await t.ctx.db.selectFrom('webhooks').select('secret').executeTakeFirstOrThrow()
      expect(totp.secret).toMatch(/^sealed1:/)
      expect(totp.secret).not.toContain(seed)
      expect(hook.secret).toMatch(/^sealed1:/)
      expect(hook.secret).not.toContain('stored-in-clear')
      expect(t.ctx.secrets.open(hook.secret, 'webhook')).toBe(legacyWebhookSecret)
      expect(await verifySecondFactor(t.ctx, userId, totpCodeAt(seed, t.ctx.clock.now()))).toBe('totp')
    })

    it('an instance with another key accepts no code from the seed, but a recovery code still works', async () => {
      const stranger = {
        ...t.ctx,
        secrets: createSecretBox(() => 'another-key-of-at-least-thirty-two-chars'),
      }
      const later = new Date(t.ctx.clock.now().getTime() + 60_000)
      expect(await verifySecondFactor(stranger, userId, totpCodeAt(seed, later))).toBeUndefined()
      expect(await verifySecondFactor(stranger, userId, recoveryCode)).toBe('recovery-code')
    })

    it('an instance with another key does not sign webhooks, and the delivery says why', async () => {
      const section = await makeSection(t.ctx, { slug: 'secrets-desk', name: 'Secrets desk' })
      const author = await makeAuthor(t.ctx, { slug: 'secrets-author', name: 'Secrets Author' })
      await makeArticle(t.ctx, {
        sectionId: section,
        authorIds: [author],
        publishedAt: TEST_NOW.toISOString(),
      })
      const stranger = {
        ...t.ctx,
        secrets: createSecretBox(() => 'another-key-of-at-least-thirty-two-chars'),
      }
      const report = await createWebhookDispatcher(stranger, { timeoutMs: 1_000 }).runDue(
        new Date(TEST_NOW.getTime() + 1_000),
      )
      expect(report.delivered).toBe(0)
      const delivery = await t.ctx.db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow()
      expect(delivery.last_error).toContain('SECRETS_KEY')
      expect(delivery.last_status_code).toBeNull()
    })
  })
}
