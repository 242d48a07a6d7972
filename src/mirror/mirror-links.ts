// Links in a mirror copy: every address of the site becomes a path relative to the file that
// names it, so the copy works from any host name, under any sub-path, from an .onion address and
// straight from disk (file://, where a folder does not open its index.html: links name the file).
// The rendered HTML is our own (Preact: attributes always double-quoted and escaped), so a
// tag-level pattern is exact here; it is not a general HTML parser.

/** The link from one file of the copy to another, both relative to the copy's root. */
export function relativeLink(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1)
  const to = toFile.split('/')
  let common = 0
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++
  const up = from.slice(common).map(() => '..')
  const down = to.slice(common).map((segment) => encodeURIComponent(segment))
  return [...up, ...down].join('/')
}

export interface LinkTarget {
  /** The site path without query or fragment ("/news/"), or undefined for another site. */
  path: string | undefined
  query: string
  fragment: string
}

/** Splits an href into the site path it names (for our own site) and the rest. */
export function siteTarget(href: string, siteUrl: string): LinkTarget {
  let rest = href
  if (
    rest.startsWith(siteUrl) &&
    (rest.length === siteUrl.length || /[/?#]/.test(rest[siteUrl.length] ?? ''))
  )
    rest = rest.slice(siteUrl.length) || '/'
  if (!rest.startsWith('/') || rest.startsWith('//')) return { path: undefined, query: '', fragment: '' }
  const hashAt = rest.indexOf('#')
  const fragment = hashAt === -1 ? '' : rest.slice(hashAt)
  const beforeHash = hashAt === -1 ? rest : rest.slice(0, hashAt)
  const queryAt = beforeHash.indexOf('?')
  return {
    path: queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt),
    query: queryAt === -1 ? '' : beforeHash.slice(queryAt),
    fragment,
  }
}

const TAG = /<(a|link|img|script|form|source|iframe)\b([^>]*)>/g
const ATTRIBUTE = /\s(href|src|action|srcset)="([^"]*)"/g

export type LinkRewriter = (
  value: string,
  context: { tag: string; attribute: string; rel: string | undefined },
) => string | undefined

const decodeEntities = (value: string): string =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const encodeEntities = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Rewrites the link attributes of an HTML document. The rewriter gets each decoded value and
 * returns the new one, or undefined to drop the whole element (a script the copy cannot run).
 */
export function rewriteHtmlLinks(html: string, rewrite: LinkRewriter): string {
  const dropped: string[] = []
  let out = html.replace(TAG, (_whole, tag: string, attributes: string) => {
    const rel = /\srel="([^"]*)"/.exec(attributes)?.[1]
    let isDropped = false
    const rewritten = attributes.replace(ATTRIBUTE, (attr, name: string, raw: string) => {
      const value = decodeEntities(raw)
      if (name === 'srcset') {
        const parts = value.split(',').map((part) => {
          const [url = '', ...descriptor] = part.trim().split(/\s+/)
          const next = rewrite(url, { tag, attribute: name, rel })
          return [next ?? url, ...descriptor].join(' ')
        })
        return ` srcset="${encodeEntities(parts.join(', '))}"`
      }
      const next = rewrite(value, { tag, attribute: name, rel })
      if (next === undefined) {
        isDropped = true
        return attr
      }
      return ` ${name}="${encodeEntities(next)}"`
    })
    if (isDropped) {
      dropped.push(tag)
      return `<!--dropped-${tag}-->`
    }
    return `<${tag}${rewritten}>`
  })
  // A dropped script's closing tag goes with it.
  out = out.replace(/<!--dropped-script--><\/script>/g, '').replace(/<!--dropped-(\w+)-->/g, '')
  return out
}

/** url(/assets/x.woff2) in a stylesheet, relative to the stylesheet's own file. */
export function rewriteCssUrls(css: string, rewrite: (value: string) => string | undefined): string {
  return css.replace(/url\(([^)'"]+)\)/g, (whole, value: string) => {
    const next = rewrite(value)
    return next === undefined ? whole : `url(${next})`
  })
}
