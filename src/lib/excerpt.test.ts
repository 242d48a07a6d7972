import { describe, expect, it } from 'vitest'
import { autoExcerpt, EXCERPT_WORDS, excerptFromText, stripLeadingDateline } from './excerpt.ts'

const longBody = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')

describe('automatic excerpt', () => {
  it('keeps about 25 words, cut on a word boundary, ending in an ellipsis', () => {
    const excerpt = excerptFromText(longBody)
    expect(excerpt.endsWith('…')).toBe(true)
    expect(excerpt.slice(0, -1).split(' ')).toHaveLength(EXCERPT_WORDS)
    expect(excerpt).toBe(`${Array.from({ length: 25 }, (_, i) => `word${i}`).join(' ')}…`)
  })

  it('leaves a short text whole, without an ellipsis', () => {
    expect(excerptFromText('Only five words are here.')).toBe('Only five words are here.')
  })

  it('never leaves punctuation before the ellipsis', () => {
    const words = Array.from({ length: 24 }, () => 'alpha')
    expect(excerptFromText(`${words.join(' ')} omega, and more words follow here`)).toMatch(/omega…$/)
  })

  it('contains no markup, entities or figure captions', () => {
    const html =
      '<figure><img src="/x.jpg" alt="x"><figcaption>Caption text</figcaption></figure>' +
      '<p>Water &amp; power <strong>returned</strong> to <a href="/x">the old city</a> on Monday.</p>'
    expect(autoExcerpt(html)).toBe('Water & power returned to the old city on Monday.')
  })

  it('drops a dateline typed at the start of the story', () => {
    expect(autoExcerpt('<p><strong>KABUL –</strong> The city council met.</p>')).toBe('The city council met.')
    expect(autoExcerpt('<p>KABUL (Dateline News) — The city council met.</p>')).toBe('The city council met.')
    expect(autoExcerpt('<p>Herat, Nov 2: The council met.</p>', 'Herat')).toBe('Nov 2: The council met.')
  })

  it('drops a byline line at the start', () => {
    expect(stripLeadingDateline('By Dateline News – The river rose overnight.')).toBe(
      'The river rose overnight.',
    )
  })

  it('keeps an ordinary first word that is capitalised', () => {
    expect(autoExcerpt('<p>Officials said on Monday that the road is open.</p>')).toBe(
      'Officials said on Monday that the road is open.',
    )
  })

  it('works for Dari text', () => {
    const dari = Array.from({ length: 30 }, () => 'کابل').join(' ')
    const excerpt = autoExcerpt(`<p>${dari}</p>`)
    expect(excerpt.endsWith('…')).toBe(true)
    expect(excerpt.slice(0, -1).split(' ')).toHaveLength(25)
  })
})
