import { describe, expect, it } from 'vitest'
import {
  highlightWords,
  MARK_END,
  MARK_START,
  MAX_QUERY_TOKENS,
  markedTextToHtml,
  parseSearchQuery,
  snippetAround,
  toFts5Match,
  toTsQuery,
  unmarkedText,
} from './search-query.ts'

describe('parseSearchQuery', () => {
  it('has no query when there are no words', () => {
    expect(parseSearchQuery('')).toBeUndefined()
    expect(parseSearchQuery('  "* () : ^ -  ')).toBeUndefined()
  })

  it('keeps at most a dozen words', () => {
    const query = parseSearchQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))
    expect(query?.tokens).toHaveLength(MAX_QUERY_TOKENS)
  })
})

describe('engine queries', () => {
  it('quotes every word for FTS5 and makes the last a prefix', () => {
    const query = parseSearchQuery('Water OR board NEAR "kab')
    expect(query && toFts5Match(query)).toBe('"water" AND "or" AND "board" AND "near" AND "kab"*')
  })

  it('makes the last word whole, or any of its completions, for FTS5', () => {
    const query = parseSearchQuery('market "pomegr')
    if (!query) throw new Error('query did not parse')
    expect(toFts5Match({ ...query, isLastWordWhole: true })).toBe('"market" AND "pomegr"')
    expect(toFts5Match(query, ['pomegranate', 'pome"gr'])).toBe('"market" AND ("pomegranate" OR "pome""gr")')
    expect(toFts5Match(query, ['pomegranate'])).toBe('"market" AND ("pomegranate")')
    expect(toFts5Match(query, [])).toBe('"market" AND "pomegr"*')
  })

  it('builds a to_tsquery of quoted lexemes joined with &, the last a prefix unless whole', () => {
    const query = parseSearchQuery("water's & !board | kab:*")
    expect(query && toTsQuery(query)).toBe("'water' & 's' & 'board' & 'kab':*")
    expect(query && toTsQuery({ ...query, isLastWordWhole: true })).toBe("'water' & 's' & 'board' & 'kab'")
  })

  it('normalises Arabic script in the query too', () => {
    const query = parseSearchQuery('كابل')
    expect(query?.tokens).toEqual(['کابل'])
  })
})

describe('markedTextToHtml', () => {
  it('escapes the text and only then adds <mark>', () => {
    expect(markedTextToHtml(`<script>alert(1)</script> ${MARK_START}water${MARK_END} & "wells"`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; <mark>water</mark> &amp; &quot;wells&quot;',
    )
  })

  it('always balances the marks', () => {
    expect(markedTextToHtml(`${MARK_END}a ${MARK_START}b ${MARK_START}c`)).toBe('a <mark>b c</mark>')
  })
})

describe('highlightWords', () => {
  it('marks whole words of the original text, the last query word as a prefix', () => {
    const query = parseSearchQuery('cafe kab')
    expect(query && highlightWords('Café in Kabul, not Kabir: cafeteria', query)).toBe(
      `${MARK_START}Café${MARK_END} in ${MARK_START}Kabul${MARK_END}, not ${MARK_START}Kabir${MARK_END}: cafeteria`,
    )
  })

  it('marks only the whole last word once the index found it whole', () => {
    const query = parseSearchQuery('water')
    if (!query) throw new Error('no query')
    const whole = { ...query, isLastWordWhole: true }
    expect(highlightWords('Water, waterfalls', whole)).toBe(`${MARK_START}Water${MARK_END}, waterfalls`)
    expect(snippetAround('The waterfalls, and the water', whole)).toBe(
      `The waterfalls, and the ${MARK_START}water${MARK_END}`,
    )
    // Words outside ASCII take the other path to the first match.
    expect(snippetAround('Café waterfalls, café water', whole)).toBe(
      `Café waterfalls, café ${MARK_START}water${MARK_END}`,
    )
  })

  it('matches Dari words written with Arabic letters, ZWNJ and harakat', () => {
    const query = parseSearchQuery('کتابها میروم')
    expect(query && highlightWords('كتاب‌ها را مي‌رَوم', query)).toBe(
      `${MARK_START}كتاب‌ها${MARK_END} را ${MARK_START}مي‌رَوم${MARK_END}`,
    )
  })
})

describe('snippetAround', () => {
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `word${from + i}`).join(' ')

  it('marks every match and cuts around the first, with ellipses where the text goes on', () => {
    const query = parseSearchQuery('wells')
    if (!query) throw new Error('no query')
    const snippet = snippetAround(`${words(30)} the new wells opened ${words(30, 30)} more wells`, query, 10)
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
    expect(snippet).toContain(`${MARK_START}wells${MARK_END}`)
    expect(unmarkedText(snippet).replaceAll('…', '').split(' ')).toHaveLength(10)
  })

  it('keeps a short text whole, and starts at the beginning when nothing matches', () => {
    const query = parseSearchQuery('pomegr')
    if (!query) throw new Error('no query')
    expect(snippetAround('Pomegranates from Kandahar', query)).toBe(
      `${MARK_START}Pomegranates${MARK_END} from Kandahar`,
    )
    expect(snippetAround(words(40), query, 5)).toBe(`${words(5)}…`)
  })
})

// snippetAround marks only the words it shows and finds the first match without marking the rest
// (a body has hundreds of words); it must cut and mark exactly as marking the whole text would.
describe('snippetAround matches marking the whole text first', () => {
  function markWholeTextFirst(
    text: string,
    query: NonNullable<ReturnType<typeof parseSearchQuery>>,
    length: number,
  ) {
    const words = highlightWords(text, query)
      .split(/\s+/u)
      .filter((w) => w !== '')
    const first = words.findIndex((w) => w.includes(MARK_START))
    const start = Math.max(0, Math.min(first === -1 ? 0 : first - 6, words.length - length))
    const end = Math.min(words.length, start + length)
    return `${start > 0 ? '…' : ''}${words.slice(start, end).join(' ')}${end < words.length ? '…' : ''}`
  }

  it.each([
    ['water', 'The (Water) board, and WATERS; the water-board’s wells.'],
    ['wat', 'Nothing here but a waterfall at the end of a very long sentence about nothing much at all.'],
    ['كتابخانه', 'مردم می‌گویند که کتاب‌خانهٔ شهر بازسازی شد و «كتابخانه» باز است.'],
    ['cafe', 'Un café, un Café et un CAFÉ au coin de la rue.'],
    [
      'north clinic',
      `${'filler '.repeat(40)}the northern (clinic), the clinics and the North clinic ${'tail '.repeat(40)}`,
    ],
    ['absent', 'no match in this text at all'],
    // ASCII word runs with non-ASCII punctuation: the fast path (lower-cased text searched).
    ['water', 'KABUL – The “underwater” cable; the Waterboard’s 12 waters, then water.'],
    ['water board', 'KABUL – Waterboard, water-boarding and the WATER (board) of 2026.'],
    ['2026 budg', 'The 20261 plan – not the 2026 budgets, said the budget office.'],
    ['clinic', `${'The northern clinics – '.repeat(3)}end`],
    ['x', ''],
  ])('%s', (q, text) => {
    const query = parseSearchQuery(q)
    if (!query) throw new Error('no query')
    for (const length of [3, 8, 24])
      expect(snippetAround(text, query, length)).toBe(markWholeTextFirst(text, query, length))
  })
})
