// Which URL paths a published folder holds: the seeds. Every listing's first page is a seed and
// its further pages are found by following rel="next" as they are rendered (static-renderer.ts),
// so the page count is never computed twice; the sitemap index names the story sitemaps the same
// way. Languages: the default at the root, the others under /{code}/ (src/i18n/languages.ts); a
// seed that a language does not have is answered 404 and simply not written.

import { monthArchiveUrl } from '../archive/archive.site.tsx'
import {
  articlePlacement,
  listPublishedLinks,
  publishedMonths,
  publishedTopics,
} from '../articles/articles.service.ts'
import { authorUrl } from '../authors/authors.service.ts'
import {
  authorKey,
  FEEDS_KEY,
  HOME_KEY,
  LATEST_KEY,
  SITEMAPS_KEY,
  sectionKey,
  tagKey,
} from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { FEED_FORMATS, type FeedScopeRef, feedPath } from '../feeds/feed-urls.ts'
import { localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { liteUrl } from '../lite/lite.site.tsx'
import { MIRRORS_PATH } from '../mirror/mirrors.site.tsx'
import { listSections } from '../sections/sections.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { NEWS_SITEMAP_PATH, PAGES_SITEMAP_PATH, SITEMAP_INDEX_PATH } from '../sitemaps/sitemaps.service.ts'
import { tagUrl } from '../tags/tags.service.ts'

/** Stories are listed this many at a time (one query each). */
const STORY_BATCH = 2_000

interface Languages {
  all: readonly string[]
  /** A site path in each language: ["/society/", "/fa/society/", "/ps/society/"]. */
  everywhere(path: string): string[]
  in(language: string, path: string): string
}

async function siteLanguages(ctx: AppContext): Promise<Languages> {
  const { defaultLanguage } = await getSiteSettings(ctx)
  return {
    all: SITE_LANGUAGES,
    everywhere: (path) => SITE_LANGUAGES.map((language) => localizedPath(path, language, defaultLanguage)),
    in: (language, path) => localizedPath(path, language, defaultLanguage),
  }
}

function feedPaths(scope: FeedScopeRef): string[] {
  return FEED_FORMATS.map((format) => feedPath(scope, format))
}

const SITE_WIDE_FILES = [SITEMAP_INDEX_PATH, PAGES_SITEMAP_PATH, NEWS_SITEMAP_PATH, '/robots.txt']

function homePaths(languages: Languages): string[] {
  return languages.everywhere('/')
}

function latestPaths(languages: Languages): string[] {
  return [...languages.everywhere('/latest/'), ...languages.everywhere('/lite/')]
}

function siteFeedPaths(languages: Languages): string[] {
  return feedPaths({ kind: 'site' }).flatMap((path) => languages.everywhere(path))
}

/** A story's page and lite page. `url` already carries its language's prefix (ArticleLink.url). */
function storyPaths(_languages: Languages, _language: string, url: string): string[] {
  return [url, liteUrl(url)]
}

/** Months that may hold a story of this UTC month in the site's time zone (either side of it). */
function monthsAround(utcMonth: string): { year: number; month: number }[] {
  const [yearText, monthText] = utcMonth.split('-')
  const year = Number(yearText)
  const month = Number(monthText)
  return [-1, 0, 1].map((offset) => {
    const index = year * 12 + (month - 1) + offset
    return { year: Math.floor(index / 12), month: (index % 12) + 1 }
  })
}

/** Every seed of the whole site: what `dateline static build` and a site-wide change render. */
export async function allSeedPaths(ctx: AppContext): Promise<string[]> {
  const languages = await siteLanguages(ctx)
  const paths = new Set<string>([
    ...homePaths(languages),
    ...latestPaths(languages),
    ...languages.everywhere(MIRRORS_PATH),
    ...siteFeedPaths(languages),
    ...SITE_WIDE_FILES,
  ])
  for (const section of await listSections(ctx)) {
    for (const path of languages.everywhere(section.url)) paths.add(path)
    for (const path of feedPaths({ kind: 'section', slug: section.slug })) paths.add(path)
  }
  for (const language of languages.all) {
    const topics = await publishedTopics(ctx, language)
    for (const tag of topics.tags) {
      paths.add(languages.in(language, tagUrl(tag.slug)))
      for (const path of feedPaths({ kind: 'tag', slug: tag.slug })) paths.add(path)
    }
    for (const author of topics.authors) {
      paths.add(languages.in(language, authorUrl(author.slug)))
      for (const path of feedPaths({ kind: 'author', slug: author.slug })) paths.add(path)
    }
    for (const { month } of await publishedMonths(ctx, language)) {
      for (const zoned of monthsAround(month))
        paths.add(languages.in(language, monthArchiveUrl(zoned.year, zoned.month)))
    }
    for (let offset = 0; ; offset += STORY_BATCH) {
      const links = await listPublishedLinks(ctx, { language }, { limit: STORY_BATCH, offset })
      for (const link of links)
        for (const path of storyPaths(languages, link.language, link.url)) paths.add(path)
      if (links.length < STORY_BATCH) break
    }
  }
  return [...paths]
}

/** A published story's own addresses (its page and its lite page), or none when it is not published. */
async function publishedStoryPaths(
  ctx: AppContext,
  languages: Languages,
  articleId: number,
): Promise<string[]> {
  const placement = await articlePlacement(ctx, articleId)
  if (!placement?.publishedAt) return []
  // One story at this exact time in this section: the public listing, so "published" is defined once.
  const at = new Date(placement.publishedAt)
  const links = await listPublishedLinks(
    ctx,
    {
      sectionIds: [placement.sectionId],
      publishedBetween: { start: at.toISOString(), end: new Date(at.getTime() + 1).toISOString() },
    },
    { limit: 100, offset: 0 },
  )
  const link = links.find((l) => l.id === articleId)
  return link ? storyPaths(languages, link.language, link.url) : []
}

/**
 * The pages a change must reach first: the story's own pages and the front pages. A live change
 * writes these in a first, quick pass, before the rest of seedPathsForKeys (listings, feeds and
 * sitemaps) is even worked out.
 */
export async function urgentSeedPathsForKeys(ctx: AppContext, keys: readonly string[]): Promise<string[]> {
  const languages = await siteLanguages(ctx)
  const paths: string[] = []
  for (const key of keys) {
    const article = /^article:(\d+)$/.exec(key)
    if (article) paths.push(...(await publishedStoryPaths(ctx, languages, Number(article[1]))))
  }
  if (keys.includes(HOME_KEY)) paths.push(...homePaths(languages))
  return paths
}

/**
 * The seeds a set of surrogate keys reaches, for pages that may not have a file yet (a new story,
 * a tag's first story, a new month). Files that already exist under those keys are found in the
 * manifest; together they are everything a content event can change.
 */
export async function seedPathsForKeys(ctx: AppContext, keys: readonly string[]): Promise<string[]> {
  const languages = await siteLanguages(ctx)
  const wanted = new Set(keys)
  const paths = new Set<string>()
  const add = (list: readonly string[]) => {
    for (const path of list) paths.add(path)
  }
  // The story's own pages first, then the pages readers reach it from, feeds and sitemaps last:
  // a run writes in this order, so the page that changed is on disk soonest.
  for (const key of wanted) {
    const article = /^article:(\d+)$/.exec(key)
    if (article) add(await publishedStoryPaths(ctx, languages, Number(article[1])))
  }
  if (wanted.has(HOME_KEY)) add(homePaths(languages))
  if (wanted.has(LATEST_KEY)) add(latestPaths(languages))
  const sections = await listSections(ctx)
  for (const section of sections)
    if (wanted.has(sectionKey(section.id))) add(languages.everywhere(section.url))
  const feeds: string[] = []
  for (const language of languages.all) {
    const topics = await publishedTopics(ctx, language)
    for (const tag of topics.tags) {
      if (!wanted.has(tagKey(tag.id))) continue
      paths.add(languages.in(language, tagUrl(tag.slug)))
      feeds.push(...feedPaths({ kind: 'tag', slug: tag.slug }))
    }
    for (const author of topics.authors) {
      if (!wanted.has(authorKey(author.id))) continue
      paths.add(languages.in(language, authorUrl(author.slug)))
      feeds.push(...feedPaths({ kind: 'author', slug: author.slug }))
    }
  }
  for (const key of wanted) {
    const archive = /^archive:(\d{4})-(\d{2})$/.exec(key)
    if (archive) add(languages.everywhere(monthArchiveUrl(Number(archive[1]), Number(archive[2]))))
  }
  if (wanted.has(FEEDS_KEY)) add(siteFeedPaths(languages))
  for (const section of sections)
    if (wanted.has(sectionKey(section.id))) add(feedPaths({ kind: 'section', slug: section.slug }))
  add(feeds)
  if (wanted.has(SITEMAPS_KEY)) add(SITE_WIDE_FILES)
  return [...paths]
}
