import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createPageCache } from './page-cache.ts'

const page = (text: string, surrogateKeys: string[]) => ({
  body: Buffer.from(text.repeat(50)),
  headers: { 'content-type': 'text/html; charset=utf-8' },
  surrogateKeys,
})

/** The window size a brotli stream declares in its first bits (RFC 7932, section 9.1). */
function brotliWindowBitsOf(stream: Buffer): number {
  const first = stream[0] ?? 0
  if ((first & 1) === 0) return 16
  const short = (first >> 1) & 7
  if (short !== 0) return 17 + short
  const long = (first >> 4) & 7
  return long === 0 ? 17 : 8 + long
}

describe('page cache', () => {
  it('stores a body with gzip and brotli forms that decompress to it, each with its own strong ETag', async () => {
    const cache = createPageCache()
    const stored = await cache.store('en full /a', page('<p>Hello</p>', ['article:1']), cache.epoch)
    expect(stored).toBeDefined()
    const hit = cache.lookup('en full /a')
    if (!hit) throw new Error('expected a hit')
    expect(gunzipSync(hit.variants.gzip.body).equals(hit.variants.identity.body)).toBe(true)
    expect(brotliDecompressSync(hit.variants.br.body).equals(hit.variants.identity.body)).toBe(true)
    const etags = new Set(Object.values(hit.variants).map((v) => v.etag))
    expect(etags.size).toBe(3)
    for (const etag of etags) expect(etag).toMatch(/^"[^"]+"$/)
  })

  it('compresses at most maxConcurrentCompressions pages at once, and stores every one', async () => {
    const cache = createPageCache({ maxConcurrentCompressions: 2 })
    const stores = Array.from({ length: 10 }, (_, i) =>
      cache.store(`/${i}`, page(`<p>${i}</p>`, [`article:${i}`]), cache.epoch),
    )
    expect(cache.stats()).toMatchObject({ compressing: 2, compressionsWaiting: 8 })
    expect((await Promise.all(stores)).every(Boolean)).toBe(true)
    expect(cache.stats()).toMatchObject({ compressing: 0, compressionsWaiting: 0, entries: 10 })
  })

  it('refuses a render purged while it waited for its turn to be compressed', async () => {
    const cache = createPageCache({ maxConcurrentCompressions: 1 })
    const first = cache.store('/a', page('a', ['article:1']), cache.epoch)
    const second = cache.store('/b', page('b', ['article:2']), cache.epoch)
    await cache.purge(['article:2'])
    expect(await first).toBeDefined()
    expect(await second).toBeUndefined()
    expect(cache.has('/b')).toBe(false)
  })

  it('sizes the brotli window to the page without changing what it decompresses to', async () => {
    const body = Buffer.from('<p>A dateline, a story, a byline.</p>'.repeat(400))
    const stored = await createPageCache().store('/w', { ...page('', []), body, surrogateKeys: ['x'] }, 0)
    if (!stored) throw new Error('expected a store')
    expect(brotliDecompressSync(stored.variants.br.body).equals(body)).toBe(true)
    expect(brotliWindowBitsOf(stored.variants.br.body)).toBe(Math.ceil(Math.log2(body.length + 1)))
  })

  it('purges exactly the entries that declared a purged key', async () => {
    const cache = createPageCache()
    await cache.store('story', page('s', ['article:1']), cache.epoch)
    await cache.store('tag-a', page('a', ['tag:1']), cache.epoch)
    await cache.store('tag-b', page('b', ['tag:2']), cache.epoch)
    await cache.store('home', page('h', ['home', 'article:9']), cache.epoch)
    const report = await cache.purge(['article:1', 'tag:1', 'home', 'feeds'])
    expect(report.removed.sort()).toEqual(['home', 'story', 'tag-a'])
    expect(cache.has('tag-b')).toBe(true)
    // The index forgets removed entries: purging again removes nothing.
    expect((await cache.purge(['article:9'])).removed).toEqual([])
    expect(cache.stats().purgedEntries).toBe(3)
  })

  it('refuses to store a render that started before a purge', async () => {
    const cache = createPageCache()
    const started = cache.epoch
    await cache.purge(['article:1'])
    expect(await cache.store('story', page('old', ['article:1']), started)).toBeUndefined()
    expect(cache.has('story')).toBe(false)
  })

  it('still stores a render that overlapped a purge of other pages', async () => {
    const cache = createPageCache()
    const started = cache.epoch
    await cache.purge(['tag:9'])
    expect(await cache.store('story', page('s', ['article:1']), started)).toBeDefined()
  })

  it('refuses renders that began before everything was purged', async () => {
    const cache = createPageCache()
    const started = cache.epoch
    await cache.purgeAll()
    expect(await cache.store('story', page('s', ['article:1']), started)).toBeUndefined()
    expect(await cache.store('story', page('s', ['article:1']), cache.epoch)).toBeDefined()
  })

  it('expires entries after their maximum age', async () => {
    let now = 1_000
    const cache = createPageCache({ maxAgeMs: 100, now: () => now })
    await cache.store('story', page('s', ['article:1']), cache.epoch)
    now = 1_099
    expect(cache.lookup('story')).toBeDefined()
    now = 1_100
    expect(cache.lookup('story')).toBeUndefined()
    expect(cache.keysFor('article:1')).toEqual([])
  })

  it('stays within its byte bound, dropping evicted entries from the key index', async () => {
    const cache = createPageCache({ maxBytes: 5_000 })
    for (let i = 0; i < 10; i++)
      await cache.store(`p${i}`, page(`<p>${i}${'x'.repeat(30)}</p>`, ['home']), cache.epoch)
    const stats = cache.stats()
    expect(stats.bytes).toBeLessThanOrEqual(5_000)
    expect(stats.entries).toBeLessThan(10)
    expect(cache.keysFor('home')).toHaveLength(stats.entries)
    expect(cache.has('p9')).toBe(true)
    expect(cache.has('p0')).toBe(false)
  })
})
