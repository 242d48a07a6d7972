// Images in a story's stored body, swapped for links: for readers who sent Save-Data or read the
// lite edition, a picture costs nothing until they tap its link. The body was sanitized on write
// (src/lib/sanitize-body.ts), so its tags and double-quoted attributes have one known shape.
import type { Translate } from '../i18n/messages.ts'
import { escapeHtml } from '../lib/escape-html.ts'

const IMG_TAG = /<img\b[^>]*>/gi
const PICTURE_WRAPPER = /<\/?picture\b[^>]*>|<source\b[^>]*>/gi
const ALT_SLOT = '\uE000'

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1]
}

/** The link's words as HTML, given the image's alt text as (already escaped) HTML. */
export type ImageLinkText = (altHtml: string) => string

const ENGLISH_LINK_TEXT: ImageLinkText = (altHtml) => `Show image${altHtml === '' ? '' : `: ${altHtml}`}`

/**
 * "Show image: {alt}" in the page's language. The alt text is the newsroom's, possibly in another
 * script than the page, so it is isolated (bdi) to keep the colon where the language puts it.
 */
export function imageLinkText(t: Translate): ImageLinkText {
  return (altHtml) =>
    altHtml === ''
      ? escapeHtml(t('site.showImage'))
      : escapeHtml(t('site.showImageWithAlt', { alt: ALT_SLOT })).replace(ALT_SLOT, `<bdi>${altHtml}</bdi>`)
}

/** The body with every image replaced by a "Show image" link to the image itself. */
export function imagesAsLinks(bodyHtml: string, linkText: ImageLinkText = ENGLISH_LINK_TEXT): string {
  return bodyHtml.replace(PICTURE_WRAPPER, '').replace(IMG_TAG, (tag) => {
    const src = attribute(tag, 'src')
    if (src === undefined) return ''
    // The attribute values are already escaped HTML, so they go back in unchanged.
    const alt = attribute(tag, 'alt') ?? ''
    return `<a class="show-image" href="${src}">${linkText(alt)}</a>`
  })
}
