// The role matrix over real HTTP, on every database: for each admin route that exists, which roles
// are let in and which are refused; signed-out visitors are sent to sign in; a route that declares
// no capability is refused to everyone, admins included.
import * as cheerio from 'cheerio'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerAdmin } from '../src/admin/admin.plugin.tsx'
import type { UserRole } from '../src/db/tables.ts'
import { AdminClient, signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const ROLES: UserRole[] = ['contributor', 'author', 'editor', 'admin']

type Outcome = 'allowed' | 'refused'
interface RouteCase {
  method: 'GET' | 'POST'
  path: string
  /** Per role: contributor, author, editor, admin. */
  expected: [Outcome, Outcome, Outcome, Outcome]
  fields?: Record<string, string>
  endsSession?: boolean
}

const A: Outcome = 'allowed'
const R: Outcome = 'refused'

const MATRIX: RouteCase[] = [
  { method: 'GET', path: '/admin', expected: [A, A, A, A] },
  { method: 'GET', path: '/admin/account', expected: [A, A, A, A] },
  { method: 'GET', path: '/admin/account/2fa/setup', expected: [A, A, A, A] },
  { method: 'GET', path: '/admin/audit', expected: [R, R, R, A] },
  {
    method: 'POST',
    path: '/admin/account/password',
    fields: { current: 'wrong', password: 'x', confirmation: 'y' },
    expected: [A, A, A, A],
  },
  { method: 'POST', path: '/admin/account/2fa/setup', expected: [A, A, A, A] },
  { method: 'POST', path: '/admin/logout', expected: [A, A, A, A], endsSession: true },
  // The rest of the newsroom's admin. Allowed POSTs send input that is refused as invalid (422),
  // so the matrix leaves no data behind; what valid input does is tested in newsroom-admin.test.ts.
  { method: 'GET', path: '/admin/sections', expected: [R, R, A, A] },
  { method: 'POST', path: '/admin/sections', fields: { name: '', slug: 'tag' }, expected: [R, R, A, A] },
  {
    method: 'POST',
    path: '/admin/sections/1/move',
    fields: { direction: 'sideways' },
    expected: [R, R, A, A],
  },
  { method: 'GET', path: '/admin/tags', expected: [R, R, A, A] },
  { method: 'GET', path: '/admin/tags?q=water', expected: [R, R, A, A] },
  { method: 'GET', path: '/admin/authors', expected: [R, R, A, A] },
  { method: 'POST', path: '/admin/authors', fields: { name: '', kind: 'robot' }, expected: [R, R, A, A] },
  { method: 'GET', path: '/admin/users', expected: [R, R, R, A] },
  {
    method: 'POST',
    path: '/admin/users/invite',
    fields: { email: 'not-an-address', role: 'editor' },
    expected: [R, R, R, A],
  },
  { method: 'POST', path: '/admin/users/1/role', fields: { role: 'emperor' }, expected: [R, R, R, A] },
  { method: 'GET', path: '/admin/settings', expected: [R, R, R, A] },
  {
    method: 'POST',
    path: '/admin/settings',
    fields: { siteName: '', timeZone: 'Mars/Olympus', defaultLanguage: 'xx' },
    expected: [R, R, R, A],
  },
  { method: 'GET', path: '/admin/api-keys', expected: [R, R, R, A] },
  {
    method: 'POST',
    path: '/admin/api-keys',
    fields: { name: '', scope: 'everything' },
    expected: [R, R, R, A],
  },
  { method: 'GET', path: '/admin/webhooks', expected: [R, R, R, A] },
  {
    method: 'POST',
    path: '/admin/webhooks',
    fields: { url: 'ftp://x', events: 'nope' },
    expected: [R, R, R, A],
  },
]

const NAV: Record<UserRole, string[]> = {
  contributor: ['Dashboard', 'Stories'],
  author: ['Dashboard', 'Stories', 'Media'],
  editor: ['Dashboard', 'Stories', 'Media', 'Sections', 'Tags', 'Authors'],
  admin: [
    'Dashboard',
    'Stories',
    'Media',
    'Sections',
    'Tags',
    'Authors',
    'Users',
    'Settings',
    'Audit log',
    'API keys',
    'Webhooks',
  ],
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: admin role matrix`, () => {
    let t: TestApp
    // One signed-in person per role, shared by the cases that leave the session alone.
    const clients = new Map<UserRole, AdminClient>()

    beforeAll(async () => {
      t = await startTestApp(engine)
      for (const role of ROLES) clients.set(role, (await signedInAs(t, role)).client)
    })
    afterAll(async () => {
      await t?.close()
    })

    for (const route of MATRIX) {
      ROLES.forEach((role, column) => {
        const expected = route.expected[column]
        it(`${role} × ${route.method} ${route.path} → ${expected}`, async () => {
          const shared = clients.get(role)
          const client = route.endsSession || !shared ? (await signedInAs(t, role)).client : shared
          const response =
            route.method === 'GET'
              ? await client.get(route.path)
              : await client.post(route.path, route.fields)
          if (expected === 'refused') {
            expect(response.status).toBe(403)
            expect(await response.text()).toContain('Your role does not allow this.')
          } else {
            // Allowed: the page itself, or the form's own answer (a redirect, or a 422 for bad input).
            expect([200, 303, 422]).toContain(response.status)
          }
        })
      })
    }

    for (const route of MATRIX) {
      it(`signed out × ${route.method} ${route.path} → sign in first`, async () => {
        const client = new AdminClient(t)
        await client.page('/admin/login')
        const response =
          route.method === 'GET' ? await client.get(route.path) : await client.post(route.path, route.fields)
        if (route.method === 'GET') {
          expect(response.status).toBe(303)
          expect(response.headers.get('location')).toMatch(/^\/admin\/login/)
        } else {
          expect(response.status).toBe(401)
        }
      })
    }

    it('sends a signed-out visitor back to the page asked for after sign-in', async () => {
      const response = await t.get('/admin/audit?page=1')
      expect(response.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Faudit%3Fpage%3D1')
    })

    for (const role of ROLES) {
      it(`shows a ${role} only the navigation the role may use`, async () => {
        const client = clients.get(role) ?? (await signedInAs(t, role)).client
        const { $ } = await client.page('/admin')
        expect(
          $('nav.admin-nav a')
            .map((_, el) => $(el).text())
            .get(),
        ).toEqual(NAV[role])
      })
    }

    it('refuses a route that declares no capability, to every role (fails closed)', async () => {
      const app = Fastify()
      await registerAdmin(app, t.ctx, {
        extraRoutes: [
          (admin) => {
            admin.get('/undeclared', async () => 'should never be seen')
            admin.post('/undeclared', async () => 'should never be seen')
          },
        ],
      })
      await app.listen({ port: 0, host: '127.0.0.1' })
      try {
        const address = app.server.address()
        const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
        const { client } = await signedInAs(t, 'admin')
        for (const method of ['GET', 'POST']) {
          const response = await fetch(`${base}/admin/undeclared`, {
            method,
            headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
            body: method === 'POST' ? new URLSearchParams({ _csrf: client.csrf }).toString() : undefined,
            redirect: 'manual',
          })
          expect(response.status).toBe(403)
          const $ = cheerio.load(await response.text())
          expect($('.admin-error').attr('data-code')).toBe('ROUTE_ACCESS_UNDECLARED')
          expect($.html()).not.toContain('should never be seen')
        }
        const anonymous = await fetch(`${base}/admin/undeclared`, { redirect: 'manual' })
        expect(anonymous.status).toBe(403)
      } finally {
        await app.close()
      }
    })
  })
}
