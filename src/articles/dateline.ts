// Sets the dateline ("KABUL —") in front of the story's first paragraph, as newspapers print it.
import { escapeHtml } from '../lib/escape-html.ts'

export function withDateline(bodyHtml: string, dateline: string): string {
  const place = dateline.trim()
  if (place === '') return bodyHtml
  const mark = `<span class="dateline">${escapeHtml(place.toUpperCase())} —</span> `
  const firstParagraph = /^\s*<p(\s[^>]*)?>/i.exec(bodyHtml)
  if (firstParagraph) {
    const end = firstParagraph.index + firstParagraph[0].length
    return bodyHtml.slice(0, end) + mark + bodyHtml.slice(end)
  }
  return `<p>${mark}</p>${bodyHtml}`
}
