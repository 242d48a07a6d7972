// Runs the real `dateline` command in a child process, for tests of start-up, shutdown and the
// operations verbs (migrate, backup, restore).
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..', '..')
export const BIN = path.join(ROOT, 'bin', 'dateline.js')

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a verb to its end. */
export function runDateline(args: string[], env: Record<string, string>, cwd = ROOT): Promise<Finished> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', DEMO_CONTENT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

export interface Serving {
  child: ChildProcess
  url: string
  output(): string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
}

/** Starts `dateline serve` on a free port and resolves once it prints its address. */
export function serveDateline(env: Record<string, string>, cwd = ROOT): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DEMO_CONTENT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const append = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000)
    child.stdout?.on('data', () => {
      const match = /serving .* at (http:\/\/\S+?)\/? /.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ child, url: match[1], output: () => output, exited })
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code}:\n${output}`))
    })
  })
}
