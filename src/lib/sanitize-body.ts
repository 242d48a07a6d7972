// The one allowlist sanitizer for stored article HTML. Every write path (the editor, the importer,
// the demo seed) goes through it, so what is stored is safe to render as-is.
import sanitizeHtml from 'sanitize-html'

const EMBED_HOSTS = ['www.youtube-nocookie.com', 'www.youtube.com', 'player.vimeo.com']

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'q',
    'cite',
    'figure',
    'figcaption',
    'img',
    'br',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
    'iframe',
    'bdi',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'hreflang'],
    img: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'loading', 'decoding'],
    blockquote: ['class', 'cite'],
    iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    '*': ['dir', 'lang'],
  },
  allowedClasses: { blockquote: ['pullquote'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedIframeHostnames: EMBED_HOSTS,
  disallowedTagsMode: 'discard',
  // Drop the content of these elements, not just the tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'form', 'select'],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? ''
      const isExternal = /^https?:\/\//i.test(href)
      return { tagName, attribs: isExternal ? { ...attribs, rel: 'noopener noreferrer' } : attribs }
    },
    // Pictures inside a story load only when a reader scrolls to them: on slow, paid-by-the-byte
    // connections the text must not wait for (or pay for) images below the fold.
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
  },
}

// `rel` is added by our transform, so allow it on links after the transform.
OPTIONS.allowedAttributes = {
  ...(OPTIONS.allowedAttributes as Record<string, string[]>),
  a: ['href', 'title', 'hreflang', 'rel'],
}

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim()
}
