import { describe, expect, it } from 'vitest'
import { createLocale } from '../i18n/locale.ts'
import { sanitizeBody } from '../lib/sanitize-body.ts'
import { imageLinkText, imagesAsLinks } from './body-images.ts'

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

describe('imageLinkText', () => {
  it('words the link in the page language and isolates the alt text', () => {
    const pashto = createLocale({ language: 'ps', defaultLanguage: 'en', timeZone: 'Asia/Kabul' })
    const html = imagesAsLinks('<p><img src="/a.jpg" alt="Kabul &amp; river"></p>', imageLinkText(pashto.t))
    expect(html).toBe(
      '<p><a class="show-image" href="/a.jpg">انځور ښکاره کړئ: <bdi>Kabul &amp; river</bdi></a></p>',
    )
    expect(imagesAsLinks('<img src="/b.jpg" alt="">', imageLinkText(pashto.t))).toBe(
      '<a class="show-image" href="/b.jpg">انځور ښکاره کړئ</a>',
    )
  })
})
