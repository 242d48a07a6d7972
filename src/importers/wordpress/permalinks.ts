// The old site's addresses. Links in an export are absolute (https://old.example/2026/11/27/slug/);
// Dateline serves a newsroom at the root of its domain, so only the path is kept, relative to the
// blog's own base (a multisite sub-site at https://network.example/kabul/ has paths under /kabul/
// that become site-root paths). The permalink structure is worked out from the items' links.

export type PermalinkStructure =
  | '/%year%/%monthnum%/%day%/%postname%/'
  | '/%year%/%monthnum%/%postname%/'
  | '/%postname%/'
  | '/%category%/%postname%/'
  | '/archives/%post_id%'
  | '/?p=%post_id%'
  | 'unknown'

/** The path (and query) of an old address, below the blog's base; undefined for other hosts. */
export function oldPath(link: string, baseUrl: string): string | undefined {
  let url: URL
  let base: URL
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
    url = new URL(link, base)
  } catch {
    return undefined
  }
  if (url.hostname.replace(/^www\./, '') !== base.hostname.replace(/^www\./, '')) return undefined
  const prefix = base.pathname.replace(/\/$/, '')
  let path = url.pathname
  if (prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`)))
    path = path.slice(prefix.length) || '/'
  return `${path}${url.search}`
}

/**
 * The forms of one path a browser may send: WordPress writes percent-escapes in lower case
 * (%d8%a7), browsers in upper case (%D8%A7). Redirects are matched exactly, so both are stored.
 */
export function pathVariants(path: string): string[] {
  if (!path.includes('%')) return [path]
  const upper = path.replace(/%[0-9a-f]{2}/gi, (hex) => hex.toUpperCase())
  const lower = path.replace(/%[0-9a-f]{2}/gi, (hex) => hex.toLowerCase())
  return [...new Set([path, upper, lower])]
}

export interface PermalinkSample {
  path: string
  /** "2026-11-27 09:30:00", the site's local time, as WordPress builds permalinks from it. */
  postDate: string
  slug: string
  postId: string
}

function candidates(sample: PermalinkSample): PermalinkStructure[] {
  const [year, month, day] = sample.postDate.slice(0, 10).split('-')
  const slug = sample.slug.toLowerCase()
  const path = sample.path.toLowerCase()
  const found: PermalinkStructure[] = []
  if (slug !== '') {
    if (path === `/${year}/${month}/${day}/${slug}/`) found.push('/%year%/%monthnum%/%day%/%postname%/')
    if (path === `/${year}/${month}/${slug}/`) found.push('/%year%/%monthnum%/%postname%/')
    if (path === `/${slug}/`) found.push('/%postname%/')
    if (/^\/[^?]+\/[^/?]+\/$/.test(path) && path.endsWith(`/${slug}/`) && !/^\/\d{4}\//.test(path))
      found.push('/%category%/%postname%/')
  }
  if (path === `/archives/${sample.postId}`) found.push('/archives/%post_id%')
  if (path === `/?p=${sample.postId}`) found.push('/?p=%post_id%')
  return found
}

/** The structure most of the published posts' links follow. */
export function detectPermalinkStructure(samples: readonly PermalinkSample[]): PermalinkStructure {
  const votes = new Map<PermalinkStructure, number>()
  for (const sample of samples) {
    for (const structure of candidates(sample)) votes.set(structure, (votes.get(structure) ?? 0) + 1)
  }
  let best: PermalinkStructure = 'unknown'
  let bestVotes = 0
  for (const [structure, count] of votes) {
    if (count > bestVotes) {
      best = structure
      bestVotes = count
    }
  }
  return best
}

/** The address a post would have under the structure (used when its own link is "?p=" form). */
export function permalinkPath(structure: PermalinkStructure, sample: PermalinkSample): string | undefined {
  const [year, month, day] = sample.postDate.slice(0, 10).split('-')
  if (sample.slug === '' && structure.includes('%postname%')) return undefined
  switch (structure) {
    case '/%year%/%monthnum%/%day%/%postname%/':
      return `/${year}/${month}/${day}/${sample.slug}/`
    case '/%year%/%monthnum%/%postname%/':
      return `/${year}/${month}/${sample.slug}/`
    case '/%postname%/':
      return `/${sample.slug}/`
    case '/archives/%post_id%':
      return `/archives/${sample.postId}`
    default:
      return undefined
  }
}
