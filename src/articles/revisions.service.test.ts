import { describe, expect, it } from 'vitest'
import { compareVersions, htmlByBlock } from './revisions.service.ts'

const version = (body: string, headline = 'Wells open') => ({
  headline,
  dek: '',
  dateline: 'KABUL',
  excerpt: null,
  correction_note: '',
  body_html: body,
})

describe('the difference between two versions', () => {
  it('puts one block element per line so the body differs paragraph by paragraph', () => {
    expect(htmlByBlock('<h2>A</h2><p>B</p><ul><li>C</li></ul>')).toBe(
      '<h2>A</h2>\n<p>B</p>\n<ul><li>C</li>\n</ul>\n',
    )
  })

  it('reports only the fields that changed, as plain text parts', () => {
    const fields = compareVersions(
      version('<p>One.</p><p>Two.</p>'),
      version('<p>One.</p><p>Three.</p>', 'Wells opened'),
    )
    const changed = fields.filter((f) => f.isChanged)
    expect(changed.map((f) => f.field)).toEqual(['headline', 'body_html'])
    const body = changed.find((f) => f.field === 'body_html')
    expect(body?.parts).toEqual([
      { kind: 'same', text: '<p>One.</p>\n' },
      { kind: 'removed', text: '<p>Two.</p>\n' },
      { kind: 'added', text: '<p>Three.</p>\n' },
    ])
  })
})
