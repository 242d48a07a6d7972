// The app as `dateline static build` and `dateline mirror export` use it: built, never listening,
// without a page cache (every page is rendered once), without live static publishing (the command
// writes the folder itself) and without counting views.
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import type { AppContext } from '../context.ts'
import type { ViewCounter } from '../most-read/view-counter.ts'

const NO_VIEWS: ViewCounter = { record() {}, flush: async () => {}, stop: async () => {} }

export async function withOfflineApp<T>(
  ctx: AppContext,
  run: (app: FastifyInstance) => Promise<T>,
): Promise<T> {
  const { staticDir: _staticDir, ...config } = ctx.config
  const app = await buildApp({ ...ctx, config }, { pageCache: false, viewCounter: NO_VIEWS })
  try {
    await app.ready()
    return await run(app)
  } finally {
    await app.close()
  }
}
