import { describe, expect, it } from 'vitest'
import { sanitizeBody } from './sanitize-body.ts'

describe('article body sanitizer', () => {
  it('keeps the markup a story needs', () => {
    const html =
      '<h2>Sub</h2><p>A <strong>b</strong> <em>c</em> <a href="https://example.org/x">link</a></p>' +
      '<blockquote class="pullquote"><p>Quote</p></blockquote><ul><li>one</li></ul>' +
      '<figure><img src="/media/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>'
    const clean = sanitizeBody(html)
    expect(clean).toContain('<h2>Sub</h2>')
    expect(clean).toContain('<blockquote class="pullquote">')
    expect(clean).toContain('<a href="https://example.org/x" rel="noopener noreferrer">link</a>')
    expect(clean).toContain('<img src="/media/a.jpg" alt="A" loading="lazy" decoding="async" />')
  })

  it('removes scripts, event handlers, styles and dangerous URLs', () => {
    const clean = sanitizeBody(
      '<p onclick="alert(1)" style="color:red">x</p><script>alert(1)</script><style>p{}</style>' +
        '<a href="javascript:alert(1)">j</a><img src="data:image/png;base64,AAAA" onerror="alert(1)">' +
        '<iframe src="https://evil.example/"></iframe><form action="/x"><input name="q"></form>',
    )
    expect(clean).not.toMatch(/onclick|onerror|style|script|javascript:|data:|evil\.example|<form|<input/i)
  })

  it('allows embeds only from the allowlisted providers', () => {
    expect(sanitizeBody('<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>')).toContain(
      'youtube-nocookie',
    )
    expect(sanitizeBody('<iframe src="https://example.com/embed"></iframe>')).not.toContain('example.com')
  })

  it('makes every picture in a story load lazily, whatever the input said', () => {
    const clean = sanitizeBody('<p><img src="/media/b.jpg" alt="B" loading="eager" decoding="sync"></p>')
    expect(clean).toContain('loading="lazy"')
    expect(clean).toContain('decoding="async"')
    expect(clean).not.toContain('eager')
  })
})
