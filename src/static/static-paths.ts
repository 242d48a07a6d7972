// Where a public URL's file lives in a published folder. Every segment of the path must be a
// plausible slug (the same check the routes make before any query) or, for the last one, one of
// the fixed file names the site serves (rss.xml, sitemap.xml, robots.txt…). Anything else has no
// file: a hostile slug stored in the database ("../../etc", "a/b", "%2e%2e") can never name a
// path outside the folder, and the final containment check makes sure of it twice.
import path from 'node:path'
import { isPlausibleSlug } from '../lib/slugify.ts'

/** Fixed file names of feeds, sitemaps and robots.txt: lowercase words, one dot, a known extension. */
const FIXED_FILE_NAME = /^[a-z0-9]+(?:[-_][a-z0-9]+)*\.(?:xml|json|txt)$/

/** The URL path split into decoded segments, or undefined when it is not a path we publish. */
export function publishableSegments(urlPath: string): string[] | undefined {
  if (!urlPath.startsWith('/') || urlPath.includes('?') || urlPath.includes('#') || urlPath.includes('\\'))
    return undefined
  const raw = urlPath.slice(1).split('/')
  const isDirectory = raw[raw.length - 1] === ''
  if (isDirectory) raw.pop()
  const segments: string[] = []
  for (const [index, part] of raw.entries()) {
    let segment: string
    try {
      segment = decodeURIComponent(part)
    } catch {
      return undefined
    }
    const isLast = index === raw.length - 1
    if (isPlausibleSlug(segment)) segments.push(segment)
    else if (isLast && !isDirectory && FIXED_FILE_NAME.test(segment)) segments.push(segment)
    else return undefined
  }
  return isDirectory ? [...segments, ''] : segments
}

/**
 * The file (relative to the folder, "/" separated) that holds a URL path: "/" → index.html,
 * "/society/" → society/index.html, "/society/water-story" → society/water-story.html,
 * "/feed/rss.xml" → feed/rss.xml. Undefined for paths that are not ours to publish.
 */
export function fileForUrlPath(urlPath: string): string | undefined {
  const segments = publishableSegments(urlPath)
  if (!segments) return undefined
  const last = segments[segments.length - 1]
  if (last === '') return [...segments.slice(0, -1), 'index.html'].join('/')
  if (last === undefined) return undefined
  return FIXED_FILE_NAME.test(last) ? segments.join('/') : `${segments.join('/')}.html`
}

/**
 * The absolute path of a relative file inside a folder, or undefined when it would land outside
 * it (defence in depth: fileForUrlPath already refuses every segment that could).
 */
export function resolveInside(root: string, relativeFile: string): string | undefined {
  const base = path.resolve(root)
  const target = path.resolve(base, relativeFile)
  const relative = path.relative(base, target)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return target
}

/** The URL path a published file stands for (the inverse of fileForUrlPath), for folder scans. */
export function urlPathForFile(relativeFile: string): string | undefined {
  const segments = relativeFile.split('/')
  const last = segments.pop()
  if (last === undefined) return undefined
  const encode = (parts: string[]) => parts.map((part) => encodeURIComponent(part)).join('/')
  let urlPath: string
  if (last === 'index.html') urlPath = segments.length === 0 ? '/' : `/${encode(segments)}/`
  else if (last.endsWith('.html')) urlPath = `/${encode([...segments, last.slice(0, -'.html'.length)])}`
  else urlPath = `/${encode([...segments, last])}`
  return fileForUrlPath(urlPath) === relativeFile ? urlPath : undefined
}

/** The content types a file's extension may hold, so a page is never written under the wrong type. */
export function isTypeForFile(relativeFile: string, contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (relativeFile.endsWith('.html')) return type === 'text/html'
  if (relativeFile.endsWith('.xml')) return /^(application|text)\/([a-z+]+\+)?xml$/.test(type)
  if (relativeFile.endsWith('.json')) return /^application\/([a-z+]+\+)?json$/.test(type)
  if (relativeFile.endsWith('.txt')) return type === 'text/plain'
  return false
}
