// A least-recently-used map bounded by the bytes of its values rather than by their number: pages
// differ in size by a factor of ten, and memory is what a small server runs out of.
// A Map keeps insertion order, so re-inserting on every read makes its first key the least
// recently used one.

export interface ByteLru<V> {
  get(key: string): V | undefined
  /** Stores the value; returns false (and stores nothing) when it alone exceeds the bound. */
  set(key: string, value: V, bytes: number): boolean
  delete(key: string): boolean
  has(key: string): boolean
  keys(): IterableIterator<string>
  readonly size: number
  readonly bytes: number
  readonly maxBytes: number
}

export function createByteLru<V>(
  maxBytes: number,
  onEvict: (key: string, value: V) => void = () => {},
): ByteLru<V> {
  const entries = new Map<string, { value: V; bytes: number }>()
  let totalBytes = 0

  const remove = (key: string): { value: V; bytes: number } | undefined => {
    const entry = entries.get(key)
    if (!entry) return undefined
    entries.delete(key)
    totalBytes -= entry.bytes
    return entry
  }

  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      entries.delete(key)
      entries.set(key, entry)
      return entry.value
    },
    set(key, value, bytes) {
      const previous = remove(key)
      if (previous) onEvict(key, previous.value)
      if (bytes > maxBytes) return false
      entries.set(key, { value, bytes })
      totalBytes += bytes
      while (totalBytes > maxBytes) {
        const oldest = entries.keys().next()
        if (oldest.done) break
        const evicted = remove(oldest.value)
        if (evicted) onEvict(oldest.value, evicted.value)
      }
      return true
    },
    delete(key) {
      const entry = remove(key)
      if (!entry) return false
      onEvict(key, entry.value)
      return true
    },
    has: (key) => entries.has(key),
    keys: () => entries.keys(),
    get size() {
      return entries.size
    },
    get bytes() {
      return totalBytes
    },
    maxBytes,
  }
}
