// Which story sitemaps exist: one per UTC month of first publication, split into parts when a
// month holds more URLs than one sitemap may (50,000 by sitemaps.org). Pure, so it is unit-tested.

export const MAX_SITEMAP_URLS = 50_000

export interface MonthCount {
  /** "2026-11" */
  month: string
  count: number
  /** The newest change among the month's stories (ISO UTC). */
  lastModified: string
}

export interface PostSitemap {
  /** posts-2026-11.xml, then posts-2026-11-2.xml … for the parts of a crowded month. */
  name: string
  month: string
  part: number
  offset: number
  limit: number
  lastModified: string
}

export function postSitemapName(month: string, part: number): string {
  return part === 1 ? `posts-${month}.xml` : `posts-${month}-${part}.xml`
}

export function planPostSitemaps(months: readonly MonthCount[], maxUrls = MAX_SITEMAP_URLS): PostSitemap[] {
  return months.flatMap((m) => {
    const parts = Math.max(1, Math.ceil(m.count / maxUrls))
    return Array.from({ length: parts }, (_unused, i) => ({
      name: postSitemapName(m.month, i + 1),
      month: m.month,
      part: i + 1,
      offset: i * maxUrls,
      limit: maxUrls,
      lastModified: m.lastModified,
    }))
  })
}

/** The month and part a file name asks for, or undefined when it is not a story sitemap's name. */
export function parsePostSitemapName(name: string): { month: string; part: number } | undefined {
  const match = /^posts-(\d{4})-(\d{2})(?:-([1-9]\d{0,3}))?\.xml$/.exec(name)
  if (!match) return undefined
  const month = Number(match[2])
  if (month < 1 || month > 12) return undefined
  const part = match[3] === undefined ? 1 : Number(match[3])
  // posts-2026-11-1.xml is not a name we give out: one address per sitemap.
  if (match[3] === '1') return undefined
  return { month: `${match[1]}-${match[2]}`, part }
}

/** [start, end) of a UTC month as ISO strings comparable with stored times. */
export function utcMonthRange(month: string): { start: string; end: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  return {
    start: new Date(Date.UTC(year, mon - 1, 1)).toISOString(),
    end: new Date(Date.UTC(year, mon, 1)).toISOString(),
  }
}
