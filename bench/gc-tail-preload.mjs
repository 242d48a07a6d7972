// Loaded into the bench server by bench/gc-tail.ts (node --import): records, in the server's own
// clock, when each HTTP request started and how long it took, and every garbage collection (kind
// and pause), and sends both to the parent when asked ({ type: 'gc-tail' }).
import http from 'node:http'
import { PerformanceObserver } from 'node:perf_hooks'

const collections = []
const requests = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    collections.push({ start: entry.startTime, ms: entry.duration, kind: entry.detail?.kind ?? 0 })
  }
}).observe({ entryTypes: ['gc'] })

const emit = http.Server.prototype.emit
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'request') {
    const response = args[1]
    const start = performance.now()
    response.on('finish', () => requests.push({ start, ms: performance.now() - start }))
  }
  return emit.call(this, event, ...args)
}

process.on('message', (message) => {
  if (message?.type === 'gc-tail') process.send?.({ type: 'gc-tail', collections, requests })
})
