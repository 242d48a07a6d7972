import { describe, expect, it } from 'vitest'
import { createViewCounter, type ViewCount } from './view-counter.ts'

describe('createViewCounter', () => {
  it('adds views per story and day and writes them in one batch', async () => {
    const written: ViewCount[][] = []
    const counter = createViewCounter({
      write: async (c) => void written.push(c),
      onError: () => {},
      intervalMs: 0,
    })
    counter.record(1, '2026-11-27')
    counter.record(1, '2026-11-27')
    counter.record(2, '2026-11-27')
    counter.record(1, '2026-11-28')
    await counter.flush()
    expect(written).toEqual([
      [
        { articleId: 1, day: '2026-11-27', count: 2 },
        { articleId: 2, day: '2026-11-27', count: 1 },
        { articleId: 1, day: '2026-11-28', count: 1 },
      ],
    ])
    await counter.flush()
    expect(written).toHaveLength(1)
  })

  it('keeps memory bounded', async () => {
    const written: ViewCount[][] = []
    const counter = createViewCounter({
      write: async (c) => void written.push(c),
      onError: () => {},
      intervalMs: 0,
      maxKeys: 2,
    })
    counter.record(1, 'd')
    counter.record(2, 'd')
    counter.record(3, 'd')
    await counter.stop()
    expect(written.flat().map((c) => c.articleId)).toEqual([1, 2])
  })

  it('reports a failed write and goes on', async () => {
    const errors: unknown[] = []
    let fail = true
    const written: ViewCount[][] = []
    const counter = createViewCounter({
      write: async (c) => {
        if (fail) throw new Error('database down')
        written.push(c)
      },
      onError: (e) => errors.push(e),
      intervalMs: 0,
    })
    counter.record(1, 'd')
    await counter.flush()
    fail = false
    counter.record(2, 'd')
    await counter.stop()
    expect(errors).toHaveLength(1)
    expect(written).toEqual([[{ articleId: 2, day: 'd', count: 1 }]])
  })
})
