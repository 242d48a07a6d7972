// Views are counted in memory and written every few seconds, and when the app closes, as one
// upsert: a beacon request then costs a Map update, not a write transaction (SQLite has one
// writer, which the newsroom's saves must not queue behind). Several instances each add their own
// counts. Memory is bounded: past maxKeys distinct (story, day) pairs, new pairs wait for the
// next flush and their views are dropped — these are statistics, not records.

export interface ViewCount {
  articleId: number
  /** "2026-11-27" in the site's time zone. */
  day: string
  count: number
}

export interface ViewCounter {
  record(articleId: number, day: string): void
  /** Writes what has been counted so far. */
  flush(): Promise<void>
  /** Stops the timer and writes the rest. */
  stop(): Promise<void>
}

export interface ViewCounterOptions {
  write(counts: ViewCount[]): Promise<void>
  onError(error: unknown): void
  /** Default 5 seconds; 0 for no timer (flush by hand, as tests do). */
  intervalMs?: number
  maxKeys?: number
}

export function createViewCounter(options: ViewCounterOptions): ViewCounter {
  const maxKeys = options.maxKeys ?? 10_000
  let pending = new Map<string, ViewCount>()
  let writing: Promise<void> = Promise.resolve()

  const flush = (): Promise<void> => {
    if (pending.size === 0) return writing
    const batch = [...pending.values()]
    pending = new Map()
    // One write at a time, in order: a slow flush is never overtaken by the next.
    writing = writing.then(() => options.write(batch)).catch(options.onError)
    return writing
  }

  const intervalMs = options.intervalMs ?? 5_000
  const timer = intervalMs > 0 ? setInterval(() => void flush(), intervalMs) : undefined
  // The timer must not keep a process alive that has nothing else to do (the CLI, tests).
  timer?.unref()

  return {
    record(articleId, day) {
      const key = `${articleId}:${day}`
      const entry = pending.get(key)
      if (entry) {
        entry.count += 1
        return
      }
      if (pending.size >= maxKeys) {
        void flush()
        return
      }
      pending.set(key, { articleId, day, count: 1 })
    },
    flush,
    async stop() {
      if (timer) clearInterval(timer)
      await flush()
    },
  }
}
