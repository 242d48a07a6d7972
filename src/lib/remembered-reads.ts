// Reads remembered per app and per key for a while: "Most read" lists (per language, day and
// length), listings' counts (per filter). Like remembered-read.ts, for many keys: concurrent
// callers of one key share one read, a failed read is not remembered, and the owner clears
// everything when what was read may have changed (a content event, views written).

export interface RememberedReads<T> {
  /** The remembered value, if fresh; `load` runs (once, shared by concurrent callers) otherwise. */
  get(key: string, now: number, load: () => Promise<T>): Promise<T>
  clear(): void
}

/** At most `maxKeys` keys: when full, it starts afresh rather than tracking which is oldest. */
export function createRememberedReads<T>(maxAgeMs: number, maxKeys: number): RememberedReads<T> {
  const reads = new Map<string, { value: Promise<T>; at: number }>()
  return {
    get(key, now, load) {
      const entry = reads.get(key)
      if (entry && now - entry.at < maxAgeMs) return entry.value
      if (reads.size >= maxKeys) reads.clear()
      const current = { value: load(), at: now }
      reads.set(key, current)
      current.value.catch(() => {
        if (reads.get(key) === current) reads.delete(key)
      })
      return current.value
    },
    clear() {
      reads.clear()
    },
  }
}
