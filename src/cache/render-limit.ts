// A limit on renders in flight. Renders interleave at every database await, so without a limit a
// spike of cold URLs makes every one of them finish late (and hold its memory) at once; with one,
// they finish one after another, get cached, and the readers behind them are served from memory.

export interface RenderLimit {
  /** Resolves with a release function once a slot is free. */
  acquire(): Promise<() => void>
  readonly active: number
  readonly waiting: number
}

export function createRenderLimit(max: number): RenderLimit {
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
