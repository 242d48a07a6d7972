// Behind a reverse proxy every connection comes from the proxy: the login throttle's per-address
// limit would count every reader as one. TRUST_PROXY names the proxies whose X-Forwarded-For is
// believed; from anyone else the header is ignored, since any client can write one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountThrottleKey, addressThrottleKey, recordLoginFailure } from '../src/auth/login-throttle.ts'
import { AdminClient, makeStaff, type StaffUser } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const ATTACKER = '203.0.113.7'
const READER = '198.51.100.9'

/** The address limit is 30 failures: 29 recorded directly (each over HTTP costs a password hash). */
async function failFromAddress(t: TestApp, address: string): Promise<void> {
  for (let i = 0; i < 29; i++) {
    await recordLoginFailure(t.ctx, {
      account: accountThrottleKey(`spray-${i}@newsroom.test`),
      address: addressThrottleKey(address),
    })
  }
}

async function signInThroughProxy(t: TestApp, forwardedFor: string, email: string, password: string) {
  const client = new AdminClient(t, { 'x-forwarded-for': forwardedFor })
  await client.page('/admin/login')
  return (await client.post('/admin/login', { email, password })).status
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: TRUST_PROXY=loopback (a proxy on this machine)`, () => {
    let t: TestApp
    let user: StaffUser

    beforeAll(async () => {
      t = await startTestApp(engine, { env: { TRUST_PROXY: 'loopback' } })
      user = await makeStaff(t.ctx, 'editor')
    })
    afterAll(() => t?.close())

    it("throttles the forwarded client's address, not the proxy's", async () => {
      await failFromAddress(t, ATTACKER)
      expect(await signInThroughProxy(t, ATTACKER, 'spray-29@newsroom.test', 'guess guess guess')).toBe(429)
      expect(await signInThroughProxy(t, ATTACKER, user.email, user.password)).toBe(429)
      // Another reader behind the same proxy is not locked out with the attacker.
      expect(await signInThroughProxy(t, READER, user.email, user.password)).toBe(303)
      // Nor are connections that come without the header: their address is the proxy's own.
      const direct = new AdminClient(t)
      await direct.page('/admin/login')
      expect((await direct.post('/admin/login', { email: user.email, password: user.password })).status).toBe(
        303,
      )
    })
  })

  describe.skipIf(!isAvailable)(`${label}: TRUST_PROXY unset, or naming another proxy`, () => {
    const apps: TestApp[] = []
    afterAll(() => Promise.all(apps.map((t) => t.close())))

    for (const trustProxy of [undefined, '10.0.0.1']) {
      it(`ignores X-Forwarded-For from an untrusted connection (TRUST_PROXY ${trustProxy ?? 'unset'})`, async () => {
        const t = await startTestApp(engine, trustProxy ? { env: { TRUST_PROXY: trustProxy } } : {})
        apps.push(t)
        const user = await makeStaff(t.ctx, 'editor')
        await failFromAddress(t, ATTACKER)
        // The header is not believed: this failure counts for 127.0.0.1, which has none yet.
        expect(await signInThroughProxy(t, ATTACKER, 'spray-29@newsroom.test', 'guess guess guess')).toBe(401)
        expect(await signInThroughProxy(t, ATTACKER, user.email, user.password)).toBe(303)
        // A client cannot escape its own lock by claiming another address.
        await failFromAddress(t, '127.0.0.1')
        expect(await signInThroughProxy(t, READER, 'spray-29@newsroom.test', 'guess guess guess')).toBe(429)
        expect(await signInThroughProxy(t, READER, user.email, user.password)).toBe(429)
      })
    }
  })
}
