// The editor island's script and stylesheet. The script is bundled from src/articles/editor/ with
// esbuild the first time an editor page is asked for (no build step, no committed output), kept in
// memory for the life of the app and served under a content-hashed URL with a one-year cache.
// If the bundle cannot be built (esbuild missing in a production-only install), the editor page
// is served without it: the plain HTML textarea still works.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.ts'
import type { EditorAssetUrls } from './story-editor-page.tsx'

const ASSET_PREFIX = '/admin/assets/editor/'

interface Asset {
  name: string
  type: string
  body: Buffer
}

function hashed(base: string, ext: string, body: Buffer): string {
  return `${base}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`
}

async function bundleIsland(): Promise<Buffer> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./editor/editor-island.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (!output) throw new Error('esbuild produced no output')
  return Buffer.from(output.contents)
}

export interface EditorAssets {
  urls(): Promise<EditorAssetUrls>
}

/** Registered inside the /admin plugin; returns what the editor pages need to link the assets. */
export function registerEditorAssets(admin: FastifyInstance, ctx: AppContext): EditorAssets {
  const cssBody = readFileSync(new URL('./editor/editor.css', import.meta.url))
  const css: Asset = {
    name: hashed('editor', 'css', cssBody),
    type: 'text/css; charset=utf-8',
    body: cssBody,
  }
  // Built once per app, on first use; a failed build is remembered so it is not retried per request.
  let script: Promise<Asset | undefined> | undefined
  const loadScript = (): Promise<Asset | undefined> => {
    script ??= bundleIsland().then(
      (body) => ({ name: hashed('editor', 'js', body), type: 'text/javascript; charset=utf-8', body }),
      (error: unknown) => {
        ctx.log.error({ err: error }, 'the story editor script could not be built; the plain form is served')
        return undefined
      },
    )
    return script
  }

  admin.get('/assets/editor/:file', { config: { capability: 'public' } }, async (request, reply) => {
    const { file } = request.params as { file: string }
    const asset = file.endsWith('.js') ? await loadScript() : css
    if (!asset || asset.name !== file) return reply.callNotFound()
    return reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset.body)
  })

  return {
    async urls() {
      const built = await loadScript()
      return {
        scriptUrl: built ? ASSET_PREFIX + built.name : undefined,
        stylesheetUrl: ASSET_PREFIX + css.name,
      }
    },
  }
}
