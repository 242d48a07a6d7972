import { describe, expect, it } from 'vitest'
import type { MediaView } from '../media/media.service.ts'
import { imageCandidates, shareImage, structuredDataImages } from './images.ts'
import { serializeJsonLd } from './json-ld.ts'
import { ogLocale } from './open-graph.ts'

const media = (srcset: string, width = 2400, height = 1350): MediaView => ({
  id: 1,
  url: '/media/a.jpg',
  width,
  height,
  alt: 'alt',
  caption: '',
  credit: '',
  sources: [],
  srcset,
  thumbUrl: '/media/a-360.jpg',
  fallbackUrl: '/media/a-1080.jpg',
})

describe('serializeJsonLd', () => {
  it('cannot be broken out of: <, >, & and line separators are escaped yet parse back the same', () => {
    const value = { headline: 'a </script><script>alert(1)</script> & <!-- \u2028\u2029' }
    const json = serializeJsonLd(value)
    expect(json).not.toMatch(/[<>&\u2028\u2029]/)
    expect(json).toContain('\\u003c/script\\u003e')
    expect(JSON.parse(json)).toEqual(value)
  })
})

describe('images for structured data and share cards', () => {
  const srcset = '/media/a-360.jpg 360w, /media/a-1280.jpg 1280w, /media/a-1920.jpg 1920w'
  it('reads the variants and the original, narrowest first, with heights in proportion', () => {
    expect(imageCandidates(media(srcset)).map((c) => [c.url, c.width, c.height])).toEqual([
      ['/media/a-360.jpg', 360, 203],
      ['/media/a-1280.jpg', 1280, 720],
      ['/media/a-1920.jpg', 1920, 1080],
      ['/media/a.jpg', 2400, 1350],
    ])
  })
  it('shares the narrowest copy at least 1200 wide, else the widest', () => {
    expect(shareImage(media(srcset))?.url).toBe('/media/a-1280.jpg')
    expect(shareImage(media('/media/b-360.jpg 360w', 800, 600))?.url).toBe('/media/a.jpg')
  })
  it('names a large copy and the original in JSON-LD', () => {
    expect(structuredDataImages(media(srcset))).toEqual(['/media/a-1280.jpg', '/media/a.jpg'])
    expect(structuredDataImages(media('', 800, 600))).toEqual(['/media/a.jpg'])
  })
})

describe('ogLocale', () => {
  it('maps the site languages to Open Graph locales', () => {
    expect(['en', 'fa', 'ps'].map(ogLocale)).toEqual(['en_US', 'fa_IR', 'ps_AF'])
  })
})
