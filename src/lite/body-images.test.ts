import { describe, expect, it } from 'vitest'
import { sanitizeBody } from '../lib/sanitize-body.ts'
import { imagesAsLinks } from './body-images.ts'

describe('imagesAsLinks', () => {
  it('turns each stored image into a "Show image" link to it, keeping the text around it', () => {
    const body = sanitizeBody(
      '<p>Before</p><figure><img src="https://news.example/media/a.jpg" alt="A &quot;quoted&quot; &lt;pump&gt;" width="800"><figcaption>Cap</figcaption></figure><p>After</p>',
    )
    const html = imagesAsLinks(body)
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain('<a class="show-image" href="https://news.example/media/a.jpg">Show image: A ')
    expect(html).toContain('&lt;pump&gt;')
    expect(html).not.toContain('<pump>')
    expect(html).toContain('<p>Before</p>')
    expect(html).toContain('<p>After</p>')
  })

  it('drops picture wrappers and sources, and an image without a source', () => {
    expect(
      imagesAsLinks(
        '<picture><source srcset="/a.webp" type="image/webp"><img src="/a.jpg" alt=""></picture>',
      ),
    ).toBe('<a class="show-image" href="/a.jpg">Show image</a>')
    expect(imagesAsLinks('<p><img alt="x"></p>')).toBe('<p></p>')
  })
})
