// An imported body, from WordPress's stored text to what Dateline stores: Gutenberg's block
// comments dropped, shortcodes and bare video lines converted, automatic paragraphs made real
// (classic-editor bodies only: block-editor bodies already carry their <p>), links to old uploads
// pointed at the new media, a dateline typed at the start lifted out, and everything through the
// one sanitizer the editor uses.
import { sanitizeBody } from '../../lib/sanitize-body.ts'
import { convertBareEmbeds, convertShortcodes, type ShortcodeContext } from './shortcodes.ts'
import { wpautop } from './wpautop.ts'

export interface BodyContext extends ShortcodeContext {
  /** The new address of a file under wp-content/uploads (any size variant), if it was imported. */
  mediaUrlFor(uploadUrl: string): string | undefined
}

export interface MappedBody {
  html: string
  dateline: string
  unknownShortcodes: string[]
  /** Upload links that point at files that were not imported (kept as they were). */
  unresolvedUploads: string[]
}

const UPLOAD_URL = /\/(?:wp-content\/uploads|files|media)\//i

function rewriteUploads(html: string, context: BodyContext, unresolved: Set<string>): string {
  return html
    .replace(/\s(?:srcset|sizes)\s*=\s*(?:"[^"]*"|'[^']*')/gi, '')
    .replace(
      /(\s(?:src|href)\s*=\s*)(["'])([^"']*)\2/gi,
      (whole, prefix: string, quote: string, url: string) => {
        if (!UPLOAD_URL.test(url)) return whole
        const found = context.mediaUrlFor(url)
        if (found === undefined) {
          unresolved.add(url)
          return whole
        }
        return `${prefix}${quote}${found}${quote}`
      },
    )
}

/**
 * "KABUL –", "KABUL —" or "<strong>KABUL –</strong>" at the very start, followed by the story:
 * an all-capitals place of one to three words. Anything less certain is left in the body.
 */
const LEADING_DATELINE =
  /^<p>\s*(?:<(strong|b)>\s*)?(\p{Lu}[\p{Lu}'’.]+(?:[ -]\p{Lu}[\p{Lu}'’.]*){0,3})\s*(?:<\/\1>\s*)?[–—-]{1,2}\s*(?:<\/(strong|b)>\s*)?(?=\S)/u

export function liftDateline(html: string): { html: string; dateline: string } {
  const match = LEADING_DATELINE.exec(html)
  if (!match?.[2]) return { html, dateline: '' }
  const opened = match[1]
  const isClosed = match[0].includes(`</${opened ?? ''}>`)
  // A closing </strong> with no opening one: the bold began before the place, so it is not ours.
  if (opened === undefined && match[3] !== undefined) return { html, dateline: '' }
  // "<strong>KABUL – Breaking</strong>": the bold goes on after the place, so it is kept open.
  const reopen = opened !== undefined && !isClosed ? `<${opened}>` : ''
  return { html: `<p>${reopen}${html.slice(match[0].length)}`, dateline: match[2] }
}

export function mapBody(raw: string, context: BodyContext): MappedBody {
  const isBlockEditor = /<!--\s*wp:/.test(raw)
  let html = raw
    .replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')
    // A block-editor embed keeps its address in a wrapper; the address alone becomes the embed.
    .replace(
      /<figure class="wp-block-embed[^"]*">\s*<div class="wp-block-embed__wrapper">\s*(https?:\/\/\S+?)\s*<\/div>(?:\s*<figcaption[^>]*>[\s\S]*?<\/figcaption>)?\s*<\/figure>/gi,
      '\n$1\n',
    )
  const shortcodes = convertShortcodes(html, context)
  html = convertBareEmbeds(shortcodes.html)
  // Bodies that already close their paragraphs (block editor, hand-written HTML, Dateline's own
  // exports) are kept as they are; only classic-editor text gets automatic paragraphs.
  if (!isBlockEditor && !/<\/p>/i.test(html)) html = wpautop(html)
  const unresolved = new Set<string>()
  html = rewriteUploads(html, context, unresolved)
  const lifted = liftDateline(sanitizeBody(html))
  return {
    html: lifted.html,
    dateline: lifted.dateline,
    unknownShortcodes: shortcodes.unknown,
    unresolvedUploads: [...unresolved],
  }
}
