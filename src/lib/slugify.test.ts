import { describe, expect, it } from 'vitest'
import { isPlausibleSlug, slugify } from './slugify.ts'

describe('slugify', () => {
  it('lowercases and joins words with hyphens', () => {
    expect(slugify('Kabul Water Board Opens New Wells!')).toBe('kabul-water-board-opens-new-wells')
  })
  it('removes accents from Latin letters', () => {
    expect(slugify('Café Crème à Hérat')).toBe('cafe-creme-a-herat')
  })
  it('keeps Dari and Pashto letters and drops zero-width joiners', () => {
    expect(slugify('آب\u200cرسانی در کابل')).toBe('آبرسانی-در-کابل')
  })
  it('never produces path separators or dots', () => {
    expect(slugify('../../etc/passwd')).toBe('etc-passwd')
    expect(slugify('a/b\\c.d')).toBe('a-b-c-d')
  })
  it('is empty for text with no letters or digits', () => {
    expect(slugify('—!?')).toBe('')
  })
  it('cuts long slugs on a hyphen', () => {
    const slug = slugify('word '.repeat(40))
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slug.endsWith('-')).toBe(false)
  })
})

describe('isPlausibleSlug', () => {
  it('accepts slugs we make and refuses anything else', () => {
    expect(isPlausibleSlug('kabul-water-2')).toBe(true)
    expect(isPlausibleSlug('آب-کابل')).toBe(true)
    expect(isPlausibleSlug('..')).toBe(false)
    expect(isPlausibleSlug('a/b')).toBe(false)
    expect(isPlausibleSlug('')).toBe(false)
    expect(isPlausibleSlug('x'.repeat(201))).toBe(false)
  })
})
