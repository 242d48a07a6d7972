// Seeded randomness, so the demo newsroom comes out the same on every run and tests can count on it.

export type Random = () => number

/** mulberry32: a tiny, well-known 32-bit PRNG; plenty for choosing demo content. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
