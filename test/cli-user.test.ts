// `dateline user …` as a newsroom's administrator runs it: the real command in a child process,
// against a temporary SQLite file.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../src/auth/tokens.ts'
import { loadConfig } from '../src/config/config.ts'
import { createDb, type DbHandle } from '../src/db/create-db.ts'
import { verifyPassword } from '../src/users/passwords.ts'

const bin = path.resolve(import.meta.dirname, '..', 'bin', 'dateline.js')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function dateline(args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin ?? '')
  })
}

describe('dateline user', () => {
  let dir: string
  let env: Record<string, string>
  let handle: DbHandle | undefined

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-cli-'))
    env = {
      DATABASE_URL: path.join(dir, 'cli.db'),
      SITE_URL: 'https://news.example',
      DEMO_CONTENT: 'off',
      LOG_LEVEL: 'silent',
    }
  })
  afterAll(async () => {
    await handle?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  function db() {
    handle ??= createDb(loadConfig(env, dir).database)
    return handle.db
  }

  it('creates a user and prints a generated password once, stored as a scrypt hash with its parameters', async () => {
    const run = await dateline(
      ['user', 'create', '--email', 'Desk@News.Test', '--name', 'News Desk', '--role', 'editor'],
      env,
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Created user 1: desk@news.test (editor)')
    const password = run.stdout.match(/^Password: (\S+)$/m)?.[1] ?? ''
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/)
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'desk@news.test')
      .executeTakeFirstOrThrow()
    expect(user.role).toBe('editor')
    expect(user.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await verifyPassword(password, user.password_hash)).toBe(true)
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.created')
      .execute()
    expect(audit).toEqual([expect.objectContaining({ system_name: 'cli', target_id: String(user.id) })])
    expect(JSON.stringify(audit)).not.toContain(password)
  })

  it('reads the password from standard input with --password-stdin, and never prints it', async () => {
    const run = await dateline(
      [
        'user',
        'create',
        '--email',
        'writer@news.test',
        '--name',
        'Writer',
        '--role',
        'contributor',
        '--password-stdin',
      ],
      env,
      'a passphrase from stdin\n',
    )
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('a passphrase from stdin')
    expect(run.stdout).not.toContain('Password:')
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'writer@news.test')
      .executeTakeFirstOrThrow()
    expect(await verifyPassword('a passphrase from stdin', user.password_hash)).toBe(true)
  })

  it('refuses bad input with every problem and exit code 1, and a duplicate address', async () => {
    const bad = await dateline(['user', 'create', '--email', 'nope', '--name', 'X', '--role', 'king'], env)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('The e-mail address is not valid')
    expect(bad.stderr).toContain('The role must be one of admin, editor, author, contributor')
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/)
    const duplicate = await dateline(
      ['user', 'create', '--email', 'desk@news.test', '--name', 'X', '--role', 'author'],
      env,
    )
    expect(duplicate.code).toBe(1)
    expect(duplicate.stderr).toContain('A user with desk@news.test already exists')
  })

  it('prints a one-time reset link valid for an hour, storing only the hash of its token', async () => {
    const run = await dateline(['user', 'reset-password', '--email', 'desk@news.test'], env)
    expect(run.code).toBe(0)
    const url = run.stdout.match(/^(https:\/\/news\.example\/admin\/reset\/[A-Za-z0-9_-]+)$/m)?.[1] ?? ''
    expect(url).not.toBe('')
    const token = url.split('/').at(-1) ?? ''
    const rows = await db().selectFrom('password_resets').selectAll().execute()
    expect(rows.map((r) => r.token_hash)).toEqual([sha256Hex(token)])
    const lifetime = Date.parse(rows[0]?.expires_at ?? '') - Date.parse(rows[0]?.created_at ?? '')
    expect(lifetime).toBe(60 * 60 * 1000)

    const unknown = await dateline(['user', 'reset-password', '--email', 'nobody@news.test'], env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('There is no user with the e-mail address nobody@news.test')
  })

  it('lists users, and deactivates and reactivates one', async () => {
    expect((await dateline(['user', 'deactivate', '--email', 'writer@news.test'], env)).code).toBe(0)
    const list = await dateline(['user', 'list'], env)
    expect(list.code).toBe(0)
    expect(list.stdout.trim().split('\n')).toEqual([
      'desk@news.test\teditor\tactive\tNews Desk',
      'writer@news.test\tcontributor\tdeactivated\tWriter',
    ])
    expect((await dateline(['user', 'activate', '--email', 'writer@news.test'], env)).code).toBe(0)
  })

  it('explains every verb with --help', async () => {
    for (const verb of ['create', 'reset-password', 'list']) {
      const run = await dateline(['user', verb, '--help'], env)
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(`Usage: dateline user ${verb}`)
    }
    const group = await dateline(['user', '--help'], env)
    expect(group.stdout).toMatch(/create[\s\S]*reset-password[\s\S]*list/)
  })
  it('invites someone with a one-time link valid for a week, storing only the hash of its token', async () => {
    const run = await dateline(['user', 'invite', '--email', 'Invitee@News.test', '--role', 'author'], env)
    expect(run.code).toBe(0)
    const url = run.stdout.match(/^(https:\/\/news\.example\/admin\/invite\/[A-Za-z0-9_-]+)$/m)?.[1] ?? ''
    expect(url).not.toBe('')
    const token = url.split('/').at(-1) ?? ''
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'invitee@news.test')
      .executeTakeFirstOrThrow()
    expect(user.role).toBe('author')
    const rows = await db().selectFrom('user_invites').selectAll().where('user_id', '=', user.id).execute()
    expect(rows.map((r) => r.token_hash)).toEqual([sha256Hex(token)])
    expect(Date.parse(rows[0]?.expires_at ?? '') - Date.parse(rows[0]?.created_at ?? '')).toBe(
      7 * 24 * 60 * 60 * 1000,
    )
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'system_name', 'details'])
      .where('action', '=', 'user.invited')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]?.system_name).toBe('cli')
    expect(audit[0]?.details).not.toContain(token)

    // Invited again before using the link: a new link, and the old one stops working.
    const again = await dateline(['user', 'invite', '--email', 'invitee@news.test', '--role', 'editor'], env)
    expect(again.code).toBe(0)
    const rowsAfter = await db()
      .selectFrom('user_invites')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute()
    expect(rowsAfter).toHaveLength(1)
    expect(rowsAfter[0]?.token_hash).not.toBe(sha256Hex(token))

    const taken = await dateline(['user', 'invite', '--email', 'desk@news.test', '--role', 'author'], env)
    expect(taken.code).toBe(1)
    expect(taken.stderr).toContain('desk@news.test already has an account')
    const bad = await dateline(['user', 'invite', '--email', 'nobody', '--role', 'chief'], env)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain(
      'The e-mail address is not valid; The role must be one of admin, editor, author, contributor',
    )
  }, 120_000)
})
