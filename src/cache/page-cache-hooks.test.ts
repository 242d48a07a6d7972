// The cache hooks on a bare Fastify instance with routes whose renders the test controls: no
// database, no network (app.inject).
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { createPageCache, type PageCache } from './page-cache.ts'
import { registerPageCache } from './page-cache-hooks.ts'

interface Harness {
  app: FastifyInstance
  cache: PageCache
  renders: Map<string, number>
  /** Holds every render of /slow until released. */
  gate: { wait: Promise<void>; release(): void }
  version: { value: number }
}

function makeGate(): Harness['gate'] {
  let release!: () => void
  const wait = new Promise<void>((r) => {
    release = r
  })
  return { wait, release }
}

async function harness(): Promise<Harness> {
  const app = Fastify()
  const cache = createPageCache()
  const renders = new Map<string, number>()
  const h: Harness = { app, cache, renders, gate: makeGate(), version: { value: 1 } }
  const count = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1)
  await app.register(async (scope) => {
    registerPageCache(scope, { cache, languageOf: () => 'en' })
    scope.get('/slow', async (_request, reply) => {
      count('slow')
      const version = h.version.value
      await h.gate.wait
      return reply.header('surrogate-key', 'article:1').type('text/html').send(`<p>version ${version}</p>`)
    })
    scope.get('/with-cookie', async (_request, reply) => {
      count('with-cookie')
      return reply
        .header('surrogate-key', 'home')
        .header('set-cookie', 'a=1')
        .type('text/html')
        .send('<p>x</p>')
    })
    scope.get('/undeclared', async (_request, reply) => {
      count('undeclared')
      return reply.type('text/html').send('<p>no keys</p>')
    })
    scope.get('/missing', async (_request, reply) => {
      count('missing')
      return reply.code(404).header('surrogate-key', 'home').type('text/html').send('<p>not here</p>')
    })
  })
  await app.ready()
  return h
}

/** Waits (without timing anything) until a condition holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 2))
}

let current: Harness | undefined
afterEach(async () => {
  await current?.app.close()
  current = undefined
})

describe('page cache hooks', () => {
  it('renders concurrent misses for one URL once and serves the others from that render', async () => {
    const h = await harness()
    current = h
    const responses = Array.from({ length: 10 }, () => h.app.inject({ url: '/slow' }))
    // Let every request reach the cache before the first render may finish.
    await until(() => h.renders.get('slow') === 1)
    await new Promise((r) => setTimeout(r, 20))
    h.gate.release()
    const done = await Promise.all(responses)
    expect(h.renders.get('slow')).toBe(1)
    expect(done.map((r) => r.statusCode)).toEqual(Array(10).fill(200))
    expect(done.filter((r) => r.headers['x-cache'] === 'MISS')).toHaveLength(1)
    expect(new Set(done.map((r) => r.body))).toEqual(new Set(['<p>version 1</p>']))
  })

  it('never stores a render that began before a purge of its page, and serves later requests fresh', async () => {
    const h = await harness()
    current = h
    const early = h.app.inject({ url: '/slow' })
    await until(() => h.renders.get('slow') === 1)
    h.version.value = 2
    await h.cache.purge(['article:1'])
    // This request may join the render in flight; that render is refused by the cache, so the
    // request renders its own rather than receive the page from before the purge.
    const late = h.app.inject({ url: '/slow' })
    await new Promise((r) => setTimeout(r, 20))
    h.gate.release()
    expect((await early).body).toBe('<p>version 1</p>')
    expect((await late).body).toBe('<p>version 2</p>')
    expect(h.renders.get('slow')).toBe(2)
    const next = await h.app.inject({ url: '/slow' })
    expect(next.headers['x-cache']).toBe('HIT')
    expect(next.body).toBe('<p>version 2</p>')
  })

  it('does not cache responses that set a cookie, declare no keys, or are not 200', async () => {
    const h = await harness()
    current = h
    for (const url of ['/with-cookie', '/undeclared', '/missing']) {
      await h.app.inject({ url })
      const second = await h.app.inject({ url })
      expect(second.headers['x-cache'], url).toBe('MISS')
      expect(h.renders.get(url.slice(1)), url).toBe(2)
    }
    expect(h.cache.stats().entries).toBe(0)
  })

  it('keeps requests with a session cookie out of the cache both ways', async () => {
    const h = await harness()
    current = h
    h.gate.release()
    const editor = await h.app.inject({ url: '/slow', headers: { cookie: 'dateline_session=abc' } })
    expect(editor.headers['cache-control']).toBe('private, no-store')
    expect(editor.headers['surrogate-key']).toBeUndefined()
    expect(h.cache.stats().entries).toBe(0)
    await h.app.inject({ url: '/slow' })
    const again = await h.app.inject({ url: '/slow', headers: { cookie: 'dateline_session=abc' } })
    expect(again.headers['x-cache']).toBeUndefined()
    expect(h.renders.get('slow')).toBe(3)
  })

  it('keys by the Save-Data variant and ignores the query string', async () => {
    const h = await harness()
    current = h
    h.gate.release()
    await h.app.inject({ url: '/slow' })
    expect((await h.app.inject({ url: '/slow?utm_source=x' })).headers['x-cache']).toBe('HIT')
    expect((await h.app.inject({ url: '/slow', headers: { 'save-data': 'on' } })).headers['x-cache']).toBe(
      'MISS',
    )
    expect((await h.app.inject({ url: '/slow', headers: { 'save-data': 'on' } })).headers['x-cache']).toBe(
      'HIT',
    )
    const response = await h.app.inject({ url: '/slow' })
    expect(response.headers.vary).toBe('Accept-Encoding, Save-Data')
  })
})
