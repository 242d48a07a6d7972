// Signing in and out of the admin over real HTTP, on every database: sessions and their cookies,
// lockout, two-step sign-in with recovery codes, CSRF, reset links, the audit log, and proof that
// no secret reaches the logs.
import { afterAll, beforeAll, expect, it, describe as suite } from 'vitest'
import { recordAudit } from '../src/audit/audit.service.ts'
import { accountThrottleKey, addressThrottleKey, recordLoginFailure } from '../src/auth/login-throttle.ts'
import { createResetLink } from '../src/auth/password-reset.service.ts'
import { sessionIdForToken } from '../src/auth/sessions.ts'
import { totpCodeAt } from '../src/auth/totp.ts'
import { systemActor } from '../src/context.ts'
import { setUserActive } from '../src/users/users.service.ts'
import { AdminClient, makeStaff, manualClock, signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

async function sessionRows(t: TestApp, userId: number) {
  return t.ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute()
}

/** Turns on two-step sign-in through the account pages; returns the secret and recovery codes. */
async function enableTwoStep(client: AdminClient): Promise<{ secret: string; codes: string[] }> {
  await client.page('/admin/account')
  expect((await client.post('/admin/account/2fa/setup')).status).toBe(303)
  const { $ } = await client.page('/admin/account/2fa/setup')
  const secret = $('#totp-secret code').text().replace(/\s+/g, '')
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  return { secret, codes: [] }
}

for (const { engine, isAvailable, label } of testEngines()) {
  suite.skipIf(!isAvailable)(`${label}: admin sign-in`, () => {
    let t: TestApp
    const clock = manualClock(TEST_NOW)

    beforeAll(async () => {
      t = await startTestApp(engine, { clock })
    })
    afterAll(async () => {
      await t?.close()
    })

    it('serves the sign-in page with a CSRF field, its cookie, and admin headers', async () => {
      const client = new AdminClient(t)
      const { response, $ } = await client.page('/admin/login')
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow')
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect($('input[name=_csrf]').attr('value')).toBeTruthy()
      expect($('label[for=email]').text()).toBe('E-mail address')
      expect($('script, style, [style]')).toHaveLength(0)
      const csrfCookie = client.lastSetCookies.find((c) => c.name === 'dateline_csrf')
      expect(csrfCookie?.attributes).toEqual(
        expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/admin']),
      )
    })

    it('keeps the public site free of admin cookies and headers', async () => {
      const response = await t.get('/')
      expect(response.headers.getSetCookie()).toEqual([])
      expect(response.headers.get('x-robots-tag')).toBeNull()
    })

    it('signs in with a new HttpOnly, SameSite=Lax, Secure session cookie whose token is stored only hashed', async () => {
      const user = await makeStaff(t.ctx, 'editor')
      const client = new AdminClient(t)
      await client.page('/admin/login?next=%2Fadmin%2Faccount')
      const response = await client.post('/admin/login', {
        email: user.email.toUpperCase(),
        password: user.password,
        next: '/admin/account',
      })
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/admin/account')
      const cookie = client.lastSetCookies.find((c) => c.name === 'dateline_session')
      expect(cookie?.attributes).toEqual(
        expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']),
      )
      const token = cookie?.value ?? ''
      const rows = await sessionRows(t, user.id)
      expect(rows.map((r) => r.id)).toEqual([sessionIdForToken(token)])
      expect(JSON.stringify(rows)).not.toContain(token)
      const { response: page, $ } = await client.page('/admin')
      expect(page.status).toBe(200)
      expect($('h1').text()).toContain('Test editor')
    })

    it('sends an open redirect target back to the dashboard', async () => {
      const user = await makeStaff(t.ctx, 'author')
      const client = new AdminClient(t)
      await client.page('/admin/login')
      const response = await client.post('/admin/login', {
        email: user.email,
        password: user.password,
        next: 'https://evil.example/',
      })
      expect(response.headers.get('location')).toBe('/admin')
    })

    it('omits Secure on a site served over plain http', async () => {
      const plain = await startTestApp(engine, { clock, env: { SITE_URL: 'http://localhost:3000' } })
      try {
        const user = await makeStaff(plain.ctx, 'editor')
        const client = new AdminClient(plain)
        await client.signIn(user.email, user.password)
        const cookie = client.lastSetCookies.find((c) => c.name === 'dateline_session')
        expect(cookie?.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax']))
        expect(cookie?.attributes).not.toContain('Secure')
      } finally {
        await plain.close()
      }
    })

    it('issues a new session id at sign-in and drops the one the browser came with (no fixation)', async () => {
      const user = await makeStaff(t.ctx, 'editor')
      const client = new AdminClient(t)
      await client.signIn(user.email, user.password)
      const first = client.cookies.get('dateline_session') ?? ''
      // Sent from a page of the signed-in session (so with that session's CSRF token).
      await client.page('/admin')
      expect((await client.post('/admin/login', { email: user.email, password: user.password })).status).toBe(
        303,
      )
      const second = client.cookies.get('dateline_session') ?? ''
      expect(second).not.toBe(first)
      expect((await sessionRows(t, user.id)).map((r) => r.id)).toEqual([sessionIdForToken(second)])

      // A token planted by someone else is never adopted: sign-in answers with a fresh one.
      const planted = new AdminClient(t)
      planted.cookies.set('dateline_session', 'planted-token-planted-token-planted-token')
      await planted.signIn(user.email, user.password)
      expect(planted.cookies.get('dateline_session')).not.toBe('planted-token-planted-token-planted-token')
    })

    it('gives the same answer for a wrong password and an unknown address', async () => {
      const user = await makeStaff(t.ctx, 'author')
      const wrong = new AdminClient(t)
      await wrong.page('/admin/login')
      const a = await wrong.post('/admin/login', { email: user.email, password: 'not the password at all' })
      const unknown = new AdminClient(t)
      await unknown.page('/admin/login')
      const b = await unknown.post('/admin/login', {
        email: 'nobody@newsroom.test',
        password: 'not the password at all',
      })
      expect(a.status).toBe(401)
      expect(b.status).toBe(401)
      const errorOf = async (r: Response) => (await r.text()).match(/<p id="login-error">([^<]*)<\/p>/)?.[1]
      const [messageA, messageB] = [await errorOf(a), await errorOf(b)]
      expect(messageA).toBe('That e-mail address and password do not match an account that may sign in.')
      expect(messageB).toBe(messageA)
      expect(wrong.cookies.has('dateline_session')).toBe(false)
    })

    it('locks an account after five failures, says when to try again, and lets it in after that', async () => {
      const user = await makeStaff(t.ctx, 'editor')
      const client = new AdminClient(t)
      await client.page('/admin/login')
      const statuses: number[] = []
      let last: Response | undefined
      for (let i = 0; i < 5; i++) {
        last = await client.post('/admin/login', { email: user.email, password: `wrong password ${i}` })
        statuses.push(last.status)
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429])
      // Kabul is UTC+4:30: locked at 08:00Z until 08:15Z, 12:45 in Kabul.
      expect(await last?.text()).toContain(
        'Too many failed sign-in attempts. Try again after 12:45 (in 15 minutes).',
      )
      expect(last?.headers.get('retry-after')).toBe('900')

      // Even the right password is refused while the lock lasts, with the same kind of answer.
      const locked = await client.post('/admin/login', { email: user.email, password: user.password })
      expect(locked.status).toBe(429)
      expect(client.cookies.has('dateline_session')).toBe(false)

      // An address without an account locks the same way: the lockout reveals nothing.
      const ghost = new AdminClient(t)
      await ghost.page('/admin/login')
      const ghostStatuses: number[] = []
      for (let i = 0; i < 5; i++) {
        ghostStatuses.push(
          (await ghost.post('/admin/login', { email: 'ghost@newsroom.test', password: `wrong ${i}` })).status,
        )
      }
      expect(ghostStatuses).toEqual(statuses)

      const rows = await t.ctx.db.selectFrom('login_throttles').select('key').execute()
      expect(JSON.stringify(rows)).not.toContain('@')

      clock.advance(15 * MINUTE)
      await client.page('/admin/login')
      expect((await client.post('/admin/login', { email: user.email, password: user.password })).status).toBe(
        303,
      )
    })

    it('refuses a POST without a valid CSRF token (403) and accepts one with it', async () => {
      const { client, user } = await signedInAs(t, 'author')
      const before = (await sessionRows(t, user.id)).length

      const missing = await client.post('/admin/account/logout-everywhere', { _csrf: '' })
      expect(missing.status).toBe(403)
      expect(await missing.text()).toContain('did not come from this site')
      const forged = await client.post('/admin/account/logout-everywhere', { _csrf: 'abc-forged' })
      expect(forged.status).toBe(403)

      // A token that is valid for another session does not work here: tokens are session-bound.
      const { client: other } = await signedInAs(t, 'author')
      const foreign = await client.post('/admin/account/logout-everywhere', { _csrf: other.csrf })
      expect(foreign.status).toBe(403)
      expect((await sessionRows(t, user.id)).length).toBe(before)

      const accepted = await client.post('/admin/account/logout-everywhere')
      expect(accepted.status).toBe(303)
      expect((await sessionRows(t, user.id)).length).toBe(0)
    })

    it('protects the sign-in form itself against CSRF', async () => {
      const user = await makeStaff(t.ctx, 'editor')
      const client = new AdminClient(t)
      const response = await client.post('/admin/login', {
        _csrf: '',
        email: user.email,
        password: user.password,
      })
      expect(response.status).toBe(403)
      expect(client.cookies.has('dateline_session')).toBe(false)
    })

    it('logs out: the session is deleted and the cookie no longer opens the admin', async () => {
      const { client, user } = await signedInAs(t, 'editor')
      const token = client.cookies.get('dateline_session') ?? ''
      const response = await client.post('/admin/logout')
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/admin/login?notice=logged-out')
      // The browser drops the editor's local copies of unsaved text and cached pages too.
      expect(response.headers.get('clear-site-data')).toBe('"cache", "storage"')
      expect(client.cookies.has('dateline_session')).toBe(false)
      expect(await sessionRows(t, user.id)).toEqual([])
      const replay = await t.get('/admin', { headers: { cookie: `dateline_session=${token}` } })
      expect(replay.status).toBe(303)
      expect(replay.headers.get('location')).toBe('/admin/login')
    })

    it('logs out everywhere: every session of the person ends', async () => {
      const { client, user } = await signedInAs(t, 'contributor')
      const phone = new AdminClient(t)
      await phone.signIn(user.email, user.password)
      expect((await phone.get('/admin')).status).toBe(200)
      await client.page('/admin/account')
      const everywhere = await client.post('/admin/account/logout-everywhere')
      expect(everywhere.status).toBe(303)
      expect(everywhere.headers.get('clear-site-data')).toBe('"cache", "storage"')
      expect((await phone.get('/admin')).status).toBe(303)
      expect((await client.get('/admin')).status).toBe(303)
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'logout.everywhere')
        .execute()
      expect(audit.some((a) => a.user_id === user.id && a.details.includes('"sessionsEnded":2'))).toBe(true)
    })

    it('ends a session after 12 idle hours, and any session after 7 days however busy', async () => {
      const { client } = await signedInAs(t, 'editor')
      clock.advance(11 * HOUR)
      expect((await client.get('/admin')).status).toBe(200)
      clock.advance(11 * HOUR)
      expect((await client.get('/admin')).status).toBe(200)
      clock.advance(12 * HOUR + MINUTE)
      expect((await client.get('/admin')).status).toBe(303)

      const busy = await signedInAs(t, 'editor')
      for (let i = 0; i < 15; i++) {
        clock.advance(11 * HOUR)
        expect((await busy.client.get('/admin')).status).toBe(200)
      }
      clock.advance(11 * HOUR)
      const response = await busy.client.get('/admin')
      expect(response.status).toBe(303)
      expect(busy.client.cookies.has('dateline_session')).toBe(false)
    })

    it('blocks a deactivated account from signing in and ends its sessions', async () => {
      const { client, user } = await signedInAs(t, 'author')
      await setUserActive(t.ctx, systemActor('test'), user.id, false)
      expect((await client.get('/admin')).status).toBe(303)
      const again = new AdminClient(t)
      await again.page('/admin/login')
      const response = await again.post('/admin/login', { email: user.email, password: user.password })
      expect(response.status).toBe(401)
      expect(again.cookies.has('dateline_session')).toBe(false)
    })

    it('changes the password: other sessions end, this one stays, the new password works', async () => {
      const { client, user } = await signedInAs(t, 'editor')
      const other = new AdminClient(t)
      await other.signIn(user.email, user.password)
      await client.page('/admin/account')
      const bad = await client.post('/admin/account/password', {
        current: 'wrong',
        password: 'short',
        confirmation: 'x',
      })
      expect(bad.status).toBe(422)
      const text = await bad.text()
      expect(text).toContain('The current password is not right')
      expect(text).toContain('at least 12 characters')
      await client.page('/admin/account')
      const next = 'a brand new passphrase'
      const ok = await client.post('/admin/account/password', {
        current: user.password,
        password: next,
        confirmation: next,
      })
      expect(ok.status).toBe(303)
      expect((await client.get('/admin')).status).toBe(200)
      expect((await other.get('/admin')).status).toBe(303)
      const fresh = new AdminClient(t)
      await fresh.signIn(user.email, next)
    })

    it('turns on two-step sign-in, then asks for the code in a second step with a new session id', async () => {
      const { client, user } = await signedInAs(t, 'editor')
      const { secret } = await enableTwoStep(client)
      const { $: setup } = await client.page('/admin/account/2fa/setup')
      const uri = setup('details code').text()
      expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=/)
      expect(setup('img')).toHaveLength(0)
      // The seed is stored sealed (src/lib/secret-box.ts): a copy of the database makes no codes.
      const storedSeed = await t.ctx.db
        .selectFrom('user_totp')
        .select('secret')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow()
      expect(storedSeed.secret).toMatch(/^sealed1:/)
      expect(storedSeed.secret).not.toContain(secret)

      expect((await client.post('/admin/account/2fa/confirm', { code: '000000' })).status).toBe(422)
      await client.page('/admin/account/2fa/setup')
      const confirmed = await client.post('/admin/account/2fa/confirm', {
        code: totpCodeAt(secret, clock.now()),
      })
      expect(confirmed.status).toBe(200)
      const html = await confirmed.text()
      const codes = [...html.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map(
        (m) => m[1] ?? '',
      )
      expect(codes).toHaveLength(10)
      const stored = await t.ctx.db
        .selectFrom('recovery_codes')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute()
      expect(stored).toHaveLength(10)
      for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code)

      // Password alone now leads to the code step, not into the admin.
      const login = new AdminClient(t)
      await login.page('/admin/login')
      const first = await login.post('/admin/login', { email: user.email, password: user.password })
      expect(first.headers.get('location')).toBe('/admin/login/code')
      const pendingToken = login.cookies.get('dateline_session') ?? ''
      expect((await login.get('/admin')).status).toBe(303)

      // The code just used to confirm cannot be used again; the next one can.
      await login.page('/admin/login/code')
      const replay = await login.post('/admin/login/code', { code: totpCodeAt(secret, clock.now()) })
      expect(replay.status).toBe(401)
      clock.advance(30_000)
      await login.page('/admin/login/code')
      const second = await login.post('/admin/login/code', { code: totpCodeAt(secret, clock.now()) })
      expect(second.status).toBe(303)
      expect(second.headers.get('location')).toBe('/admin')
      const activeToken = login.cookies.get('dateline_session') ?? ''
      expect(activeToken).not.toBe(pendingToken)
      const ids = (await sessionRows(t, user.id)).map((r) => r.id)
      expect(ids).not.toContain(sessionIdForToken(pendingToken))
      expect((await login.get('/admin')).status).toBe(200)

      // A recovery code works once.
      const lost = new AdminClient(t)
      await lost.page('/admin/login')
      await lost.post('/admin/login', { email: user.email, password: user.password })
      await lost.page('/admin/login/code')
      const recovery = codes[3] ?? ''
      expect((await lost.post('/admin/login/code', { code: recovery.toUpperCase() })).status).toBe(303)
      const again = new AdminClient(t)
      await again.page('/admin/login')
      await again.post('/admin/login', { email: user.email, password: user.password })
      await again.page('/admin/login/code')
      expect((await again.post('/admin/login/code', { code: recovery })).status).toBe(401)
      const { $: account } = await lost.page('/admin/account')
      expect(account('#two-step-heading').parent().text()).toContain('9 unused recovery codes')

      // Turning it off asks for the password.
      expect((await lost.post('/admin/account/2fa/disable', { current: 'wrong' })).status).toBe(422)
      await lost.page('/admin/account')
      expect((await lost.post('/admin/account/2fa/disable', { current: user.password })).status).toBe(303)
      const plain = new AdminClient(t)
      await plain.signIn(user.email, user.password)
      expect(plain.lastSetCookies.length).toBeGreaterThan(0)
      const actions = (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('target_id', '=', String(user.id))
          .execute()
      ).map((r) => r.action)
      expect(actions).toEqual(
        expect.arrayContaining(['mfa.enabled', 'mfa.disabled', 'login.succeeded', 'login.failed']),
      )
    })

    it('counts wrong codes in the second step towards the lockout', async () => {
      const { client, user } = await signedInAs(t, 'author')
      const { secret } = await enableTwoStep(client)
      await client.page('/admin/account/2fa/setup')
      expect(
        (await client.post('/admin/account/2fa/confirm', { code: totpCodeAt(secret, clock.now()) })).status,
      ).toBe(200)
      const login = new AdminClient(t)
      await login.page('/admin/login')
      await login.post('/admin/login', { email: user.email, password: user.password })
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) {
        await login.page('/admin/login/code')
        statuses.push((await login.post('/admin/login/code', { code: '000000' })).status)
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429])
      expect(login.cookies.has('dateline_session')).toBe(false)
      clock.advance(15 * MINUTE)
    })

    it('sets a new password through a one-time reset link, which ends every session', async () => {
      const { client, user } = await signedInAs(t, 'contributor')
      const link = await createResetLink(t.ctx, systemActor('cli'), user.email)
      expect(link.url).toMatch(/^https:\/\/news\.example\/admin\/reset\/[A-Za-z0-9_-]{43}$/)
      const path = new URL(link.url).pathname
      const token = path.split('/').at(-1) ?? ''
      const stored = await t.ctx.db.selectFrom('password_resets').selectAll().execute()
      expect(JSON.stringify(stored)).not.toContain(token)

      const visitor = new AdminClient(t)
      const { response, $ } = await visitor.page(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect($('h1').text()).toBe('Choose a new password')
      const mismatch = await visitor.post(path, {
        password: 'new password one',
        confirmation: 'new password two',
      })
      expect(mismatch.status).toBe(422)
      await visitor.page(path)
      const short = await visitor.post(path, { password: 'short', confirmation: 'short' })
      expect(short.status).toBe(422)
      await visitor.page(path)
      const done = await visitor.post(path, {
        password: 'the reset passphrase',
        confirmation: 'the reset passphrase',
      })
      expect(done.status).toBe(303)
      expect(done.headers.get('location')).toBe('/admin/login?notice=password-reset')
      expect((await client.get('/admin')).status).toBe(303)
      expect(await sessionRows(t, user.id)).toEqual([])
      await new AdminClient(t).signIn(user.email, 'the reset passphrase')
      expect((await visitor.get(path)).status).toBe(410)

      const expiring = await createResetLink(t.ctx, systemActor('cli'), user.email)
      clock.advance(61 * MINUTE)
      expect((await visitor.get(new URL(expiring.url).pathname)).status).toBe(410)
    })

    it('records sign-ins in the audit log with a session reference, shown to admins page by page', async () => {
      const { client: admin, user } = await signedInAs(t, 'admin')
      const row = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'login.succeeded')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow()
      const [session] = await sessionRows(t, user.id)
      expect(row.session_ref).toBe(session?.id.slice(0, 16))
      for (let i = 0; i < 45; i++)
        await recordAudit(t.ctx, systemActor('test'), 'test.filler', { type: 'thing', id: i })
      const { response, $ } = await admin.page('/admin/audit')
      expect(response.status).toBe(200)
      expect($('.audit-table tbody tr')).toHaveLength(40)
      expect($('a[rel=next]').attr('href')).toBe('/admin/audit?page=2')
      const second = await admin.page('/admin/audit?page=2')
      expect(second.$('.audit-table').text()).toContain('login.succeeded')
      expect((await admin.get('/admin/audit?page=999')).status).toBe(404)
      expect((await admin.get('/admin/audit?page=abc')).status).toBe(400)
    })

    it('answers unknown admin addresses with the admin’s own 404, never the public site', async () => {
      const { client } = await signedInAs(t, 'editor')
      const response = await client.get('/admin/no-such-area/123')
      expect(response.status).toBe(404)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(await response.text()).toContain('There is no admin page at this address')
    })

    it('locks a client address after 30 failures across accounts', async () => {
      const user = await makeStaff(t.ctx, 'editor')
      // 29 failures from this address are recorded through the service (each over HTTP would cost
      // a password hash); the 30th comes over HTTP and starts the lock.
      const address = addressThrottleKey('127.0.0.1')
      for (let i = 0; i < 29; i++) {
        await recordLoginFailure(t.ctx, { account: accountThrottleKey(`spray-${i}@newsroom.test`), address })
      }
      const client = new AdminClient(t)
      await client.page('/admin/login')
      const last = await client.post('/admin/login', {
        email: 'spray-29@newsroom.test',
        password: 'guess guess guess',
      })
      expect(last.status).toBe(429)
      expect((await client.post('/admin/login', { email: user.email, password: user.password })).status).toBe(
        429,
      )
      clock.advance(16 * MINUTE)
      expect((await client.post('/admin/login', { email: user.email, password: user.password })).status).toBe(
        303,
      )
    })
  })

  suite.skipIf(!isAvailable)(`${label}: no secrets in logs`, () => {
    it('never writes passwords, tokens, TOTP secrets or codes to the log or the audit log', async () => {
      const lines: string[] = []
      const clock = manualClock(TEST_NOW)
      const t = await startTestApp(engine, { clock, logStream: { write: (line) => lines.push(line) } })
      try {
        const user = await makeStaff(t.ctx, 'editor')
        const secrets: string[] = [user.password]
        const failed = new AdminClient(t)
        await failed.page('/admin/login')
        await failed.post('/admin/login', { email: user.email, password: 'a wrong password guess' })
        secrets.push('a wrong password guess')

        const client = new AdminClient(t)
        await client.signIn(user.email, user.password)
        secrets.push(client.cookies.get('dateline_session') ?? '', client.csrf)
        const { secret } = await enableTwoStep(client)
        secrets.push(secret, client.csrf)
        const code = totpCodeAt(secret, clock.now())
        const confirmed = await client.post('/admin/account/2fa/confirm', { code })
        const codes = [...(await confirmed.text()).matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map(
          (m) => m[1] ?? '',
        )
        secrets.push(code, ...codes)

        clock.advance(30_000)
        const second = new AdminClient(t)
        await second.page('/admin/login')
        await second.post('/admin/login', { email: user.email, password: user.password })
        await second.page('/admin/login/code')
        const secondCode = totpCodeAt(secret, clock.now())
        await second.post('/admin/login/code', { code: secondCode })
        secrets.push(secondCode, second.cookies.get('dateline_session') ?? '')

        const link = await createResetLink(t.ctx, systemActor('cli'), user.email)
        const path = new URL(link.url).pathname
        secrets.push(path.split('/').at(-1) ?? '')
        const visitor = new AdminClient(t)
        await visitor.page(path)
        await visitor.post(path, { password: 'the next passphrase', confirmation: 'the next passphrase' })
        secrets.push('the next passphrase')

        const log = lines.join('')
        expect(log).toContain('incoming request')
        expect(log).toContain('/admin/reset/[redacted]')
        const audit = JSON.stringify(await t.ctx.db.selectFrom('audit_log').selectAll().execute())
        for (const secretValue of secrets.filter((s) => s.length >= 6)) {
          expect(log).not.toContain(secretValue)
          expect(audit).not.toContain(secretValue)
        }
      } finally {
        await t.close()
      }
    })
  })
}
