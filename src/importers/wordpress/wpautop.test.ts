import { describe, expect, it } from 'vitest'
import { wpautop } from './wpautop.ts'

describe('wpautop', () => {
  it('makes paragraphs from blank lines and <br> from single newlines', () => {
    expect(wpautop('First line\nsecond line\n\nNext paragraph')).toBe(
      '<p>First line<br>\nsecond line</p>\n<p>Next paragraph</p>',
    )
  })

  it('handles Windows line endings and several blank lines', () => {
    expect(wpautop('One\r\n\r\n\r\nTwo')).toBe('<p>One</p>\n<p>Two</p>')
  })

  it('leaves block elements alone and wraps the text between them', () => {
    expect(wpautop('Intro\n<h2>Title</h2>\nBody text\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>')).toBe(
      '<p>Intro</p>\n<h2>Title</h2>\n<p>Body text</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>',
    )
  })

  it('puts paragraphs inside a blockquote', () => {
    expect(wpautop('<blockquote>Said one\n\nSaid two</blockquote>')).toBe(
      '<blockquote><p>Said one</p>\n<p>Said two</p></blockquote>',
    )
  })

  it('keeps inline markup inside the paragraph and <pre> untouched', () => {
    expect(wpautop('<strong>KABUL –</strong> Text')).toBe('<p><strong>KABUL –</strong> Text</p>')
    expect(wpautop('<pre>a\n\nb</pre>')).toBe('<pre>a\n\nb</pre>')
  })

  it("does not wrap a figure's lone image in a paragraph", () => {
    expect(wpautop('<figure><img src="/a.jpg" alt="A"><figcaption>Caption</figcaption></figure>')).toBe(
      '<figure><img src="/a.jpg" alt="A">\n<figcaption>Caption</figcaption>\n</figure>',
    )
  })

  it('returns nothing for an empty body', () => {
    expect(wpautop('  \n ')).toBe('')
  })
})
