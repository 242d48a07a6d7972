// The admin's own stylesheet, kept apart from the public site's so readers never download it.
// Served from memory with a content hash in its URL, like src/http/assets.ts.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

const css = readFileSync(new URL('./assets/admin.css', import.meta.url))
const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 12)

export function adminStylesheetUrl(): string {
  return `/admin/assets/admin.${cssHash}.css`
}

/** Registered inside the /admin plugin. */
export function registerAdminAssetRoutes(admin: FastifyInstance): void {
  admin.get('/assets/:file', { config: { capability: 'public' } }, async (request, reply) => {
    const { file } = request.params as { file: string }
    if (file !== `admin.${cssHash}.css`) {
      if (/^admin\.[0-9a-f]{12}\.css$/.test(file)) return reply.redirect(adminStylesheetUrl(), 302)
      return reply.callNotFound()
    }
    return reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(css)
  })
}
