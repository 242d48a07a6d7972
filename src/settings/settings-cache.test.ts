import { describe, expect, it } from 'vitest'
import { createSettingsCache, SETTINGS_CACHE_MS, type StoredSettings } from './settings-cache.ts'

const stored = (version: string): StoredSettings => ({ values: new Map([['site_name', 'X']]), version })

describe('settings cache', () => {
  it('reads once while fresh, shares one read between concurrent callers, and reads again once cleared', async () => {
    let now = 0
    let reads = 0
    const cache = createSettingsCache(() => now)
    const load = async () => stored(String(++reads))
    const [a, b] = await Promise.all([cache.get(load), cache.get(load)])
    expect(a.version).toBe('1')
    expect(b.version).toBe('1')
    now += SETTINGS_CACHE_MS - 1
    expect((await cache.get(load)).version).toBe('1')
    cache.clear()
    expect((await cache.get(load)).version).toBe('2')
  })

  it('bounds how stale another instance’s save can be', async () => {
    let now = 0
    let reads = 0
    const cache = createSettingsCache(() => now)
    const load = async () => stored(String(++reads))
    await cache.get(load)
    now += SETTINGS_CACHE_MS
    expect((await cache.get(load)).version).toBe('2')
  })

  it('does not remember a failed read', async () => {
    const cache = createSettingsCache(() => 0)
    await expect(cache.get(async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down')
    expect((await cache.get(async () => stored('7'))).version).toBe('7')
  })

  it('peeks without waiting only at a loaded, fresh read (the page cache front door)', async () => {
    let now = 0
    const cache = createSettingsCache(() => now)
    expect(cache.peek()).toBeUndefined()
    const reading = cache.get(async () => stored('1'))
    expect(cache.peek()).toBeUndefined()
    await reading
    expect(cache.peek()?.version).toBe('1')
    now += SETTINGS_CACHE_MS
    expect(cache.peek()).toBeUndefined()
    await cache.get(async () => stored('2'))
    expect(cache.peek()?.version).toBe('2')
    cache.clear()
    expect(cache.peek()).toBeUndefined()
  })
})
