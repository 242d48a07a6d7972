// Images in a story's stored body, swapped for links: for readers who sent Save-Data or read the
// lite edition, a picture costs nothing until they tap its link. The body was sanitized on write
// (src/lib/sanitize-body.ts), so its tags and double-quoted attributes have one known shape.

const IMG_TAG = /<img\b[^>]*>/gi
const PICTURE_WRAPPER = /<\/?picture\b[^>]*>|<source\b[^>]*>/gi

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1]
}

/** The body with every image replaced by a "Show image" link to the image itself. */
export function imagesAsLinks(bodyHtml: string): string {
  return bodyHtml.replace(PICTURE_WRAPPER, '').replace(IMG_TAG, (tag) => {
    const src = attribute(tag, 'src')
    if (src === undefined) return ''
    // The attribute values are already escaped HTML, so they go back in unchanged.
    const alt = attribute(tag, 'alt') ?? ''
    return `<a class="show-image" href="${src}">Show image${alt === '' ? '' : `: ${alt}`}</a>`
  })
}
