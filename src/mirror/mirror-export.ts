// `dateline mirror export <dir | file.tar.gz> [--base-url URL]`: a complete, self-contained copy of
// the public site. Every page a reader can reach is rendered through the app as an anonymous
// reader sees it (so drafts, scheduled, withdrawn stories, the admin and anything behind a sign-in
// can never be in it), its links made relative (mirror-links.ts), and the assets and images it
// names copied beside it. Search works in the copy without a server (a small index per language
// and mirror-search.js). A second export into the same folder rewrites only what changed and
// removes what is gone (.dateline-mirror.json holds a hash per file), and reports the counts.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import type { AppContext } from '../context.ts'
import { buildChrome } from '../http/site-pages.ts'
import { localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import {
  assertWritableFolder,
  describeFileError,
  type FileSystemOps,
  realFileSystem,
  writeFileAtomically,
} from '../static/atomic-files.ts'
import { withOfflineApp } from '../static/offline-app.ts'
import { allSeedPaths } from '../static/static-inventory.ts'
import { fileForUrlPath, isTypeForFile, resolveInside } from '../static/static-paths.ts'
import { renderDocument } from '../views/render.ts'
import { relativeLink, rewriteCssUrls, rewriteHtmlLinks, siteTarget } from './mirror-links.ts'
import { MirrorSearchPage } from './mirror-search-page.tsx'

const MANIFEST_FILE = '.dateline-mirror.json'
const SEARCH_SCRIPT_FILE = 'assets/mirror-search.js'
const searchScript = await fs.readFile(new URL('./mirror-search.js', import.meta.url))

/** Addresses that are never part of a copy, whatever links to them. */
const NEVER_COPIED =
  /^(?:\/[a-z]{2})?\/(?:admin|api|search|preview|offline|lite-mode|sw\.js|healthz|readyz|metrics)(?:[/?]|$)/
/** Files other than pages: assets, images, the favicon and logo. Copied byte for byte (CSS rewritten). */
const ASSET_PATH = /^\/(?:assets|media)\/|^\/(?:favicon\.svg|logo\.png)$/
const SAFE_ASSET_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/

/**
 * Forms that only a server can answer, other than search (which the copy answers itself): the
 * lite-mode switch sets a cookie on the live site. A copy leaves them out.
 */
function withoutLiveOnlyForms(html: string): string {
  return html.replace(
    /<form\b[^>]*\saction="(?:[a-z]+:\/\/[^"/]+)?(?:\/[a-z]{2})?\/lite-mode[^"]*"[^>]*>[\s\S]*?<\/form>/g,
    '',
  )
}

export interface MirrorReport {
  target: string
  pages: number
  assets: number
  written: number
  unchanged: number
  removed: number
  failed: { path: string; reason: string }[]
  ms: number
}

export interface MirrorOptions {
  /** Where the copy will be served (an .onion address, a mirror host): feeds and sitemaps name it. */
  baseUrl?: string
  fileSystem?: FileSystemOps
}

function assetFile(urlPath: string): string | undefined {
  const segments = urlPath
    .slice(1)
    .split('/')
    .map((part) => {
      try {
        return decodeURIComponent(part)
      } catch {
        return ''
      }
    })
  return segments.every((segment) => SAFE_ASSET_SEGMENT.test(segment) && !segment.includes('..'))
    ? segments.join('/')
    : undefined
}

/** The language prefix of a site path ("" for the default language). */
function languageOf(urlPath: string, defaultLanguage: string): string {
  const code = /^\/([a-z]{2})\//.exec(urlPath)?.[1]
  return code && code !== defaultLanguage && (SITE_LANGUAGES as readonly string[]).includes(code)
    ? code
    : defaultLanguage
}

