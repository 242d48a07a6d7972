// The sitemaps (sitemaps.org 0.9 with Google's image and news extensions) and robots.txt. Stories
// come from the articles service's published listings, so nothing a reader may not see is named.
//
// Languages: one index (/sitemap.xml) names every language's sitemaps. The default language's live
// at /sitemaps/…, the others' under their prefix (/fa/sitemaps/pages.xml, /fa/sitemaps/posts-…),
// each listing that language's pages only; a story with published translations carries
// <xhtml:link rel="alternate" hreflang> to each of them (Google's sitemap form of hreflang). The
// news sitemap is one for all languages: each entry names its own news:language.
import {
  type ArticleLink,
  listPublishedLinks,
  publishedMonths,
  publishedTopics,
} from '../articles/articles.service.ts'
import { publishedTranslationGroups } from '../articles/translations.service.ts'
import { authorUrl } from '../authors/authors.service.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { el, renderXmlDocument, type XmlElement } from '../feeds/xml.ts'
import { localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { toZonedIso } from '../lib/time.ts'
import { listSections } from '../sections/sections.service.ts'
import { hreflangAlternates } from '../seo/hreflang.ts'
import { type Publisher, sitePublisher } from '../seo/publisher.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { tagUrl } from '../tags/tags.service.ts'
import { parsePostSitemapName, planPostSitemaps, utcMonthRange } from './sitemap-plan.ts'

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
const XHTML_NS = 'http://www.w3.org/1999/xhtml'

export const SITEMAP_INDEX_PATH = '/sitemap.xml'
export const PAGES_SITEMAP_PATH = '/sitemaps/pages.xml'
export const NEWS_SITEMAP_PATH = '/sitemaps/news.xml'

/** Google News takes stories first published in the last two days, at most 1,000 a sitemap. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000
export const MAX_NEWS_URLS = 1000

export interface SitemapDocument {
  xml: string
  /** The newest change the sitemap names (ISO UTC), for Last-Modified; undefined when empty. */
  lastModified: string | undefined
}

const newest = (dates: readonly (string | undefined)[]): string | undefined =>
  dates.reduce<string | undefined>(
    (max, d) => (d !== undefined && (max === undefined || d > max) ? d : max),
    undefined,
  )

function urlEntry(
  loc: string,
  lastModified: string | undefined,
  timeZone: string,
  ...extra: XmlElement[]
): XmlElement {
  return el(
    'url',
    {},
    el('loc', {}, loc),
    lastModified !== undefined && el('lastmod', {}, toZonedIso(lastModified, timeZone)),
    ...extra,
  )
}

/** The site's languages, the default first: the order of the index. */
async function languagesInOrder(ctx: AppContext): Promise<{ languages: string[]; defaultLanguage: string }> {
  const { defaultLanguage } = await getSiteSettings(ctx)
  return {
    languages: [defaultLanguage, ...SITE_LANGUAGES.filter((l) => l !== defaultLanguage)],
    defaultLanguage,
  }
}

/**
 * /sitemap.xml: per language, its pages sitemap and one story sitemap per month (or part); the
 * news sitemap once. A language with no published story has no sitemaps (the default one keeps
 * its pages sitemap: the home page is always there).
 */
export async function buildSitemapIndex(ctx: AppContext): Promise<SitemapDocument> {
  const publisher = await sitePublisher(ctx)
  const siteUrl = ctx.config.siteUrl
  const { languages, defaultLanguage } = await languagesInOrder(ctx)
  const sitemap = (path: string, modified: string | undefined): XmlElement =>
    el(
      'sitemap',
      {},
      el('loc', {}, siteUrl + path),
      modified !== undefined && el('lastmod', {}, toZonedIso(modified, publisher.timeZone)),
    )
  const entries: XmlElement[] = []
  let lastModified: string | undefined
  for (const language of languages) {
    const months = await publishedMonths(ctx, language)
    const isDefault = language === defaultLanguage
    if (months.length === 0 && !isDefault) continue
    const modified = newest(months.map((m) => m.lastModified))
    lastModified = newest([lastModified, modified])
    const at = (path: string) => localizedPath(path, language, defaultLanguage)
    entries.push(sitemap(at(PAGES_SITEMAP_PATH), modified))
    if (isDefault) entries.push(sitemap(NEWS_SITEMAP_PATH, undefined))
    for (const file of planPostSitemaps(months))
      entries.push(sitemap(at(`/sitemaps/${file.name}`), file.lastModified))
  }
  const xml = renderXmlDocument(el('sitemapindex', { xmlns: SITEMAP_NS }, ...entries))
  return { xml, lastModified }
}

function imageEntry(siteUrl: string, link: ArticleLink): XmlElement | false {
  return link.image !== undefined && el('image:image', {}, el('image:loc', {}, siteUrl + link.image.url))
}

/** <xhtml:link> for every published version of a story, itself included, when it has translations. */
function hreflangEntries(
  siteUrl: string,
  link: ArticleLink,
  groups: Map<number, { language: string; url: string }[]>,
  defaultLanguage: string,
): XmlElement[] {
  if (link.translationGroupId === null) return []
  const versions = groups.get(link.translationGroupId) ?? []
  return hreflangAlternates(siteUrl, versions, defaultLanguage).map((a) =>
    el('xhtml:link', { rel: 'alternate', hreflang: a.hreflang, href: a.href }),
  )
}

