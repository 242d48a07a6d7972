import { describe, expect, it } from 'vitest'
import { sanitizeBody } from '../lib/sanitize-body.ts'
import { slugify } from '../lib/slugify.ts'
import { DEMO_AGENCY, DEMO_IMAGES } from './demo-content.ts'
import { planArticles } from './demo-plan.ts'

const NOW = new Date('2026-11-27T08:00:00Z')
const plan = planArticles(NOW)
const visible = plan.filter(
  (a) => a.status === 'published' && a.publishedAt !== null && a.publishedAt <= NOW.toISOString(),
)

describe('demo plan', () => {
  it('is the same for the same "now"', () => {
    expect(planArticles(NOW)).toEqual(plan)
  })

  it('has 48 visible stories, two drafts and one dated two days ahead', () => {
    expect(visible).toHaveLength(48)
    expect(plan.filter((a) => a.status === 'draft')).toHaveLength(2)
    const ahead = plan.filter((a) => a.status === 'published' && (a.publishedAt ?? '') > NOW.toISOString())
    expect(ahead.map((a) => a.publishedAt)).toEqual(['2026-11-29T08:00:00.000Z'])
  })

  it('gives every story its own slug', () => {
    const slugs = new Set(plan.map((a) => slugify(a.headline)))
    expect(slugs.size).toBe(plan.length)
  })

  it('spreads stories over the last two months, in Kabul working hours', () => {
    for (const article of visible) {
      const at = Date.parse(article.publishedAt ?? '')
      expect(NOW.getTime() - at).toBeLessThan(62 * 24 * 3600_000)
      const kabulHour = new Date(at + 4.5 * 3600_000).getUTCHours()
      expect(kabulHour).toBeGreaterThanOrEqual(7)
      expect(kabulHour).toBeLessThan(22)
    }
    const newestSections = [...visible]
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
      .slice(0, 5)
      .map((a) => a.section)
    expect(new Set(newestSections).size).toBe(5)
  })

  it('writes bodies of 4 to 7 paragraphs that the sanitizer keeps as they are', () => {
    for (const article of plan) {
      const outside = article.bodyHtml.replace(/<blockquote>.*?<\/blockquote>/gs, '')
      const paragraphs = outside.match(/<p>/g)?.length ?? 0
      expect(paragraphs).toBeGreaterThanOrEqual(4)
      expect(paragraphs).toBeLessThanOrEqual(7)
      expect(article.bodyHtml).not.toContain('{city}')
      expect(sanitizeBody(article.bodyHtml)).toBe(article.bodyHtml)
    }
    const count = (tag: string): number => plan.filter((a) => a.bodyHtml.includes(tag)).length
    expect(count('<h2>')).toBeGreaterThan(5)
    expect(count('<blockquote>')).toBeGreaterThan(5)
    expect(count('<ul>')).toBeGreaterThan(5)
  })

  it('tags stories on one topic alike, two to four tags each', () => {
    for (const article of plan) {
      expect(article.tagNames.length).toBeGreaterThanOrEqual(2)
      expect(article.tagNames.length).toBeLessThanOrEqual(4)
    }
    const cricket = plan.filter((a) => a.topic === 'cricket')
    expect(cricket.every((a) => a.tagNames.includes('Cricket'))).toBe(true)
  })

  it('credits about a quarter of the stories to the agency', () => {
    const agency = visible.filter((a) => a.bylines.includes(DEMO_AGENCY.slug))
    expect(agency.length).toBe(12)
    expect(agency.some((a) => a.bylines.length === 1)).toBe(true)
    expect(agency.some((a) => a.bylines.length === 2)).toBe(true)
  })

  it('features a picture on about twelve stories, and corrects two a few hours after publication', () => {
    const pictured = visible.filter((a) => a.image !== undefined)
    expect(pictured.length).toBeGreaterThanOrEqual(10)
    expect(pictured.every((a) => DEMO_IMAGES.some((i) => i.name === a.image))).toBe(true)
    const corrected = visible.filter((a) => a.correction !== undefined)
    expect(corrected).toHaveLength(2)
    for (const article of corrected) {
      const delay = Date.parse(article.correction?.at ?? '') - Date.parse(article.publishedAt ?? '')
      expect(delay).toBeGreaterThan(3600_000)
      expect(delay).toBeLessThan(6 * 3600_000)
    }
  })
})
