// A limit on work in flight, handed on in arrival order. Used for renders (they interleave at every
// database await, so without a limit a spike of cold URLs makes every one of them finish late and
// hold its memory at once; with one, they finish one after another, get cached, and the readers
// behind them are served from memory) and for the page cache's compressions (each holds a native
// encoder's buffers while it waits for the thread pool).

export interface ConcurrencyLimit {
  /** Resolves with a release function once a slot is free. */
  acquire(): Promise<() => void>
  readonly active: number
  readonly waiting: number
}

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  let active = 0
  const queue: (() => void)[] = []
  const release = (): void => {
    const next = queue.shift()
    if (next) next()
    else active--
  }
  return {
    acquire() {
      let isReleased = false
      const once = () => {
        if (isReleased) return
        isReleased = true
        release()
      }
      if (active < max) {
        active++
        return Promise.resolve(once)
      }
      // The slot passes straight to the next waiter, so `active` stays the same.
      return new Promise((resolve) => queue.push(() => resolve(once)))
    },
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
  }
}
