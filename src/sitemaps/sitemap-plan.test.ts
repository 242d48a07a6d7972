import { describe, expect, it } from 'vitest'
import { parsePostSitemapName, planPostSitemaps, postSitemapName, utcMonthRange } from './sitemap-plan.ts'

describe('story sitemap plan', () => {
  it('makes one sitemap per month while a month fits in one', () => {
    const plan = planPostSitemaps([
      { month: '2026-10', count: 3, lastModified: '2026-10-30T00:00:00.000Z' },
      { month: '2026-11', count: 50_000, lastModified: '2026-11-27T00:00:00.000Z' },
    ])
    expect(plan.map((p) => p.name)).toEqual(['posts-2026-10.xml', 'posts-2026-11.xml'])
    expect(plan[1]).toMatchObject({ offset: 0, limit: 50_000, lastModified: '2026-11-27T00:00:00.000Z' })
  })

  it('splits a month with more URLs than a sitemap may hold into parts', () => {
    const plan = planPostSitemaps([{ month: '2026-11', count: 120_001, lastModified: 'x' }])
    expect(plan.map((p) => [p.name, p.offset, p.limit])).toEqual([
      ['posts-2026-11.xml', 0, 50_000],
      ['posts-2026-11-2.xml', 50_000, 50_000],
      ['posts-2026-11-3.xml', 100_000, 50_000],
    ])
    expect(planPostSitemaps([{ month: '2026-11', count: 5, lastModified: 'x' }], 2)).toHaveLength(3)
  })

  it('reads back the names it gives and nothing else', () => {
    expect(parsePostSitemapName(postSitemapName('2026-11', 1))).toEqual({ month: '2026-11', part: 1 })
    expect(parsePostSitemapName(postSitemapName('2026-11', 3))).toEqual({ month: '2026-11', part: 3 })
    for (const bad of [
      'posts-2026-13.xml',
      'posts-2026-11-1.xml',
      'posts-2026-11-0.xml',
      'posts-26-11.xml',
      'x.xml',
      'posts-2026-11.xml/',
    ])
      expect(parsePostSitemapName(bad)).toBeUndefined()
  })

  it('bounds a month in UTC, December included', () => {
    expect(utcMonthRange('2026-12')).toEqual({
      start: '2026-12-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    })
  })
})
