// What a feed says, whatever its format: the newest published stories of the site, a section, a
// tag or a byline, read through the articles service (so "published" means what it means on the
// site), with every address absolute. rss.ts, atom.ts and json-feed.ts only write it out.

import type { ArticleFilter } from '../articles/articles.queries.ts'
import { type ArticleDetail, latestPublishedDetails } from '../articles/articles.service.ts'
import { withDateline } from '../articles/dateline.ts'
import { findAuthorBySlug } from '../authors/authors.service.ts'
import { authorKey, FEEDS_KEY, sectionKey, tagKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { asSiteLanguage, LANGUAGES, localizedPath } from '../i18n/languages.ts'
import { createTranslator } from '../i18n/messages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { getMediaFiles } from '../media/media.service.ts'
import { findSectionBySlug, sectionWithDescendantIds } from '../sections/sections.service.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { findTagBySlug } from '../tags/tags.service.ts'
import { isFeedFullContent } from './feed-settings.ts'
import { FEED_FORMATS, type FeedFormat, type FeedScopeRef, feedPath } from './feed-urls.ts'

/** Newest stories per feed: enough for a reader away for a day, small on a metered connection. */
export const FEED_SIZE = 30

export interface FeedAuthor {
  name: string
  /** The byline's page (absolute). */
  url: string
}

export interface FeedCategory {
  name: string
  /** The section's or tag's page (absolute). */
  url: string
}

export interface FeedImage {
  url: string
  mimeType: string
  bytes: number
  width: number | null
  height: number | null
  alt: string
}

export interface FeedEntry {
  /** The permalink (absolute). */
  url: string
  /** Atom's permanent id: a tag: URI of the story's number, so a new slug is not a new story. */
  tagUri: string
  title: string
  /** Plain text: the editor's excerpt, else the automatic one. */
  summary: string
  /** The whole story as HTML with absolute links, or undefined when feeds carry excerpts only. */
  contentHtml: string | undefined
  /** ISO UTC. */
  publishedAt: string
  updatedAt: string
  authors: FeedAuthor[]
  /** The section first, then the tags. */
  categories: FeedCategory[]
  image: FeedImage | undefined
  language: string
}

export interface FeedData {
  title: string
  description: string
  language: string
  /** The page the feed mirrors (absolute). */
  homePageUrl: string
  /** This feed's own address in each format (absolute). */
  selfUrls: Readonly<Record<FeedFormat, string>>
  /** The newest change among the entries (ISO UTC); the site's epoch when there are none. */
  updatedAt: string
  siteName: string
  siteUrl: string
  /** The site's time zone: dates are written with its offset where the format allows. */
  timeZone: string
  iconUrl: string
  entries: FeedEntry[]
  /** What the feed shows, for the page cache: `feeds` and its section's, tag's or byline's key. */
  surrogateKeys: string[]
}

/** When a feed has nothing yet, its "updated" is a fixed instant, so its ETag stays stable. */
const EMPTY_FEED_UPDATED = '2000-01-01T00:00:00.000Z'

interface ResolvedScope {
  filter: ArticleFilter
  title: string
  description: string
  pagePath: string
  surrogateKeys: string[]
}

async function resolveScope(
  ctx: AppContext,
  scope: FeedScopeRef,
  siteName: string,
  language: string,
): Promise<ResolvedScope> {
  // Feed descriptions are words for readers: in the feed's language, from the site catalog.
  const feedLanguage = asSiteLanguage(language)
  const t = createTranslator(feedLanguage, LANGUAGES[feedLanguage].intlLocale)
  if (scope.kind === 'site') {
    return {
      filter: {},
      title: siteName,
      description: t('site.latestDescription', { siteName }),
      pagePath: '/',
      surrogateKeys: [FEEDS_KEY],
    }
  }
  if (!isPlausibleSlug(scope.slug)) throw new NotFoundError()
  if (scope.kind === 'section') {
    // The section's name in the feed's language (its page path is localized below, like every path).
    const section = await findSectionBySlug(ctx, scope.slug, language)
    if (!section) throw new NotFoundError('There is no such section.')
    return {
      // A section's feed lists its subsections' stories too, as its page does.
      filter: { sectionIds: await sectionWithDescendantIds(ctx, section.id) },
      title: `${siteName} – ${section.name}`,
      description: section.description || t('site.sectionDescription', { section: section.name, siteName }),
      pagePath: `/${encodeURIComponent(section.slug)}/`,
      surrogateKeys: [FEEDS_KEY, sectionKey(section.id)],
    }
  }
  if (scope.kind === 'tag') {
    const tag = await findTagBySlug(ctx, scope.slug)
    if (!tag) throw new NotFoundError('There is no such tag.')
    return {
      filter: { tagId: tag.id },
      title: `${siteName} – ${tag.name}`,
      description: t('site.tagDescription', { tag: tag.name, siteName }),
      pagePath: tag.url,
      surrogateKeys: [FEEDS_KEY, tagKey(tag.id)],
    }
  }
  const author = await findAuthorBySlug(ctx, scope.slug)
  if (!author) throw new NotFoundError('There is no such byline.')
  return {
    filter: { authorId: author.id },
    title: `${siteName} – ${author.name}`,
    description: t('site.authorFeedDescription', { name: author.name, siteName }),
    pagePath: author.url,
    surrogateKeys: [FEEDS_KEY, authorKey(author.id)],
  }
}

const URL_ATTRIBUTE = /\s(src|href|poster)="(\/(?!\/)[^"]*)"/g
const SRCSET_ATTRIBUTE = /\ssrcset="([^"]*)"/g

