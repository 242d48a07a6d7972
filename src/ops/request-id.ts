// Request ids: every log line of a request carries one, and the response echoes it in
// X-Request-Id so that a reader's or a proxy's report can be matched with our logs. An incoming id
// (from a load balancer) is kept only when it is a short, safe token: anything else could forge or
// break log lines.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'

export const REQUEST_ID_HEADER = 'x-request-id'

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/

export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value)
}

/** Fastify's genReqId: the caller's id when safe, a new UUID otherwise. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER]
  return isSafeRequestId(incoming) ? incoming : randomUUID()
}

export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id)
  })
}
