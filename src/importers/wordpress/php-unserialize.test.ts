import { describe, expect, it } from 'vitest'
import { isPhpSerialized, phpUnserialize } from './php-unserialize.ts'

describe('phpUnserialize', () => {
  it('reads attachment metadata with sizes', () => {
    const text =
      'a:3:{s:5:"width";i:1600;s:4:"file";s:18:"2026/11/photo.jpg";s:5:"sizes";a:1:{s:5:"large";a:2:{s:4:"file";s:19:"photo-1024x683.jpg";s:5:"width";i:1024;}}}'
    expect(phpUnserialize(text)).toEqual({
      width: 1600,
      file: '2026/11/photo.jpg',
      sizes: { large: { file: 'photo-1024x683.jpg', width: 1024 } },
    })
  })

  it('counts bytes, not characters, in Dari text', () => {
    const value = 'کابل'
    expect(phpUnserialize(`s:${Buffer.byteLength(value)}:"${value}";`)).toBe(value)
  })

  it('recomputes a wrong s:N: length (a \\r\\n normalised to \\n by XML)', () => {
    expect(phpUnserialize('a:1:{s:4:"note";s:12:"line one\nline";}')).toEqual({ note: 'line one\nline' })
    expect(phpUnserialize('a:2:{i:0;s:99:"a";i:1;b:1;}')).toEqual({ 0: 'a', 1: true })
  })

  it('keeps a string that itself contains a quote and semicolon', () => {
    expect(phpUnserialize('a:1:{i:0;s:5:"a";bc";}')).toEqual({ 0: 'a";bc' })
  })

  it('refuses objects and garbage instead of instantiating anything', () => {
    expect(phpUnserialize('O:8:"stdClass":0:{}')).toBeUndefined()
    expect(phpUnserialize('a:1:{i:0;O:8:"stdClass":0:{}}')).toBeUndefined()
    expect(phpUnserialize('hello')).toBeUndefined()
    expect(phpUnserialize('a:2:{i:0;')).toBeUndefined()
  })

  it('tells serialised values from plain text', () => {
    expect(isPhpSerialized('a:0:{}')).toBe(true)
    expect(isPhpSerialized('b:1;')).toBe(true)
    expect(isPhpSerialized('Kabul')).toBe(false)
  })
})
