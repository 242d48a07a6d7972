import { describe, expect, it } from 'vitest'
import { createSingleFlight } from './single-flight.ts'

describe('single flight', () => {
  it('runs concurrent work for one key once and gives every caller its result', async () => {
    const flight = createSingleFlight<number>()
    let runs = 0
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const work = async () => {
      runs++
      await gate
      return 42
    }
    const calls = [flight.run('k', work), flight.run('k', work), flight.run('k', work)]
    expect(flight.inFlight).toBe(1)
    release()
    expect(await Promise.all(calls)).toEqual([42, 42, 42])
    expect(runs).toBe(1)
    expect(flight.inFlight).toBe(0)
  })

  it('runs different keys independently, and a key again once its flight has landed', async () => {
    const flight = createSingleFlight<string>()
    let runs = 0
    const work = (value: string) => async () => {
      runs++
      return value
    }
    expect(await Promise.all([flight.run('a', work('A')), flight.run('b', work('B'))])).toEqual(['A', 'B'])
    expect(await flight.run('a', work('A2'))).toBe('A2')
    expect(runs).toBe(3)
  })

  it('shares a failure with the waiters and forgets the key afterwards', async () => {
    const flight = createSingleFlight<number>()
    const failing = async () => {
      throw new Error('render failed')
    }
    const results = await Promise.allSettled([flight.run('k', failing), flight.run('k', failing)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(await flight.run('k', async () => 1)).toBe(1)
  })

  it('join: the first caller leads, the others wait for what it settles', async () => {
    const flight = createSingleFlight<string>()
    const leader = flight.join('k')
    const follower = flight.join('k')
    expect(leader.isLeader).toBe(true)
    expect(follower.isLeader).toBe(false)
    if (!leader.isLeader || follower.isLeader) return
    leader.settle('done')
    leader.settle('ignored')
    expect(await follower.result).toBe('done')
    expect(flight.join('k').isLeader).toBe(true)
  })
})
