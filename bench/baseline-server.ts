// The baseline: a bare node:http server answering every request with the same story bytes from
// memory. Whatever the app does beyond this is the cost we measure against.
import { readFileSync } from 'node:fs'
import http from 'node:http'

const body = readFileSync(process.env.BENCH_BASELINE_FILE ?? '')
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
  response.end(body)
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
