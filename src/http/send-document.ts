// Sending a feed, a sitemap or robots.txt: like sendPage, cached by surrogate keys, plus
// Last-Modified and an answer of 304 to If-Modified-Since (feed readers poll with it). ETags and
// If-None-Match are handled for every response by @fastify/etag and the page cache.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { surrogateKeyHeader } from '../cache/surrogate-keys.ts'
import { isNotModifiedSince } from '../lib/conditional-get.ts'
import { PUBLIC_PAGE_CACHE_CONTROL } from './site-pages.ts'

export interface DocumentOptions {
  body: string
  contentType: string
  /** The newest change the document shows (ISO UTC), sent as Last-Modified. */
  lastModified?: string
  surrogateKeys: readonly string[]
}

export function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  options: DocumentOptions,
): FastifyReply {
  reply.header('content-type', options.contentType).header('cache-control', PUBLIC_PAGE_CACHE_CONTROL)
  if (options.lastModified !== undefined)
    reply.header('last-modified', new Date(options.lastModified).toUTCString())
  // If-None-Match, when sent, takes precedence (RFC 9110 §13.2.2).
  if (
    request.headers['if-none-match'] === undefined &&
    isNotModifiedSince(request.headers['if-modified-since'], options.lastModified)
  ) {
    return reply.status(304).send()
  }
  reply.header('surrogate-key', surrogateKeyHeader(options.surrogateKeys))
  return reply.status(200).send(options.body)
}
