// A read remembered per app for a while: the site's settings, its sections. Pages ask for them many
// times each, and they change only when the newsroom edits them; the writer clears the memory at
// once, and the time bound covers a change made by another instance (or by a CLI process).

export interface RememberedRead<T> {
  /** The remembered value, if fresh; `load` runs (once, shared by concurrent callers) otherwise. */
  get(load: () => Promise<T>): Promise<T>
  /**
   * The remembered value when it is loaded and fresh, without waiting: for the page cache's front
   * door (src/cache/cache-front-door.ts), which answers before any await. Undefined otherwise.
   */
  peek(): T | undefined
  clear(): void
}

export function createRememberedRead<T>(maxAgeMs: number, now: () => number = Date.now): RememberedRead<T> {
  let entry: { value: Promise<T>; loadedAt: number; loaded?: T } | undefined
  return {
    get(load) {
      if (entry && now() - entry.loadedAt < maxAgeMs) return entry.value
      const value = load()
      const current: NonNullable<typeof entry> = { value, loadedAt: now() }
      entry = current
      value.then(
        (loaded) => {
          current.loaded = loaded
        },
        // A failed read is not remembered: the next caller tries again.
        () => {
          if (entry === current) entry = undefined
        },
      )
      return value
    },
    peek() {
      return entry && now() - entry.loadedAt < maxAgeMs ? entry.loaded : undefined
    },
    clear() {
      entry = undefined
    },
  }
}
