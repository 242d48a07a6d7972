// GET /logo.png: the default publisher logo (structured data and feeds want a raster image a
// crawler can fetch) drawn from the favicon's mark, until the newsroom sets a logo of its own.
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { loadSharp } from '../lib/load-sharp.ts'
import { DEFAULT_LOGO_PATH, DEFAULT_LOGO_SIZE } from './publisher.ts'

export function registerLogoRoute(app: FastifyInstance): void {
  const svg = readFileSync(new URL('../views/assets/favicon.svg', import.meta.url))
  // Drawn once per app on first request, kept with the route (no module-level state).
  let png: Promise<Buffer> | undefined
  app.get(DEFAULT_LOGO_PATH, async (_request, reply) => {
    png ??= loadSharp()
      .then((sharp) =>
        sharp(svg, { density: 1200 }).resize(DEFAULT_LOGO_SIZE, DEFAULT_LOGO_SIZE).png().toBuffer(),
      )
      .catch((error: unknown) => {
        // A failed drawing is tried again on the next request rather than remembered.
        png = undefined
        throw error
      })
    return reply
      .header('content-type', 'image/png')
      .header('cache-control', 'public, max-age=604800')
      .send(await png)
  })
}
