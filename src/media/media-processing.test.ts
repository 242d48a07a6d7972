import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  mediaFileStem,
  processImage,
  requireSupportedImage,
  resolveInside,
  sniffImage,
  stemKey,
  variantWidths,
} from './media-processing.ts'

const square = (width: number, height = width) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } })

describe('sniffImage: the type comes from the bytes, never the name', () => {
  it('recognises every accepted format', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif', 'gif'] as const) {
      const bytes = await square(16).toFormat(format).toBuffer()
      expect(sniffImage(bytes), format).toEqual({ kind: 'image', format })
    }
  })

  it('calls markup markup, even after a byte-order mark and white space', () => {
    expect(sniffImage(Buffer.from('\ufeff  \n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
      kind: 'markup',
    })
    expect(sniffImage(Buffer.from('<!DOCTYPE html><p>hi'))).toEqual({ kind: 'markup' })
  })

  it('tells HEIC from AVIF by the ftyp brands', () => {
    const ftyp = (major: string, ...compatible: string[]) => {
      const body = Buffer.from(`ftyp${major}\0\0\0\0${compatible.join('')}`, 'latin1')
      const size = Buffer.alloc(4)
      size.writeUInt32BE(body.length + 4)
      return Buffer.concat([size, body])
    }
    expect(sniffImage(ftyp('heic', 'mif1', 'heic'))).toEqual({ kind: 'heic' })
    expect(sniffImage(ftyp('mif1', 'mif1', 'avif'))).toEqual({ kind: 'image', format: 'avif' })
  })

  it('refuses what is not an accepted image with a clear, specific message', () => {
    expect(() => requireSupportedImage(Buffer.from('MZ\x90\0 executable'))).toThrow(/not a JPEG, PNG, WebP/)
    expect(() => requireSupportedImage(Buffer.from('<svg/>'))).toThrow(/can carry scripts/)
    expect(() => requireSupportedImage(Buffer.alloc(0))).toThrow(/not a JPEG/)
  })
})

describe('file names', () => {
  const now = new Date('2026-11-27T08:00:00Z')

  it('are year/month/<random>-<slug>, whatever the uploaded name tries', () => {
    expect(mediaFileStem(now, 'Dust Storm (Herat).JPG', '0123456789abcdef')).toBe(
      '2026/11/0123456789abcdef-dust-storm-herat',
    )
    expect(mediaFileStem(now, '../../etc/passwd', '0123456789abcdef')).toBe('2026/11/0123456789abcdef-passwd')
    expect(mediaFileStem(now, '..\\..\\win.ini', '0123456789abcdef')).toBe('2026/11/0123456789abcdef-win')
    expect(mediaFileStem(now, '.jpg', '0123456789abcdef')).toBe('2026/11/0123456789abcdef-image')
    expect(mediaFileStem(now, '%2e%2e%2f.png', '0123456789abcdef')).toBe('2026/11/0123456789abcdef-2e-2e-2f')
    expect(stemKey('2026/11/0123456789abcdef-dust-storm-720.webp')).toBe('0123456789abcdef')
  })

  it('are random by default: two uploads of one name never share files', () => {
    expect(mediaFileStem(now, 'a.jpg')).not.toBe(mediaFileStem(now, 'a.jpg'))
    expect(mediaFileStem(now, 'a.jpg')).toMatch(/^2026\/11\/[0-9a-f]{16}-a$/)
  })

  it('never resolve outside the media folder', () => {
    expect(resolveInside('/srv/media', '2026/11/x.jpg')).toBe('/srv/media/2026/11/x.jpg')
    expect(() => resolveInside('/srv/media', '../secret')).toThrow(/escapes/)
    expect(() => resolveInside('/srv/media', '/etc/passwd')).toThrow(/escapes/)
  })
})

describe('variantWidths', () => {
  it('never upscales, and always includes the image’s own width up to 1600', () => {
    expect(variantWidths(3000)).toEqual([360, 720, 1080, 1600])
    expect(variantWidths(1200)).toEqual([360, 720, 1080, 1200])
    expect(variantWidths(720)).toEqual([360, 720])
    expect(variantWidths(200)).toEqual([200])
  })
})

describe('processImage', () => {
  it('keeps a PNG a PNG (with its transparency) and adds AVIF and WebP', async () => {
    const result = await processImage(
      await square(800, 400).png().toBuffer(),
      '2026/11/0123456789abcdef-logo',
    )
    expect(result.original).toMatchObject({
      path: '2026/11/0123456789abcdef-logo.png',
      width: 800,
      height: 400,
    })
    expect(result.variants.map((v) => `${v.width}x${v.height}.${v.format}`).sort()).toEqual(
      ['360x180', '720x360', '800x400'].flatMap((s) => [`${s}.avif`, `${s}.png`, `${s}.webp`]).sort(),
    )
    const meta = await sharp(result.variants.find((v) => v.format === 'png')?.data).metadata()
    expect(meta.hasAlpha).toBe(true)
  })

  it('converts a wide-gamut (Display P3) photo to sRGB and drops its ICC profile', async () => {
    const red = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ff2020' } })
      .withIccProfile('p3')
      .jpeg({ quality: 95 })
      .toBuffer()
    const input = await sharp(red).metadata()
    expect(input.icc).toBeDefined()
    const result = await processImage(red, '2026/11/0123456789abcdef-p3')
    for (const file of [result.original, ...result.variants]) {
      const meta = await sharp(file.data).metadata()
      expect(meta.icc, file.path).toBeUndefined()
      const [r = 0, g = 0, b = 0] = await sharp(file.data).raw().toBuffer()
      // Still the same red once shown in sRGB (P3 numbers shown as sRGB would look duller).
      expect(Math.abs(r - 0xff) + Math.abs(g - 0x20) + Math.abs(b - 0x20), file.path).toBeLessThan(16)
    }
  })

  it('does not upscale a small image', async () => {
    const result = await processImage(
      await square(120, 80).webp().toBuffer(),
      '2026/11/0123456789abcdef-tiny',
    )
    expect(new Set(result.variants.map((v) => v.width))).toEqual(new Set([120]))
    expect(result.variants.map((v) => v.format).sort()).toEqual(['avif', 'webp'])
  })

  it('keeps an animated GIF animated, in GIF and WebP (sharp cannot write animated AVIF)', async () => {
    const frame = (colour: string) =>
      sharp({ create: { width: 500, height: 300, channels: 3, background: colour } })
        .png()
        .toBuffer()
    const frames = await Promise.all(['#204080', '#802040', '#408020'].map(frame))
    const gif = await sharp(frames, { join: { animated: true } })
      .gif({ loop: 0, delay: [200, 200, 200] })
      .toBuffer()
    expect((await sharp(gif).metadata()).pages).toBe(3)
    const result = await processImage(gif, '2026/11/0123456789abcdef-spinner')
    expect(result.variants.map((v) => `${v.width}x${v.height}.${v.format}`).sort()).toEqual([
      '360x216.gif',
      '360x216.webp',
      '500x300.gif',
      '500x300.webp',
    ])
    for (const file of [result.original, ...result.variants]) {
      expect((await sharp(file.data, { animated: true }).metadata()).pages, file.path).toBe(3)
    }
  })

  it('refuses a damaged file and a decompression bomb without decoding it', async () => {
    const jpeg = await square(600).jpeg().toBuffer()
    await expect(processImage(jpeg.subarray(0, 300), 'x/y/0123456789abcdef-a')).rejects.toMatchObject({
      code: 'MEDIA_DAMAGED',
    })
  })
})
