// What a new user does first: `npm start` on an empty data folder. Runs the real `dateline serve`
// process, reads what it prints and fetches pages from it over HTTP.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const bin = path.join(root, 'bin', 'dateline.js')

interface Started {
  child: ChildProcess
  url: string
  output: () => string
}

function serve(dir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd: dir,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', MEDIA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000)
    child.stdout?.on('data', () => {
      const match = /serving .* at (http:\/\/\S+?)\/? /.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ child, url: match[1], output: () => output })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code}:\n${output}`))
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

describe('npm start on a fresh checkout', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-start-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('creates the database under ./data, seeds the demo newsroom and prints the admin credentials once', async () => {
    const first = await serve(dir)
    try {
      expect(fs.existsSync(path.join(dir, 'data', 'dateline.db'))).toBe(true)
      expect(first.output()).toMatch(/Admin login:\s+admin@dateline\.local/)
      expect(first.output()).toMatch(/Admin password:\s+\S{12,}/)
      const home = await fetch(`${first.url}/`)
      expect(home.status).toBe(200)
      const html = await home.text()
      expect(html).toContain('class="lead-story"')
      expect((html.match(/class="story-card"/g) ?? []).length).toBeGreaterThan(4)
      const image = /<img src="(\/media\/[^"]+)"/.exec(html)?.[1]
      expect(image).toBeTruthy()
      const media = await fetch(`${first.url}${image}`)
      expect(media.status).toBe(200)
      expect(media.headers.get('content-type')).toBe('image/jpeg')
    } finally {
      await stop(first.child)
    }

    const second = await serve(dir)
    try {
      expect(second.output()).not.toContain('Admin password')
      expect((await fetch(`${second.url}/latest/`)).status).toBe(200)
    } finally {
      await stop(second.child)
    }
  }, 120_000)

  it('serves an empty site with DEMO_CONTENT=off', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-empty-'))
    const started = await serve(empty, { DEMO_CONTENT: 'off' })
    try {
      expect(started.output()).not.toContain('Admin password')
      const html = await (await fetch(`${started.url}/`)).text()
      expect(html).toContain('No stories have been published yet.')
    } finally {
      await stop(started.child)
      fs.rmSync(empty, { recursive: true, force: true })
    }
  }, 60_000)

  it('refuses a bad configuration with a message naming the variable', { timeout: 60_000 }, () => {
    const result = spawnSync(process.execPath, [bin, 'serve'], {
      cwd: dir,
      env: { ...process.env, PORT: 'eighty', TZ: 'Nowhere/Land' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('PORT must be a number')
    expect(result.stderr).toContain('TZ is not a known IANA time zone')
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/)
  })

  it('documents every verb with --help', () => {
    for (const verb of ['serve', 'migrate', 'seed']) {
      const result = spawnSync(process.execPath, [bin, verb, '--help'], { cwd: dir, encoding: 'utf8' })
      expect(result.status, verb).toBe(0)
      expect(result.stdout, verb).toContain(`Usage: dateline ${verb}`)
    }
    const top = spawnSync(process.execPath, [bin, '--help'], { cwd: dir, encoding: 'utf8' })
    expect(top.stdout).toContain('DATABASE_URL')
  }, 120_000)
})
