// TipTap nodes for what a news story needs beyond StarterKit, each rendered as HTML that the body
// sanitizer (src/lib/sanitize-body.ts) keeps: pull quotes, figures with caption and credit, and
// video embeds from the allowed players.
import { Node } from '@tiptap/core'

/** <blockquote class="pullquote">: a quote set large in the story, not a quotation from a source. */
export const PullQuote = Node.create({
  name: 'pullquote',
  group: 'block',
  content: 'block+',
  defining: true,
  parseHTML() {
    // Above the ordinary blockquote (priority 50), so the class decides which node it becomes.
    return [{ tag: 'blockquote.pullquote', priority: 60 }]
  },
  renderHTML() {
    return ['blockquote', { class: 'pullquote' }, 0]
  },
})

/** <figure><img><figcaption>Caption <cite>Credit</cite></figcaption></figure>, edited as one block. */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: '', parseHTML: (el) => el.querySelector('img')?.getAttribute('src') ?? '' },
      alt: { default: '', parseHTML: (el) => el.querySelector('img')?.getAttribute('alt') ?? '' },
      credit: {
        default: '',
        parseHTML: (el) => el.querySelector('figcaption cite')?.textContent?.trim() ?? '',
      },
      caption: {
        default: '',
        parseHTML: (el) => {
          const caption = el.querySelector('figcaption')?.cloneNode(true) as HTMLElement | undefined
          caption?.querySelector('cite')?.remove()
          return caption?.textContent?.trim() ?? ''
        },
      },
    }
  },
  parseHTML() {
    return [{ tag: 'figure', getAttrs: (el) => (el.querySelector('img') ? null : false) }]
  },
  renderHTML({ node }) {
    const { src, alt, caption, credit } = node.attrs as Record<string, string>
    const captionParts: (string | [string, string])[] = []
    if (caption) captionParts.push(caption)
    if (caption && credit) captionParts.push(' ')
    if (credit) captionParts.push(['cite', credit])
    const img: [string, Record<string, string>] = ['img', { src: src ?? '', alt: alt ?? '' }]
    return captionParts.length > 0 ? ['figure', img, ['figcaption', ...captionParts]] : ['figure', img]
  },
})

/** A video player from an allowed host (see embed-url.ts); the sanitizer drops any other iframe. */
export const VideoEmbed = Node.create({
  name: 'videoEmbed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: '' },
      title: { default: 'Video' },
    }
  },
  parseHTML() {
    return [{ tag: 'iframe[src]' }]
  },
  renderHTML({ node }) {
    const { src, title } = node.attrs as Record<string, string>
    return [
      'iframe',
      { src: src ?? '', title: title ?? 'Video', width: '560', height: '315', allowfullscreen: 'true' },
    ]
  },
})
