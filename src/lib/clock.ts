/** The time source, passed in so that tests can set "now". */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
