// The feeds' addresses, in one place for the routes, the <head> autodiscovery links and the tests.
// Every feed lives under /feed/ ("feed" is a reserved section slug), so none can clash with a
// section front (/{section}/) or a story (/{section}/{slug}).

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const
export type FeedFormat = (typeof FEED_FORMATS)[number]

/** What a feed lists: the whole site, or one section (with its subsections), tag or byline. */
export type FeedScopeRef = { kind: 'site' } | { kind: 'section' | 'tag' | 'author'; slug: string }

export const FEED_FILE_NAMES: Readonly<Record<FeedFormat, string>> = {
  rss: 'rss.xml',
  atom: 'atom.xml',
  json: 'feed.json',
}

export const FEED_MEDIA_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
}

const FORMAT_NAMES: Readonly<Record<FeedFormat, string>> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' }

/** /feed/rss.xml for the site; /feed/section/politics/atom.xml for a section, and so on. */
export function feedPath(scope: FeedScopeRef, format: FeedFormat): string {
  const file = FEED_FILE_NAMES[format]
  return scope.kind === 'site'
    ? `/feed/${file}`
    : `/feed/${scope.kind}/${encodeURIComponent(scope.slug)}/${file}`
}

/** One <link rel="alternate"> for feed readers to discover. */
export interface FeedLink {
  type: string
  title: string
  href: string
}

/**
 * The three feeds of a scope, titled "Site name – Politics (RSS)", with absolute addresses. Each
 * language has its own feeds under its prefix (/fa/feed/rss.xml): `localize` is the page's
 * locale.path, so a Dari page offers the Dari feeds.
 */
export function feedLinks(
  siteUrl: string,
  scope: FeedScopeRef,
  title: string,
  localize: (sitePath: string) => string = (path) => path,
): FeedLink[] {
  return FEED_FORMATS.map((format) => ({
    type: FEED_MEDIA_TYPES[format],
    title: `${title} (${FORMAT_NAMES[format]})`,
    href: siteUrl + localize(feedPath(scope, format)),
  }))
}
