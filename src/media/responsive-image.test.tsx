import * as cheerio from 'cheerio'
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { describe, expect, it } from 'vitest'
import type { MediaRow, MediaVariantRow } from '../db/tables.ts'
import { toMediaView } from './media.service.ts'
import { ResponsiveImage } from './responsive-image.tsx'

const row: MediaRow = {
  id: 7,
  path: '2026/11/0123456789abcdef-market.jpg',
  mime_type: 'image/jpeg',
  width: 3000,
  height: 2000,
  bytes: 2_000_000,
  alt: 'Melons at the market',
  caption: '',
  credit: '',
  created_at: '2026-11-27T08:00:00.000Z',
  uploaded_by: 1,
}

function variants(): MediaVariantRow[] {
  let id = 0
  return [1600, 360, 1080, 720].flatMap((width) =>
    (['avif', 'webp', 'jpg'] as const).map((ext) => ({
      id: ++id,
      media_id: 7,
      path: `2026/11/0123456789abcdef-market-${width}.${ext}`,
      mime_type: ext === 'jpg' ? 'image/jpeg' : `image/${ext}`,
      width,
      height: Math.round((width * 2) / 3),
      bytes: width * 10,
    })),
  )
}

const render = (node: VNode) => cheerio.load(renderToString(node))

describe('ResponsiveImage', () => {
  it('offers AVIF, then WebP, then the original, by width, loaded lazily with its size reserved', () => {
    const $ = render(<ResponsiveImage media={toMediaView(row, variants())} sizes="100vw" />)
    const sources = $('picture > source')
    expect(sources.map((_, s) => $(s).attr('type')).get()).toEqual(['image/avif', 'image/webp'])
    expect(sources.first().attr('srcset')).toBe(
      [360, 720, 1080, 1600].map((w) => `/media/2026/11/0123456789abcdef-market-${w}.avif ${w}w`).join(', '),
    )
    expect(sources.first().attr('sizes')).toBe('100vw')
    const img = $('picture > img')
    expect(img.attr('srcset')).toContain('-market-360.jpg 360w')
    expect(img.attr('sizes')).toBe('100vw')
    expect(img.attr('src')).toBe('/media/2026/11/0123456789abcdef-market-1080.jpg')
    expect(img.attr('loading')).toBe('lazy')
    expect(img.attr('decoding')).toBe('async')
    expect(img.attr('fetchpriority')).toBeUndefined()
    expect([img.attr('width'), img.attr('height')]).toEqual(['3000', '2000'])
    expect(img.attr('alt')).toBe('Melons at the market')
  })

  it('loads a lead image at once and first', () => {
    const $ = render(<ResponsiveImage media={toMediaView(row, variants())} isLead />)
    expect($('img').attr('loading')).toBe('eager')
    expect($('img').attr('fetchpriority')).toBe('high')
    expect($('source').first().attr('sizes')).toBe('(min-width: 48rem) 45rem, 100vw')
  })

  it('falls back to a plain <img> for an image without variants (the demo seed, imports)', () => {
    const $ = render(<ResponsiveImage media={toMediaView({ ...row, path: 'demo/river.jpg' })} />)
    expect($('picture')).toHaveLength(0)
    expect($('img').attr('src')).toBe('/media/demo/river.jpg')
    expect($('img').attr('srcset')).toBeUndefined()
    expect($('img').attr('sizes')).toBeUndefined()
    expect($('img').attr('loading')).toBe('lazy')
  })

  it('escapes alt text like any other text', () => {
    const $ = render(<ResponsiveImage media={toMediaView({ ...row, alt: '"><script>x</script>' })} />)
    expect($('script')).toHaveLength(0)
    expect($('img').attr('alt')).toBe('"><script>x</script>')
  })
})