/** Root-relative links and images made absolute: a feed reader has no page address to resolve them by. */
export function absolutizeHtml(html: string, siteUrl: string): string {
  return html
    .replace(URL_ATTRIBUTE, (_all, name: string, path: string) => ` ${name}="${siteUrl}${path}"`)
    .replace(SRCSET_ATTRIBUTE, (_all, list: string) => {
      const entries = list.split(',').map((entry) => {
        const trimmed = entry.trim()
        return trimmed.startsWith('/') && !trimmed.startsWith('//') ? siteUrl + trimmed : trimmed
      })
      return ` srcset="${entries.join(', ')}"`
    })
}

/** tag:news.example,2026-11-26:article/42 (RFC 4151), dated by first publication. */
export function articleTagUri(siteUrl: string, articleId: number, publishedAt: string): string {
  return `tag:${new URL(siteUrl).host},${publishedAt.slice(0, 10)}:article/${articleId}`
}

function toEntry(
  article: ArticleDetail,
  siteUrl: string,
  isFullContent: boolean,
  image: FeedImage | undefined,
): FeedEntry {
  return {
    url: siteUrl + article.url,
    tagUri: articleTagUri(siteUrl, article.id, article.publishedAt),
    title: article.headline,
    summary: article.excerpt,
    contentHtml: isFullContent
      ? absolutizeHtml(withDateline(article.bodyHtml, article.dateline), siteUrl)
      : undefined,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    authors: article.authors.map((a) => ({ name: a.name, url: siteUrl + a.url })),
    categories: [
      { name: article.section.name, url: siteUrl + article.section.url },
      ...article.tags.map((t) => ({ name: t.name, url: siteUrl + t.url })),
    ],
    image,
    language: article.language,
  }
}

/**
 * The feed of a scope in a language (the stories written in it, its section names, its
 * addresses); NotFoundError when the section, tag or byline does not exist.
 */
export async function buildFeed(ctx: AppContext, scope: FeedScopeRef, language?: string): Promise<FeedData> {
  const publisher = await sitePublisher(ctx, language)
  const siteUrl = ctx.config.siteUrl
  const resolved = await resolveScope(ctx, scope, publisher.name, publisher.language)
  const { defaultLanguage } = await getSiteSettings(ctx)
  const localize = (path: string): string => localizedPath(path, publisher.language, defaultLanguage)
  const [articles, isFullContent] = await Promise.all([
    latestPublishedDetails(ctx, { ...resolved.filter, language: publisher.language }, FEED_SIZE),
    isFeedFullContent(ctx),
  ])
  const files = await getMediaFiles(
    ctx,
    articles.flatMap((a) => (a.image ? [a.image.id] : [])),
  )
  const entries = articles.map((article) => {
    const file = article.image ? files.get(article.image.id) : undefined
    const image =
      file && article.image ? { ...file, url: siteUrl + file.url, alt: article.image.alt } : undefined
    return toEntry(article, siteUrl, isFullContent, image)
  })
  // ISO UTC strings of one length sort as the instants they name.
  const updatedAt =
    entries
      .map((e) => e.updatedAt)
      .sort()
      .at(-1) ?? EMPTY_FEED_UPDATED
  const selfUrls = Object.fromEntries(
    FEED_FORMATS.map((f) => [f, siteUrl + localize(feedPath(scope, f))]),
  ) as Record<FeedFormat, string>
  return {
    title: resolved.title,
    description: resolved.description,
    language: publisher.language,
    homePageUrl: siteUrl + localize(resolved.pagePath),
    selfUrls,
    updatedAt,
    siteName: publisher.name,
    siteUrl,
    timeZone: publisher.timeZone,
    iconUrl: publisher.logo.url,
    entries,
    surrogateKeys: resolved.surrogateKeys,
  }
}
