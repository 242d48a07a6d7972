import { describe, expect, it } from 'vitest'
import { createByteLru } from './byte-lru.ts'

describe('byte-bounded LRU', () => {
  it('keeps the total size of its values within the bound', () => {
    const lru = createByteLru<string>(100)
    lru.set('a', 'A', 40)
    lru.set('b', 'B', 40)
    expect(lru.bytes).toBe(80)
    lru.set('c', 'C', 40)
    expect(lru.bytes).toBe(80)
    expect(lru.size).toBe(2)
    expect(lru.has('a')).toBe(false)
  })

  it('evicts the least recently used entry first, a read counting as a use', () => {
    const evicted: string[] = []
    const lru = createByteLru<string>(30, (key) => evicted.push(key))
    lru.set('a', 'A', 10)
    lru.set('b', 'B', 10)
    lru.set('c', 'C', 10)
    expect(lru.get('a')).toBe('A')
    lru.set('d', 'D', 10)
    expect(evicted).toEqual(['b'])
    lru.set('e', 'E', 20)
    expect(evicted).toEqual(['b', 'c', 'a'])
    expect([...lru.keys()]).toEqual(['d', 'e'])
  })

  it('refuses a value larger than the whole bound and keeps what it had', () => {
    const lru = createByteLru<string>(50)
    lru.set('a', 'A', 20)
    expect(lru.set('huge', 'H', 51)).toBe(false)
    expect(lru.has('huge')).toBe(false)
    expect(lru.get('a')).toBe('A')
  })

  it('replacing a key frees the old size and reports the old value as evicted', () => {
    const evicted: string[] = []
    const lru = createByteLru<string>(100, (key, value) => evicted.push(`${key}=${value}`))
    lru.set('a', 'old', 60)
    lru.set('a', 'new', 30)
    expect(lru.bytes).toBe(30)
    expect(lru.get('a')).toBe('new')
    expect(evicted).toEqual(['a=old'])
    expect(lru.delete('a')).toBe(true)
    expect(lru.bytes).toBe(0)
    expect(lru.delete('a')).toBe(false)
  })
})
