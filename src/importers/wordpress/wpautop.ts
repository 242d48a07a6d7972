// WordPress's automatic paragraphs (wpautop), for bodies written in the classic editor: they are
// stored without <p>, paragraphs separated by a blank line and line breaks by a single newline.
// Block-level HTML already in the body is left as it is; text between blocks becomes <p>.

const BLOCK =
  'address|article|aside|blockquote|caption|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|iframe|li|map|math|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul'
const OPEN_BLOCK = new RegExp(`<(?:${BLOCK})(?:[\\s/>])`, 'gi')
const CLOSE_BLOCK = new RegExp(`</(?:${BLOCK})>`, 'gi')
const LEADING_BLOCKS = new RegExp(`^(?:\\s*<(?:${BLOCK})(?:\\s[^>]*)?/?>)+`, 'i')
const TRAILING_BLOCKS = new RegExp(`(?:</(?:${BLOCK})>\\s*)+$`, 'i')
const WHOLE_BLOCK = new RegExp(`^<(${BLOCK})(?:\\s[^>]*)?>[\\s\\S]*</\\1>$`, 'i')
const LONE_BLOCK = new RegExp(`^<(?:${BLOCK})(?:\\s[^>]*)?/?>$|^</(?:${BLOCK})>$`, 'i')

/** Wraps loose text in <p>, turns single newlines into <br>, leaves blocks and <pre> alone. */
export function wpautop(input: string): string {
  if (input.trim() === '') return ''
  const kept: string[] = []
  // <pre> keeps its newlines.
  let text = `${input.replace(/\r\n?/g, '\n')}\n`.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => {
    kept.push(pre)
    return `\n\n\uE000${kept.length - 1}\uE000\n\n`
  })
  text = text
    .replace(OPEN_BLOCK, (tag) => `\n\n${tag}`)
    .replace(CLOSE_BLOCK, (tag) => `${tag}\n\n`)
    .replace(/\n\s*\n+/g, '\n\n')
  const out: string[] = []
  for (const raw of text.split('\n\n')) {
    const chunk = raw.trim()
    if (chunk === '') continue
    const placeholder = /^\uE000(\d+)\uE000$/.exec(chunk)
    if (placeholder) {
      out.push(kept[Number(placeholder[1])] ?? '')
      continue
    }
    if (WHOLE_BLOCK.test(chunk) || LONE_BLOCK.test(chunk)) {
      out.push(chunk)
      continue
    }
    const lead = LEADING_BLOCKS.exec(chunk)?.[0] ?? ''
    const rest = chunk.slice(lead.length)
    const trail = TRAILING_BLOCKS.exec(rest)?.[0] ?? ''
    const middle = rest.slice(0, rest.length - trail.length).trim()
    // An image alone beside block tags (a figure's picture) is not a paragraph.
    const isLoneMedia = /^(?:<a\s[^>]*>\s*)?<(?:img|iframe)\s[^>]*>(?:\s*<\/iframe>)?(?:\s*<\/a>)?$/i.test(
      middle,
    )
    const paragraph =
      middle === '' ? '' : isLoneMedia ? middle : `<p>${middle.replace(/\s*\n\s*/g, '<br>\n')}</p>`
    out.push(`${lead.trim()}${paragraph}${trail.trim()}`)
  }
  return out.join('\n')
}
