// Shared by the benchmarks: child processes for the servers, a precise latency probe, and
// autocannon for throughput. Everything speaks to 127.0.0.1 only.
import { type ChildProcess, fork } from 'node:child_process'
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundle } from '../bin/compiled-cli.js'

export interface AutocannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; p97_5: number; average: number; max: number }
  errors: number
  timeouts: number
  non2xx: number
  duration: number
}

interface AutocannonRequest {
  method?: string
  path?: string
  headers?: Record<string, string>
  setupRequest?: (request: { path: string }) => { path: string }
}

type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  pipelining?: number
  timeout?: number
  requests?: AutocannonRequest[]
  headers?: Record<string, string>
}) => Promise<AutocannonResult>

// autocannon ships no types; this is the part of its API the benchmarks use.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

export interface ServerProcess {
  port: number
  child: ChildProcess
  /** Sends a message and resolves with the first reply of the given type. */
  ask<T>(message: object, replyType: string): Promise<T>
  stop(): Promise<void>
}

/**
 * Forks a benchmark process: a TypeScript script (relative to bench/) through tsx, or a compiled
 * .mjs bundle (an absolute file URL, see bench/run.ts) as plain Node, the way production runs.
 */
export function startChild(
  script: string,
  env: Record<string, string>,
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const isCompiled = script.endsWith('.mjs')
  const child = fork(new URL(script, import.meta.url), [], {
    env: { ...process.env, ...env },
    execArgv: isCompiled ? execArgv : ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)))
    child.once('message', (message: { type: string; port: number }) => {
      if (message.type !== 'ready') return reject(new Error(`unexpected message ${message.type}`))
      child.removeAllListeners('exit')
      resolve({
        port: message.port,
        child,
        ask<T>(request: object, replyType: string): Promise<T> {
          return new Promise((done) => {
            const listener = (reply: { type: string }) => {
              if (reply.type !== replyType) return
              child.off('message', listener)
              done(reply as T)
            }
            child.on('message', listener)
            child.send(request)
          })
        },
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

export function fetchText(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
        })
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text, headers: response.headers }),
        )
      })
      .on('error', reject)
  })
}

/**
 * The ids of the uncached story row's 1,000 stories: spread evenly over the whole site (a prime
 * stride), old and new alike, so that the row reads rows from all over the tables.
 */
export function uncachedStoryIds(stories: number): number[] {
  return Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7919) % stories))
}

/** The p-th percentile of ascending samples (nearest rank); NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/**
 * Service latency: one request at a time over one kept-alive connection, timed with hrtime.
 * (autocannon's histogram has millisecond resolution, too coarse for sub-millisecond hits.)
 */
export async function measureLatency(
  port: number,
  paths: string[],
  durationMs: number,
): Promise<{ p50: number; p95: number; p99: number; count: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const samples: number[] = []
  let errors = 0
  const endAt = performance.now() + durationMs
  for (let i = 0; performance.now() < endAt; i++) {
    const path = paths[i % paths.length] ?? '/'
    const started = performance.now()
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (response) => {
          response.resume()
          response.on('end', () => resolve(response.statusCode ?? 0))
        })
        .on('error', reject)
    })
    samples.push(performance.now() - started)
    if (status !== 200) errors++
  }
  agent.destroy()
  samples.sort((a, b) => a - b)
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    count: samples.length,
    errors,
  }
}

/** Throughput under concurrency, rotating through the paths. */
export async function measureThroughput(
  port: number,
  paths: string[],
  options: { connections: number; durationS: number; headers?: Record<string, string> },
): Promise<AutocannonResult> {
  let next = 0
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.durationS,
    timeout: 30,
    ...(options.headers ? { headers: options.headers } : {}),
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] ?? '/' }),
      },
    ],
  })
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/**
 * The servers under test run as production runs them (`npm start`): src/ bundled by esbuild with
 * bin/compiled-cli.js's settings, in plain Node. Until 2026-11-28 they ran through tsx, whose loader
 * thread and in-memory copies of every transpiled module production never carries: that made the
 * resident memory row measure tsx as well (docs/performance.md). BENCH_SERVER=tsx runs them so again.
 */
export async function benchServerScript(): Promise<string> {
  if (process.env.BENCH_SERVER === 'tsx') return './bench-server.ts'
  const root = fileURLToPath(new URL('..', import.meta.url))
  const outfile = path.join(root, '.cache', 'bench-server.mjs')
  await bundle(path.join(root, 'bench', 'bench-server.ts'), outfile)
  return pathToFileURL(outfile).href
}

/** Resident memory with V8's share of it, so that a reader can tell heap growth from native memory. */
export function memoryLine(memory: NodeJS.MemoryUsage): string {
  const mb = (bytes: number) => `${round(bytes / 1048576)} MB`
  return `${mb(memory.rss)} (V8 heap ${mb(memory.heapUsed)} used of ${mb(memory.heapTotal)}, external ${mb(memory.external)} of which array buffers ${mb(memory.arrayBuffers)})`
}
