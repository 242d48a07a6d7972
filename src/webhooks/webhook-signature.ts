// The webhook signature scheme (docs/webhooks.md): HMAC-SHA256, keyed with the webhook's secret,
// over "<timestamp>.<raw body>", sent as `X-Dateline-Signature: sha256=<hex>` beside
// `X-Dateline-Timestamp: <unix seconds>`. Signing the timestamp lets receivers refuse replays.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-dateline-signature'
export const TIMESTAMP_HEADER = 'x-dateline-timestamp'

export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** What a receiver does (and the tests do): recompute, compare in constant time, check the age. */
export function verifyWebhookSignature(input: {
  secret: string
  body: string
  signature: string
  timestamp: string
  nowSeconds: number
  toleranceSeconds?: number
}): boolean {
  const timestamp = Number(input.timestamp)
  if (!/^\d{1,12}$/.test(input.timestamp)) return false
  if (Math.abs(input.nowSeconds - timestamp) > (input.toleranceSeconds ?? 300)) return false
  const expected = Buffer.from(signWebhookBody(input.secret, timestamp, input.body))
  const given = Buffer.from(input.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
