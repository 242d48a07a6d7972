import { describe, expect, it } from 'vitest'
import { convertBareEmbeds, convertShortcodes, type ShortcodeContext } from './shortcodes.ts'

const context: ShortcodeContext = {
  attachment: (id) =>
    id === '7'
      ? { url: '/media/2026/11/a-well.jpg', alt: 'A new well', caption: 'The well in Paghman' }
      : undefined,
  children: () => [{ url: '/media/2026/11/b.jpg', alt: 'B', caption: '' }],
}

describe('convertShortcodes', () => {
  it('turns [caption] into a figure with its caption', () => {
    const { html } = convertShortcodes(
      '[caption id="attachment_7" align="alignleft" width="300"]<a href="/x.jpg"><img src="/x.jpg" alt="Wells" /></a> Villagers at the new well[/caption]',
      context,
    )
    expect(html).toBe(
      '<figure><a href="/x.jpg"><img src="/x.jpg" alt="Wells" /></a><figcaption>Villagers at the new well</figcaption></figure>',
    )
  })

  it('uses the caption attribute of older WordPress versions', () => {
    const { html } = convertShortcodes(
      '[caption caption="Old style"]<img src="/y.jpg" alt="" />[/caption]',
      context,
    )
    expect(html).toContain('<figcaption>Old style</figcaption>')
  })

  it('turns [embed] and a bare YouTube line into youtube-nocookie iframes', () => {
    const { html } = convertShortcodes('[embed]https://www.youtube.com/watch?v=abcdefghijk[/embed]', context)
    expect(html).toContain('src="https://www.youtube-nocookie.com/embed/abcdefghijk"')
    expect(convertBareEmbeds('Before\nhttps://youtu.be/abcdefghijk\nAfter')).toContain(
      'https://www.youtube-nocookie.com/embed/abcdefghijk',
    )
    expect(convertBareEmbeds('See https://youtu.be/abcdefghijk here')).toBe(
      'See https://youtu.be/abcdefghijk here',
    )
  })

  it('turns [gallery] into figures of its attachments', () => {
    expect(convertShortcodes('[gallery ids="7,99"]', context).html).toContain(
      '<figure><img src="/media/2026/11/a-well.jpg" alt="A new well"><figcaption>The well in Paghman</figcaption></figure>',
    )
    expect(convertShortcodes('[gallery columns="3"]', context).html).toContain('/media/2026/11/b.jpg')
  })

  it('turns [video] into a link to the file', () => {
    expect(convertShortcodes('[video mp4="https://old.example/v.mp4"][/video]', context).html).toBe(
      '<p><a href="https://old.example/v.mp4">Watch the video</a></p>',
    )
  })

  it('keeps unknown shortcodes as text and names them, but not prose in brackets', () => {
    const result = convertShortcodes(
      '[tie_list type="star"]Item[/tie_list] He said [sic] [[caption]]',
      context,
    )
    expect(result.html).toBe('[tie_list type="star"]Item[/tie_list] He said [sic] [caption]')
    expect(result.unknown).toEqual(['tie_list'])
  })
})
