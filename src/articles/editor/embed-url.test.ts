import { describe, expect, it } from 'vitest'
import { sanitizeBody } from '../../lib/sanitize-body.ts'
import { embedFromUrl } from './embed-url.ts'

describe('embeds from pasted addresses', () => {
  it('turns YouTube addresses of every shape into the privacy-friendly player', () => {
    for (const url of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://m.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube.com/embed/dQw4w9WgXcQ',
    ]) {
      expect(embedFromUrl(url)).toEqual({
        kind: 'video',
        provider: 'YouTube',
        src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
        title: 'YouTube video',
      })
    }
  })

  it('turns Vimeo addresses into its player', () => {
    expect(embedFromUrl('https://vimeo.com/76979871')).toMatchObject({
      kind: 'video',
      src: 'https://player.vimeo.com/video/76979871',
    })
  })

  it('makes the players’ iframes ones that the body sanitizer keeps', () => {
    for (const url of ['https://youtu.be/dQw4w9WgXcQ', 'https://vimeo.com/76979871']) {
      const embed = embedFromUrl(url)
      if (embed.kind !== 'video') throw new Error('expected a video')
      expect(sanitizeBody(`<iframe src="${embed.src}" title="Video"></iframe>`)).toContain(
        `src="${embed.src}"`,
      )
    }
  })

  it('makes social posts a link (their scripts cannot run under our CSP)', () => {
    expect(embedFromUrl('https://twitter.com/someone/status/123#m')).toEqual({
      kind: 'social',
      provider: 'X',
      url: 'https://twitter.com/someone/status/123',
    })
  })

  it('refuses other hosts, other schemes and nonsense, saying why', () => {
    expect(embedFromUrl('https://evil.example/video')).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('not allowed'),
    })
    expect(embedFromUrl('javascript:alert(1)')).toMatchObject({ kind: 'refused' })
    expect(embedFromUrl('not a url')).toMatchObject({ kind: 'refused' })
    expect(embedFromUrl('https://www.youtube.com/watch?v=<script>')).toMatchObject({ kind: 'refused' })
  })
})
