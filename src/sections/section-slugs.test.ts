import { describe, expect, it } from 'vitest'
import { sectionSlugProblem } from './sections.service.ts'

describe('sectionSlugProblem', () => {
  it('accepts plain slugs in every script we publish in', () => {
    for (const slug of ['world', 'world-news', 'covid-19', 'سیاست', 'ورزش-و-صحت'])
      expect(sectionSlugProblem(slug)).toBeUndefined()
  })

  it('refuses the site’s own paths, four-digit years and anything that is not a slug', () => {
    expect(sectionSlugProblem('tag')).toMatch(/reserved/)
    expect(sectionSlugProblem('admin')).toMatch(/reserved/)
    // The offline reading page (src/offline/offline.site.tsx).
    expect(sectionSlugProblem('offline')).toMatch(/reserved/)
    expect(sectionSlugProblem('2026')).toMatch(/four digits/)
    expect(sectionSlugProblem('World News')).toMatch(/cannot be a slug.*world-news/)
    expect(sectionSlugProblem('a--b')).toMatch(/cannot be a slug/)
    expect(sectionSlugProblem('')).toMatch(/at least one letter/)
  })
})