/** /sitemaps/posts-2026-11.xml (/fa/sitemaps/… in Dari): a month's published stories in the language. */
export async function buildPostSitemap(
  ctx: AppContext,
  name: string,
  language?: string,
): Promise<SitemapDocument> {
  const wanted = parsePostSitemapName(name)
  if (!wanted) throw new NotFoundError()
  const publisher = await sitePublisher(ctx, language)
  const file = planPostSitemaps(await publishedMonths(ctx, publisher.language)).find(
    (f) => f.month === wanted.month && f.part === wanted.part,
  )
  if (!file) throw new NotFoundError('There is no sitemap for that month.')
  const links = await listPublishedLinks(
    ctx,
    { language: publisher.language, publishedBetween: utcMonthRange(file.month) },
    { limit: file.limit, offset: file.offset },
  )
  const siteUrl = ctx.config.siteUrl
  const { defaultLanguage } = await getSiteSettings(ctx)
  const groups = await publishedTranslationGroups(
    ctx,
    links.flatMap((l) => (l.translationGroupId === null ? [] : [l.translationGroupId])),
  )
  const xml = renderXmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:image': IMAGE_NS, 'xmlns:xhtml': XHTML_NS },
      ...links.map((link) =>
        urlEntry(
          siteUrl + link.url,
          link.updatedAt,
          publisher.timeZone,
          ...[imageEntry(siteUrl, link)].filter((e) => e !== false),
          ...hreflangEntries(siteUrl, link, groups, defaultLanguage),
        ),
      ),
    ),
  )
  return { xml, lastModified: newest(links.map((l) => l.updatedAt)) }
}

/**
 * /sitemaps/pages.xml (/fa/sitemaps/pages.xml in Dari): the language's home page, /latest/, and
 * the sections, tags and bylines with stories in it.
 */
export async function buildPagesSitemap(ctx: AppContext, language?: string): Promise<SitemapDocument> {
  const publisher = await sitePublisher(ctx, language)
  const siteUrl = ctx.config.siteUrl
  const { defaultLanguage } = await getSiteSettings(ctx)
  const at = (path: string) => siteUrl + localizedPath(path, publisher.language, defaultLanguage)
  const [topics, sections] = await Promise.all([
    publishedTopics(ctx, publisher.language),
    listSections(ctx, publisher.language),
  ])
  // A parent section's page lists its subsections' stories: it is worth a crawl when they have some.
  const sectionModified = new Map<number, string>()
  const parentOf = new Map(sections.map((s) => [s.id, s.parentId]))
  for (const topic of topics.sections) {
    for (
      let id: number | null | undefined = topic.id, depth = 0;
      id != null && depth < 10;
      id = parentOf.get(id), depth++
    ) {
      const current = sectionModified.get(id)
      if (current === undefined || topic.lastModified > current) sectionModified.set(id, topic.lastModified)
    }
  }
  const lastModified = newest(topics.sections.map((t) => t.lastModified))
  const xml = renderXmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS },
      urlEntry(at('/'), lastModified, publisher.timeZone),
      lastModified !== undefined && urlEntry(at('/latest/'), lastModified, publisher.timeZone),
      ...sections.flatMap((s) => {
        const modified = sectionModified.get(s.id)
        return modified === undefined ? [] : [urlEntry(siteUrl + s.url, modified, publisher.timeZone)]
      }),
      ...topics.tags.map((t) => urlEntry(at(tagUrl(t.slug)), t.lastModified, publisher.timeZone)),
      ...topics.authors.map((a) => urlEntry(at(authorUrl(a.slug)), a.lastModified, publisher.timeZone)),
    ),
  )
  return { xml, lastModified }
}

/** Google News wants the name as news.google.com shows it, without anything in parentheses. */
export function newsPublicationName(siteName: string): string {
  return siteName.replace(/\s*\([^)]*\)/g, '').trim() || siteName
}

function newsEntry(siteUrl: string, link: ArticleLink, publisher: Publisher): XmlElement {
  return el(
    'url',
    {},
    el('loc', {}, siteUrl + link.url),
    el(
      'news:news',
      {},
      el(
        'news:publication',
        {},
        el('news:name', {}, newsPublicationName(publisher.name)),
        el('news:language', {}, link.language),
      ),
      // The first publication, in the site's offset, as Google asks.
      el('news:publication_date', {}, toZonedIso(link.publishedAt, publisher.timeZone)),
      el('news:title', {}, link.headline),
    ),
  )
}

/**
 * /sitemaps/news.xml: the stories first published in the last 48 hours in every language (each
 * entry names its own news:language), newest 1,000 at most.
 */
export async function buildNewsSitemap(ctx: AppContext): Promise<SitemapDocument> {
  const publisher = await sitePublisher(ctx)
  const now = ctx.clock.now().getTime()
  const links = await listPublishedLinks(
    ctx,
    {
      publishedBetween: {
        start: new Date(now - NEWS_WINDOW_MS).toISOString(),
        // isPublished already stops at now; the bound only has to lie beyond it.
        end: new Date(now + 1000).toISOString(),
      },
    },
    { limit: MAX_NEWS_URLS, offset: 0 },
  )
  const siteUrl = ctx.config.siteUrl
  const xml = renderXmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS },
      ...links.reverse().map((link) => newsEntry(siteUrl, link, publisher)),
    ),
  )
  return { xml, lastModified: newest(links.map((l) => l.updatedAt)) }
}

/** robots.txt: the newsroom's own paths are off limits; the sitemaps are named in full. */
export function buildRobotsTxt(siteUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /preview/',
    'Disallow: /search',
    // Every language's search (/fa/search…): results pages are endless and say nothing new.
    ...SITE_LANGUAGES.map((language) => `Disallow: /${language}/search`),
    '',
    `Sitemap: ${siteUrl}${SITEMAP_INDEX_PATH}`,
    `Sitemap: ${siteUrl}${NEWS_SITEMAP_PATH}`,
    '',
  ].join('\n')
}
