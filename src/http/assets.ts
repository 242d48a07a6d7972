// The site's stylesheet, served from memory with a content hash in its URL so browsers may keep it
// for a year and still see a new version at once.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

const css = readFileSync(new URL('../views/assets/site.css', import.meta.url))
const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 12)

export function stylesheetUrl(): string {
  return `/assets/site.${cssHash}.css`
}

export function registerAssetRoutes(app: FastifyInstance): void {
  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string }
    if (file !== `site.${cssHash}.css`) {
      if (/^site\.[0-9a-f]{12}\.css$/.test(file)) return reply.redirect(stylesheetUrl(), 302)
      return reply.callNotFound()
    }
    return reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(css)
  })
}
