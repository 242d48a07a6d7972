// The site's stylesheet, served from memory with a content hash in its URL so browsers may keep it
// for a year and still see a new version at once.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { negotiateEncoding } from '../cache/cache-key.ts'

const css = readFileSync(new URL('../views/assets/site.css', import.meta.url))
const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 12)
// Compressed once at start-up: the stylesheet is most of a first visit's bytes (~14 KB raw, ~4 KB
// brotli), and readers on metered connections pay for every one of them.
const cssBrotli = brotliCompressSync(css, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
const cssGzip = gzipSync(css, { level: 9 })
const favicon = readFileSync(new URL('../views/assets/favicon.svg', import.meta.url))

export function stylesheetUrl(): string {
  return `/assets/site.${cssHash}.css`
}

export function registerAssetRoutes(app: FastifyInstance): void {
  // Every page names /favicon.svg; browsers that still ask for /favicon.ico get an empty answer
  // they may keep, rather than a 404 round trip on every visit over a slow connection.
  app.get('/favicon.svg', async (_request, reply) =>
    reply
      .header('content-type', 'image/svg+xml')
      .header('cache-control', 'public, max-age=604800')
      .send(favicon),
  )
  app.get('/favicon.ico', async (_request, reply) =>
    reply.status(204).header('cache-control', 'public, max-age=604800').send(),
  )
  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string }
    if (file !== `site.${cssHash}.css`) {
      if (/^site\.[0-9a-f]{12}\.css$/.test(file)) return reply.redirect(stylesheetUrl(), 302)
      return reply.callNotFound()
    }
    const encoding = negotiateEncoding(request.headers['accept-encoding'])
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding')
    if (encoding === 'identity') return reply.send(css)
    return reply.header('content-encoding', encoding).send(encoding === 'br' ? cssBrotli : cssGzip)
  })
}
