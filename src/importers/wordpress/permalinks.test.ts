import { describe, expect, it } from 'vitest'
import { detectPermalinkStructure, oldPath, pathVariants, permalinkPath } from './permalinks.ts'

describe('permalinks', () => {
  it('keeps the path below the blog base, also for a multisite sub-site', () => {
    expect(oldPath('https://old.example/2026/11/27/wells/', 'https://old.example')).toBe('/2026/11/27/wells/')
    expect(oldPath('https://network.example/kabul/2026/11/wells/', 'https://network.example/kabul')).toBe(
      '/2026/11/wells/',
    )
    expect(oldPath('https://old.example/?p=12', 'https://old.example/')).toBe('/?p=12')
    expect(oldPath('https://elsewhere.example/x/', 'https://old.example')).toBeUndefined()
  })

  it('stores both cases of percent-escapes', () => {
    expect(pathVariants('/%d8%a7/')).toEqual(['/%d8%a7/', '/%D8%A7/'])
    expect(pathVariants('/plain/')).toEqual(['/plain/'])
  })

  it('detects the structure the links follow', () => {
    const sample = (path: string) => ({ path, postDate: '2026-11-27 10:00:00', slug: 'wells', postId: '12' })
    expect(detectPermalinkStructure([sample('/2026/11/27/wells/'), sample('/2026/11/27/wells/')])).toBe(
      '/%year%/%monthnum%/%day%/%postname%/',
    )
    expect(detectPermalinkStructure([sample('/2026/11/wells/')])).toBe('/%year%/%monthnum%/%postname%/')
    expect(detectPermalinkStructure([sample('/wells/')])).toBe('/%postname%/')
    expect(detectPermalinkStructure([sample('/?p=12')])).toBe('/?p=%post_id%')
    expect(permalinkPath('/%year%/%monthnum%/%postname%/', sample(''))).toBe('/2026/11/wells/')
  })
})
