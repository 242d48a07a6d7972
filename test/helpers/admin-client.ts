// A browser-like client for admin tests: it keeps cookies, picks up the CSRF token from the last
// page it fetched, and posts forms. makeStaff creates a user through the same service as the CLI.
import * as cheerio from 'cheerio'
import { type AppContext, systemActor } from '../../src/context.ts'
import type { UserRole } from '../../src/db/tables.ts'
import type { Clock } from '../../src/lib/clock.ts'
import { registerUser } from '../../src/users/users.service.ts'
import type { TestApp } from './test-app.ts'

export interface StaffUser {
  id: number
  email: string
  password: string
  role: UserRole
}

let counter = 0

export async function makeStaff(
  ctx: AppContext,
  role: UserRole,
  input: { email?: string } = {},
): Promise<StaffUser> {
  counter += 1
  const email = input.email ?? `${role}-${counter}-${process.pid}@newsroom.test`
  const password = `test password ${counter} for ${role}`
  const id = await registerUser(ctx, systemActor('test'), {
    email,
    displayName: `Test ${role} ${counter}`,
    role,
    password,
  })
  return { id, email, password, role }
}

/** A clock the test moves by hand: expiry and lockout are tested without waiting. */
export function manualClock(start: Date): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms
    },
    set: (date) => {
      now = date.getTime()
    },
  }
}

export interface SetCookie {
  name: string
  value: string
  attributes: string[]
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...attributes] = header.split(';').map((p) => p.trim())
  const index = pair.indexOf('=')
  return { name: pair.slice(0, index), value: pair.slice(index + 1), attributes }
}

export class AdminClient {
  readonly cookies = new Map<string, string>()
  /** The CSRF token from the last page fetched that had a form. */
  csrf = ''
  lastSetCookies: SetCookie[] = []

  /** `headers` go with every request (a proxy's X-Forwarded-For, say). */
  constructor(
    private readonly t: TestApp,
    private readonly headers: Record<string, string> = {},
  ) {}

  private store(response: Response): void {
    this.lastSetCookies = response.headers.getSetCookie().map(parseSetCookie)
    for (const c of this.lastSetCookies) {
      const isCleared = c.value === '' || c.attributes.some((a) => /^max-age=0$/i.test(a))
      if (isCleared) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(path: string): Promise<Response> {
    const response = await this.t.get(path, { headers: { ...this.headers, cookie: this.cookieHeader() } })
    this.store(response)
    return response
  }

  /** GET and parse; remembers the page's CSRF token. */
  async page(path: string): Promise<{ response: Response; $: cheerio.CheerioAPI }> {
    const response = await this.get(path)
    const $ = cheerio.load(await response.text())
    const token = $('input[name=_csrf]').first().attr('value')
    if (token) this.csrf = token
    return { response, $ }
  }

  /** POSTs a form. The CSRF token is added unless the fields bring their own (or `_csrf: ''`). */
  async post(path: string, fields: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields })
    if (body.get('_csrf') === '') body.delete('_csrf')
    const response = await this.t.get(path, {
      method: 'POST',
      headers: {
        ...this.headers,
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
    })
    this.store(response)
    return response
  }

  /** Signs in with the password step only (no second factor); throws if that fails. */
  async signIn(email: string, password: string): Promise<Response> {
    await this.page('/admin/login')
    const response = await this.post('/admin/login', { email, password })
    if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`)
    return response
  }
}

/** A new client signed in as a new user of the role, with a fresh CSRF token from the dashboard. */
export async function signedInAs(
  t: TestApp,
  role: UserRole,
): Promise<{ client: AdminClient; user: StaffUser }> {
  const user = await makeStaff(t.ctx, role)
  const client = new AdminClient(t)
  await client.signIn(user.email, user.password)
  await client.page('/admin')
  return { client, user }
}
