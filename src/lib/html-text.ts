// Plain text from stored (already sanitized) HTML, for excerpts, word counts and similarity.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** Text of the HTML with block boundaries kept as spaces; figures (captions, credits) dropped. */
export function htmlToText(html: string): string {
  const withoutFigures = html.replace(/<(figure|figcaption|script|style)\b[\s\S]*?<\/\1>/gi, ' ')
  const text = withoutFigures.replace(/<[^>]*>/g, ' ')
  return decodeEntities(text).replace(/\s+/g, ' ').trim()
}

export function countWords(text: string): number {
  const words = text.trim().split(/\s+/u)
  return words[0] === '' ? 0 : words.length
}
