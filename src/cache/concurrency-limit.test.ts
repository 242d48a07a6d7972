import { describe, expect, it } from 'vitest'
import { createConcurrencyLimit } from './concurrency-limit.ts'

describe('concurrency limit', () => {
  it('lets at most `max` run and hands slots on in arrival order', async () => {
    const limit = createConcurrencyLimit(2)
    const order: string[] = []
    const a = await limit.acquire()
    const b = await limit.acquire()
    const c = limit.acquire().then((release) => {
      order.push('c')
      return release
    })
    const d = limit.acquire().then((release) => {
      order.push('d')
      return release
    })
    expect(limit.active).toBe(2)
    expect(limit.waiting).toBe(2)
    a()
    a() // releasing twice frees one slot only
    const releaseC = await c
    expect(order).toEqual(['c'])
    b()
    ;(await d)()
    releaseC()
    expect(order).toEqual(['c', 'd'])
    expect(limit.active).toBe(0)
  })
})
