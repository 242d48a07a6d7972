import { describe, expect, it } from 'vitest'
import { createRememberedReads } from './remembered-reads.ts'

describe('reads remembered per key', () => {
  it('counts once for callers at the same time and remembers the count for its lifetime', async () => {
    const counts = createRememberedReads<number>(60_000, 100)
    let runs = 0
    const count = async () => {
      runs++
      return 42
    }
    const [a, b] = await Promise.all([counts.get('latest', 0, count), counts.get('latest', 10, count)])
    expect([a, b, runs]).toEqual([42, 42, 1])
    expect(await counts.get('latest', 59_999, count)).toBe(42)
    expect(runs).toBe(1)
    expect(await counts.get('latest', 60_000, count)).toBe(42)
    expect(runs).toBe(2)
    expect(await counts.get('section 3', 60_000, count)).toBe(42)
    expect(runs).toBe(3)
  })

  it('forgets everything when cleared, and never remembers a failed count', async () => {
    const counts = createRememberedReads<number>(60_000, 100)
    let value = 1
    const count = async () => value
    expect(await counts.get('latest', 0, count)).toBe(1)
    value = 2
    expect(await counts.get('latest', 1, count)).toBe(1)
    counts.clear()
    expect(await counts.get('latest', 2, count)).toBe(2)
    const failing = counts.get('tag 7', 3, async () => {
      throw new Error('database gone')
    })
    await expect(failing).rejects.toThrow('database gone')
    expect(await counts.get('tag 7', 4, count)).toBe(2)
  })
})

describe('a full memory', () => {
  it('starts afresh rather than growing past its bound', async () => {
    const reads = createRememberedReads<number>(60_000, 2)
    let runs = 0
    const count = async () => ++runs
    await reads.get('a', 0, count)
    await reads.get('b', 0, count)
    expect(await reads.get('a', 1, count)).toBe(1)
    await reads.get('c', 1, count)
    // Adding a third key forgot the first two.
    expect(await reads.get('a', 2, count)).toBe(4)
  })
})
