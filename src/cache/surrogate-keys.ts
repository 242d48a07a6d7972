// Surrogate keys: names for the things a response shows. A handler declares the keys of what it
// rendered (sendPage's surrogateKeys, sent as the Surrogate-Key header); a content event purges the
// keys of what changed. One spelling for both sides lives here.

export const articleKey = (id: number): string => `article:${id}`
export const sectionKey = (id: number): string => `section:${id}`
export const tagKey = (id: number): string => `tag:${id}`
export const authorKey = (id: number): string => `author:${id}`
/** A month archive in the site's time zone: archive:2026-11. */
export const archiveKey = (year: number, month: number): string =>
  `archive:${year}-${String(month).padStart(2, '0')}`

/**
 * The keys of the stories a listing page shows, declared beside the listing's own key: a story's
 * event purges its article key, so a page that lists it is purged even when the story has since
 * left that listing (moved to another section, a tag removed, its date changed), which the
 * story's new placement alone would not reach.
 */
export const listedStoryKeys = (stories: readonly { id: number }[]): string[] =>
  stories.map((s) => articleKey(s.id))

export const HOME_KEY = 'home'
export const LATEST_KEY = 'latest'
export const FEEDS_KEY = 'feeds'
export const SITEMAPS_KEY = 'sitemaps'

/** The Surrogate-Key header's value: keys separated by spaces (Fastly's and Varnish's convention). */
export function surrogateKeyHeader(keys: readonly string[]): string {
  return [...new Set(keys)].join(' ')
}

export function parseSurrogateKeyHeader(value: unknown): string[] {
  if (typeof value !== 'string') return []
  return value.split(' ').filter((key) => key !== '')
}