export async function exportMirror(
  ctx: AppContext,
  target: string,
  options: MirrorOptions = {},
): Promise<MirrorReport> {
  const isArchive = /\.(tar\.gz|tgz)$/.test(target)
  const folder = isArchive
    ? await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-mirror-'))
    : path.resolve(target)
  try {
    const report = await exportIntoFolder(ctx, folder, options)
    if (isArchive && report.failed.length === 0) {
      // Written beside the target and renamed: a failed export never leaves a truncated archive.
      const partial = `${target}.partial`
      await promisify(execFile)('tar', ['-czf', partial, '--exclude', MANIFEST_FILE, '-C', folder, '.'])
      await fs.rename(partial, target)
    }
    return { ...report, target }
  } finally {
    if (isArchive) await fs.rm(folder, { recursive: true, force: true })
  }
}

async function exportIntoFolder(
  ctx: AppContext,
  folder: string,
  options: MirrorOptions,
): Promise<MirrorReport> {
  const started = performance.now()
  const ops = options.fileSystem ?? realFileSystem
  await assertWritableFolder(ops, folder)
  const siteUrl = ctx.config.siteUrl
  const baseUrl = options.baseUrl?.replace(/\/+$/, '')
  const settings = await getSiteSettings(ctx)
  const previous = await readMirrorManifest(folder)
  const produced = new Map<string, string>()
  const report: MirrorReport = {
    target: folder,
    pages: 0,
    assets: 0,
    written: 0,
    unchanged: 0,
    removed: 0,
    failed: [],
    ms: 0,
  }

  const put = async (file: string, body: Buffer): Promise<void> => {
    const absolute = resolveInside(folder, file)
    if (!absolute) throw new Error(`refused: ${file} is outside the copy`)
    const hash = createHash('sha256').update(body).digest('hex')
    produced.set(file, hash)
    if (
      previous.get(file) === hash &&
      (await fs.stat(absolute).then(
        (s) => s.isFile(),
        () => false,
      ))
    ) {
      report.unchanged++
      return
    }
    await writeFileAtomically(ops, absolute, body)
    report.written++
  }

  await withOfflineApp(ctx, async (app) => {
    const queue: string[] = []
    const seen = new Set<string>()
    const enqueue = (urlPath: string): void => {
      if (!seen.has(urlPath)) {
        seen.add(urlPath)
        queue.push(urlPath)
      }
    }
    for (const seed of await allSeedPaths(ctx)) enqueue(seed)
    const pageFiles = new Map<string, string>()
    const pending = new Map<string, { file: string; body: string; kind: 'html' | 'text' }>()

    // First pass: render every page reachable from the seeds (links found in pages join the queue).
    for (let urlPath = queue.shift(); urlPath !== undefined; urlPath = queue.shift()) {
      if (NEVER_COPIED.test(urlPath)) continue
      if (ASSET_PATH.test(urlPath)) continue
      const file = fileForUrlPath(urlPath)
      if (!file) continue
      let response: Awaited<ReturnType<FastifyInstance['inject']>>
      try {
        response = await app.inject({ method: 'GET', url: urlPath })
      } catch (error) {
        report.failed.push({ path: urlPath, reason: describeFileError(error) })
        continue
      }
      const contentType = String(response.headers['content-type'] ?? '')
      if (response.statusCode !== 200 || !isTypeForFile(file, contentType)) continue
      const body = response.body
      pageFiles.set(urlPath, file)
      const isHtml = contentType.startsWith('text/html')
      pending.set(urlPath, { file, body, kind: isHtml ? 'html' : 'text' })
      if (isHtml) {
        rewriteHtmlLinks(body, (value, context) => {
          if (context.tag === 'link' && context.rel === 'canonical') return value
          const link = siteTarget(value, siteUrl)
          if (link.path !== undefined && link.query === '') enqueue(link.path)
          return value
        })
      } else if (urlPath === '/sitemap.xml') {
        for (const match of body.matchAll(/<loc>([^<]+)<\/loc>/g)) {
          const link = siteTarget(match[1] ?? '', siteUrl)
          if (link.path) enqueue(link.path)
        }
      }
    }

    // The copy's own search page in every language, and its index.
    const searchFiles = new Map<string, string>()
    for (const language of SITE_LANGUAGES) {
      const searchPath = localizedPath('/search', language, settings.defaultLanguage)
      if (![...pageFiles.keys()].some((p) => languageOf(p, settings.defaultLanguage) === language)) continue
      searchFiles.set(searchPath, `${searchPath.slice(1)}/index.html`)
    }

    const assets = new Set<string>()
    const fileForLink = (fromFile: string, value: string): string | undefined => {
      const link = siteTarget(value, siteUrl)
      if (link.path === undefined) return value
      const searchFile =
        searchFiles.get(link.path) ?? (link.path === '/search/' ? searchFiles.get('/search') : undefined)
      if (searchFile) return relativeLink(fromFile, searchFile) + link.fragment
      const pageFile = link.query === '' ? pageFiles.get(link.path) : undefined
      if (pageFile) return relativeLink(fromFile, pageFile) + link.fragment
      if (ASSET_PATH.test(link.path)) {
        const asset = assetFile(link.path)
        if (asset) {
          assets.add(link.path)
          return relativeLink(fromFile, asset)
        }
      }
      // A page the site links to but does not have (a listing not translated yet): the nearest
      // page above it that the copy has, so that the reader stays in the copy.
      if (link.query === '' && fileForUrlPath(link.path) !== undefined) {
        for (let parent = link.path; parent !== '/'; ) {
          parent = parent.replace(/[^/]+\/?$/, '')
          const found = pageFiles.get(parent)
          if (found) return relativeLink(fromFile, found)
        }
      }
      // Not in the copy (a query): the live site's address.
      return siteUrl + link.path + link.query + link.fragment
    }
    /** Alternates (translations, feeds) point only at what the copy has. */
    const isInCopy = (value: string): boolean => {
      const link = siteTarget(value, siteUrl)
      return link.path === undefined || (link.query === '' && pageFiles.has(link.path))
    }

    // Second pass: write each page with relative links.
    for (const [urlPath, page] of pending) {
      try {
        let body = page.body
        if (page.kind === 'html') {
          body = rewriteHtmlLinks(withoutLiveOnlyForms(body), (value, context) => {
            if (context.tag === 'link' && context.rel === 'canonical') return value
            // The "Most read" view beacon: a copy never reports its readers to anyone.
            if (context.tag === 'img' && /\/api\//.test(value)) return undefined
            if (context.tag === 'link' && context.rel === 'alternate' && !isInCopy(value)) return undefined
            // The offline-reading service worker belongs to the live site, not to a copy.
            if (context.tag === 'script' && /\/assets\/offline\./.test(value)) return undefined
            return fileForLink(page.file, value)
          })
        } else if (baseUrl) body = body.split(siteUrl).join(baseUrl)
        await put(page.file, Buffer.from(body))
        report.pages++
      } catch (error) {
        report.failed.push({ path: urlPath, reason: describeFileError(error) })
      }
    }

    // Search pages and indexes.
    const madeOn = ctx.clock.now().toISOString().slice(0, 10)
    for (const [searchPath, file] of searchFiles) {
      const language = languageOf(`${searchPath}/`, settings.defaultLanguage)
      try {
        const stories: { h: string; e: string; d: string; s: string; u: string }[] = []
        for (let page = 1; ; page++) {
          const result = await listPublishedSummaries(ctx, { language }, page, 500)
          for (const story of result.items) {
            const pageFile = pageFiles.get(localizedPath(story.url, language, settings.defaultLanguage))
            if (!pageFile) continue
            stories.push({
              h: story.headline,
              e: story.excerpt,
              d: story.publishedAt.slice(0, 10),
              s: story.section.name,
              u: relativeLink(file, pageFile),
            })
          }
          if (page >= result.pageCount) break
        }
        const chrome = await buildChrome(ctx, language)
        const { t } = chrome.locale
        const asCount = (n: number) =>
          t('mirrors.searchCount', { count: n }).replace(/[0-9۰-۹٠-٩][0-9۰-۹٠-٩,٬]*/, '#')
        const indexFile = file.replace(/index\.html$/, `index-${language}.js`)
        const index = {
          stories,
          messages: { none: asCount(0), one: asCount(1), other: asCount(987654) },
        }
        // JSON in a script: "<" escaped so that no value can close a script element.
        await put(
          indexFile,
          Buffer.from(`window.DATELINE_MIRROR_INDEX = ${JSON.stringify(index).replace(/</g, '\\u003c')}\n`),
        )
        const html = renderDocument(
          MirrorSearchPage({
            chrome,
            canonicalUrl: siteUrl + searchPath,
            indexScript: path.posix.basename(indexFile),
            searchScript: relativeLink(file, SEARCH_SCRIPT_FILE),
            madeOn,
          }),
        )
        const linked = rewriteHtmlLinks(withoutLiveOnlyForms(html), (value, context) => {
          if (context.tag === 'link' && context.rel === 'canonical') return value
          if (context.tag === 'script') return /\/assets\/offline\./.test(value) ? undefined : value
          if (context.tag === 'link' && context.rel === 'alternate' && !isInCopy(value)) return undefined
          return fileForLink(file, value)
        })
        await put(file, Buffer.from(linked))
        report.pages++
      } catch (error) {
        report.failed.push({ path: searchPath, reason: describeFileError(error) })
      }
    }
    await put(SEARCH_SCRIPT_FILE, searchScript)

    // Assets named by the pages (and the fonts named by the stylesheet).
    const assetQueue = [...assets]
    for (let assetPath = assetQueue.shift(); assetPath !== undefined; assetPath = assetQueue.shift()) {
      const file = assetFile(assetPath)
      if (!file) continue
      try {
        const response = await app.inject({
          method: 'GET',
          url: assetPath,
          headers: { 'accept-encoding': 'identity' },
        })
        if (response.statusCode !== 200) {
          report.failed.push({ path: assetPath, reason: `the site answered ${response.statusCode}` })
          continue
        }
        let body = response.rawPayload
        if (String(response.headers['content-type'] ?? '').startsWith('text/css')) {
          body = Buffer.from(
            rewriteCssUrls(body.toString('utf8'), (value) => {
              const link = siteTarget(value, siteUrl)
              const asset = link.path && ASSET_PATH.test(link.path) ? assetFile(link.path) : undefined
              if (!link.path || !asset) return undefined
              if (!assets.has(link.path)) {
                assets.add(link.path)
                assetQueue.push(link.path)
              }
              return relativeLink(file, asset)
            }),
          )
        }
        await put(file, body)
        report.assets++
      } catch (error) {
        report.failed.push({ path: assetPath, reason: describeFileError(error) })
      }
    }
  })

  // What the previous export wrote and this one did not: a withdrawn story, a removed page.
  for (const file of previous.keys()) {
    if (produced.has(file)) continue
    const absolute = resolveInside(folder, file)
    if (!absolute) continue
    await ops.unlink(absolute).catch(() => undefined)
    report.removed++
  }
  try {
    await writeFileAtomically(
      ops,
      path.join(folder, MANIFEST_FILE),
      Buffer.from(JSON.stringify(Object.fromEntries(produced))),
    )
  } catch (error) {
    report.failed.push({ path: MANIFEST_FILE, reason: describeFileError(error) })
  }
  report.ms = Math.round(performance.now() - started)
  return report
}

async function readMirrorManifest(folder: string): Promise<Map<string, string>> {
  try {
    const data = JSON.parse(await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as Record<
      string,
      string
    >
    return new Map(Object.entries(data).filter(([file]) => resolveInside(folder, file) !== undefined))
  } catch {
    return new Map()
  }
}

export function summarizeMirrorReport(report: MirrorReport): string {
  return `Copied ${report.pages} pages and ${report.assets} files to ${report.target} in ${(report.ms / 1000).toFixed(1)} s: ${report.written} written, ${report.unchanged} unchanged, ${report.removed} removed${report.failed.length > 0 ? `; ${report.failed.length} failed` : ''}`
}
