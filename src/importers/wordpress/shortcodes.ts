// WordPress shortcodes in imported bodies. The common ones become plain HTML the sanitizer
// keeps: [caption] a <figure> with <figcaption>, [embed] and a bare video address on its own line
// an embed (youtube-nocookie, Vimeo; social posts a linked quote, as the editor makes them),
// [gallery] the attachments' figures, [video]/[audio] a link to the file. Anything else is kept
// as text and named in the report, so an editor can look at it; [[name]] is WordPress's escape.
import { embedFromUrl } from '../../articles/editor/embed-url.ts'
import { escapeHtml } from '../../lib/escape-html.ts'

export interface AttachmentRef {
  url: string
  alt: string
  caption: string
}

export interface ShortcodeContext {
  /** An attachment by its WordPress post ID, with its new address. */
  attachment(wpId: string): AttachmentRef | undefined
  /** The post's own attachments, for a [gallery] without ids. */
  children(): AttachmentRef[]
}

export interface ShortcodeResult {
  html: string
  /** Names of shortcodes left as text. */
  unknown: string[]
}

export function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  const pattern = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))/g
  for (const match of text.matchAll(pattern)) {
    const name = match[1]?.toLowerCase()
    if (name) attributes[name] = match[2] ?? match[3] ?? match[4] ?? ''
  }
  return attributes
}

export function embedHtml(url: string): string {
  const embed = embedFromUrl(url)
  if (embed.kind === 'video') {
    return `<figure><iframe src="${escapeHtml(embed.src)}" title="${embed.title}" width="560" height="315" allowfullscreen></iframe></figure>`
  }
  if (embed.kind === 'social') {
    return `<blockquote><p><a href="${escapeHtml(embed.url)}">${escapeHtml(embed.provider)} post</a></p></blockquote>`
  }
  return /^https?:\/\//i.test(url.trim())
    ? `<p><a href="${escapeHtml(url.trim())}">${escapeHtml(url.trim())}</a></p>`
    : ''
}

function figure(image: AttachmentRef): string {
  const caption = image.caption.trim() === '' ? '' : `<figcaption>${escapeHtml(image.caption)}</figcaption>`
  return `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}">${caption}</figure>`
}

function caption(attributes: Record<string, string>, content: string): string {
  // The image (perhaps in a link) comes first; the rest of the content is the caption text.
  const media = /^\s*(?:<a\s[^>]*>\s*<img\s[^>]*>\s*<\/a>|<img\s[^>]*>)/i.exec(content)
  const image = media?.[0].trim() ?? ''
  const text = (attributes.caption ?? content.slice(media?.[0].length ?? 0)).trim()
  return `<figure>${image}${text === '' ? '' : `<figcaption>${text}</figcaption>`}</figure>`
}

function gallery(attributes: Record<string, string>, context: ShortcodeContext): string {
  const ids = (attributes.ids ?? attributes.include ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id))
  const images =
    ids.length > 0
      ? ids.flatMap((id) => {
          const found = context.attachment(id)
          return found ? [found] : []
        })
      : context.children()
  return images.map(figure).join('\n')
}

function mediaLink(attributes: Record<string, string>, content: string, label: string): string {
  const url =
    attributes.src ?? attributes.mp4 ?? attributes.webm ?? attributes.mp3 ?? attributes.m4a ?? content.trim()
  if (!/^https?:\/\//i.test(url)) return ''
  const embed = embedHtml(url)
  if (embed.includes('<iframe')) return embed
  return `<p><a href="${escapeHtml(url)}">${label}</a></p>`
}

const ENCLOSING = /\[(caption|wp_caption|embed|video|audio)\b([^\]]*)\]([\s\S]*?)\[\/\1\]/gi
const SELF_CLOSING = /\[(gallery|video|audio|embed|youtube)\b([^\]]*?)\/?\]/gi
const ESCAPED = /\[\[([^[\]]*)\]\]/g
const TEXT_BEFORE = /\uE001(\d+)\uE001/g

/** A bare video or social address alone on its line (WordPress's oEmbed) becomes an embed. */
export function convertBareEmbeds(html: string): string {
  return html.replace(
    /^(\s*(?:<p>)?\s*)(https?:\/\/[^\s<>"]+)(\s*(?:<\/p>)?\s*)$/gim,
    (line, _a, url: string) => {
      const embed = embedFromUrl(url)
      return embed.kind === 'refused' ? line : embedHtml(url)
    },
  )
}

export function convertShortcodes(body: string, context: ShortcodeContext): ShortcodeResult {
  const escaped: string[] = []
  let html = body.replace(ESCAPED, (_m, inner: string) => {
    escaped.push(`[${inner}]`)
    return `\uE001${escaped.length - 1}\uE001`
  })
  html = html.replace(ENCLOSING, (_m, name: string, rawAttributes: string, content: string) => {
    const attributes = parseAttributes(rawAttributes)
    switch (name.toLowerCase()) {
      case 'caption':
      case 'wp_caption':
        return caption(attributes, content)
      case 'embed':
        return `\n\n${embedHtml(content.trim() || (attributes.url ?? ''))}\n\n`
      case 'video':
        return mediaLink(attributes, content, 'Watch the video')
      default:
        return mediaLink(attributes, content, 'Listen to the recording')
    }
  })
  html = html.replace(SELF_CLOSING, (_m, name: string, rawAttributes: string) => {
    const attributes = parseAttributes(rawAttributes)
    switch (name.toLowerCase()) {
      case 'gallery':
        return `\n\n${gallery(attributes, context)}\n\n`
      case 'video':
        return mediaLink(attributes, '', 'Watch the video')
      case 'audio':
        return mediaLink(attributes, '', 'Listen to the recording')
      default:
        return `\n\n${embedHtml(attributes.url ?? attributes.src ?? Object.values(attributes)[0] ?? '')}\n\n`
    }
  })
  const unknown = new Set<string>()
  // A shortcode is a [name] with attributes, a closing [/name] or a self-closing slash; prose in
  // brackets ("[sic]") is none of those.
  for (const match of html.matchAll(/\[\/?([A-Za-z][\w-]*)(\s+[\w-]+\s*=|\s*\/\]|\])/g)) {
    const name = match[1] ?? ''
    if (match[2]?.includes('=') || match[2]?.includes('/') || html.includes(`[/${name}]`)) unknown.add(name)
  }
  html = html.replace(TEXT_BEFORE, (_m, index: string) => escaped[Number(index)] ?? '')
  return { html, unknown: [...unknown] }
}
