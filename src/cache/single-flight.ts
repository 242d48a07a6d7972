// Single flight: while one caller computes the value for a key, later callers for the same key wait
// for that result instead of computing it again. A story that goes viral is rendered once, not
// once per reader who arrived in the same millisecond.

export interface SingleFlight<T> {
  /** Runs `work` unless a run for `key` is already in flight, in which case it shares that one. */
  run(key: string, work: () => Promise<T>): Promise<T>
  /**
   * For work that starts and ends in different places (a request's hooks): the first caller gets
   * `leader` with settle(), the others get the promise of the leader's value.
   */
  join(key: string): { isLeader: true; settle(value: T): void } | { isLeader: false; result: Promise<T> }
  readonly inFlight: number
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, Promise<T>>()

  const join: SingleFlight<T>['join'] = (key) => {
    const existing = flights.get(key)
    if (existing) return { isLeader: false, result: existing }
    let resolve!: (value: T) => void
    const promise = new Promise<T>((r) => {
      resolve = r
    })
    flights.set(key, promise)
    let isSettled = false
    return {
      isLeader: true,
      settle(value) {
        if (isSettled) return
        isSettled = true
        // Only forget the flight if it is still ours (it always is: keys are only set here).
        if (flights.get(key) === promise) flights.delete(key)
        resolve(value)
      },
    }
  }

  return {
    async run(key, work) {
      const existing = flights.get(key)
      if (existing) return existing
      const promise = work().finally(() => {
        if (flights.get(key) === promise) flights.delete(key)
      })
      flights.set(key, promise)
      return promise
    },
    join,
    get inFlight() {
      return flights.size
    },
  }
}
