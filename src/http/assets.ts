// The site's static assets — the stylesheet, the Dari/Pashto font files and the offline-reading
// script — served from memory with a content hash in their URLs, so browsers (and the service
// worker, src/offline/service-worker.js) may keep them for a year and still see a new version at once.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { negotiateEncoding } from '../cache/cache-key.ts'

interface HashedAsset {
  /** The file name in the URL: `<name>.<hash>.<ext>`. */
  file: string
  contentType: string
  body: Buffer
  /** Text assets travel compressed; WOFF2 is compressed already. */
  isText: boolean
  /** Made at the first request for the asset, not at start-up (brotli at 11 is slow to make). */
  compressed?: { brotli: Buffer; gzip: Buffer }
}

function contentHash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12)
}

function hashedAsset(
  name: string,
  ext: string,
  contentType: string,
  body: Buffer,
  isText: boolean,
): HashedAsset {
  return { file: `${name}.${contentHash(body)}.${ext}`, contentType, body, isText }
}

/**
 * Compressed once, at the first request for the asset: the stylesheet is most of a first visit's
 * bytes (~15 KB raw, ~4 KB brotli), and readers on metered connections pay for every one of them.
 * Not at start-up, where brotli at its best quality cost ~40 ms before the first page.
 */
function compressedForms(asset: HashedAsset): { brotli: Buffer; gzip: Buffer } {
  asset.compressed ??= {
    brotli: brotliCompressSync(asset.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(asset.body, { level: 9 }),
  }
  return asset.compressed
}

const resolvePackageFile = createRequire(import.meta.url).resolve
/** The font files fonts.css names, by the name it uses: the arabic subset, regular and bold. */
const fonts = new Map(
  ([400, 700] as const).map((weight) => {
    const name = `vazirmatn-arabic-${weight}`
    const body = readFileSync(resolvePackageFile(`@fontsource/vazirmatn/files/${name}-normal.woff2`))
    return [`${name}.woff2`, hashedAsset(name, 'woff2', 'font/woff2', body, false)]
  }),
)

/** site.css, then the font rules with each url() pointing at the font's hashed address. */
function buildStylesheet(): Buffer {
  const site = readFileSync(new URL('../views/assets/site.css', import.meta.url), 'utf8')
  const fontRules = readFileSync(new URL('../views/assets/fonts.css', import.meta.url), 'utf8').replace(
    /url\(([a-z0-9-]+\.woff2)\)/g,
    (_url, name: string) => {
      const font = fonts.get(name)
      if (!font) throw new Error(`fonts.css names ${name}, which assets.ts does not serve`)
      return `url(/assets/${font.file})`
    },
  )
  return Buffer.from(`${site}\n${fontRules}`)
}

const stylesheet = hashedAsset('site', 'css', 'text/css; charset=utf-8', buildStylesheet(), true)
const offlineScript = hashedAsset(
  'offline',
  'js',
  'text/javascript; charset=utf-8',
  readFileSync(new URL('../offline/register-service-worker.js', import.meta.url)),
  true,
)
const favicon = readFileSync(new URL('../views/assets/favicon.svg', import.meta.url))

const assetsByFile = new Map<string, HashedAsset>(
  [stylesheet, offlineScript, ...fonts.values()].map((asset) => [asset.file, asset]),
)

export function stylesheetUrl(): string {
  return `/assets/${stylesheet.file}`
}

/** The Vazirmatn files right-to-left pages may use (the service worker keeps them once fetched). */
export function fontUrls(): string[] {
  return [...fonts.values()].map((font) => `/assets/${font.file}`)
}

/** The deferred script that registers the offline-reading service worker (src/offline/). */
export function offlineScriptUrl(): string {
  return `/assets/${offlineScript.file}`
}

/** A hash of every asset, so the service worker changes (and updates) when any of them does. */
export function assetsVersion(): string {
  return contentHash(Buffer.from([...assetsByFile.keys()].sort().join('\n')))
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
    const asset = assetsByFile.get(file)
    if (!asset) {
      // A page cached before a deploy still names the old stylesheet: send it to the new one.
      if (/^site\.[0-9a-f]{12}\.css$/.test(file)) return reply.redirect(stylesheetUrl(), 302)
      return reply.callNotFound()
    }
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
    if (!asset.isText) return reply.send(asset.body)
    reply.header('vary', 'Accept-Encoding')
    const encoding = negotiateEncoding(request.headers['accept-encoding'])
    if (encoding === 'identity') return reply.send(asset.body)
    const forms = compressedForms(asset)
    return reply.header('content-encoding', encoding).send(encoding === 'br' ? forms.brotli : forms.gzip)
  })
}
