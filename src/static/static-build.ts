// `dateline static build <dir>`: every public page of the site, in every language, as files with
// .gz and .br beside them. Safe to run again and while the site serves: unchanged files are left
// alone, changed ones replaced atomically, pages that are gone removed.
import type { AppContext } from '../context.ts'
import type { FileSystemOps } from './atomic-files.ts'
import { withOfflineApp } from './offline-app.ts'
import { allSeedPaths } from './static-inventory.ts'
import { createStaticPublisher, type PublishReport } from './static-publisher.ts'
import { appRenderer } from './static-renderer.ts'

export async function buildStaticFolder(
  ctx: AppContext,
  folder: string,
  options: { fileSystem?: FileSystemOps } = {},
): Promise<PublishReport> {
  return withOfflineApp(ctx, async (app) => {
    const publisher = createStaticPublisher({
      folder,
      render: appRenderer(app, ctx.config.siteUrl),
      ...(options.fileSystem ? { fileSystem: options.fileSystem } : {}),
    })
    return publisher.publishAll(await allSeedPaths(ctx))
  })
}
