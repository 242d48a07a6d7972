// Metadata a page passes to the layout as plain data: Open Graph and Twitter tags, schema.org
// JSON-LD, its own feeds and its translations. The layout renders it (views/layout.tsx).
import type { ArticleDetail, ArticleSummary } from '../articles/articles.service.ts'
import type { AuthorView } from '../authors/authors.service.ts'
import { type FeedLink, type FeedScopeRef, feedLinks } from '../feeds/feed-urls.ts'
import { collectionPageJsonLd, newsArticleJsonLd, profilePageJsonLd, websiteJsonLd } from './json-ld.ts'
import { articleShareCard, ogLocale, pageShareCard } from './open-graph.ts'
import type { Publisher } from './publisher.ts'

export interface MetaProperty {
  property: string
  content: string
}

export interface MetaName {
  name: string
  content: string
}

/** A translation of the page: <link rel="alternate" hreflang="fa" href="…">. */
export interface HreflangAlternate {
  hreflang: string
  href: string
}

export interface PageMeta {
  /** og:* and article:* properties, in order. */
  openGraph: MetaProperty[]
  twitter: MetaName[]
  /** schema.org objects; the layout serialises them safely (json-ld.ts). */
  jsonLd: Record<string, unknown>[]
  /** The page's own feeds (a section's, tag's or byline's), besides the site's on every page. */
  feeds: FeedLink[]
  /** Versions of this page in every language it has, x-default included (seo/hreflang.ts). */
  alternates: HreflangAlternate[]
}

// ——— Builders: one per page type, pure, so every page's metadata is unit-tested without a server ———

export interface MetaContext {
  /** Its `language` and `url` are the page's: the Dari home page's publisher speaks Dari at /fa/. */
  publisher: Publisher
  siteUrl: string
  /** The page's versions in other languages (seo/hreflang.ts); none when omitted. */
  alternates?: HreflangAlternate[]
}

/** og:locale:alternate for each other language the page exists in (ogp.me). */
function withLocaleAlternates<T extends { openGraph: MetaProperty[] }>(
  card: T,
  language: string,
  alternates: readonly HreflangAlternate[],
): T {
  const others = alternates
    .map((a) => a.hreflang.slice(0, 2))
    .filter((code, i, all) => code !== 'x-' && code !== language && all.indexOf(code) === i)
  return {
    ...card,
    openGraph: [
      ...card.openGraph,
      ...others.map((code) => ({ property: 'og:locale:alternate', content: ogLocale(code) })),
    ],
  }
}

export function articlePageMeta(
  context: MetaContext,
  article: ArticleDetail,
  canonicalUrl: string,
): PageMeta {
  const { publisher, siteUrl } = context
  const card = articleShareCard({
    article,
    canonicalUrl,
    siteName: publisher.name,
    siteUrl,
    timeZone: publisher.timeZone,
  })
  const alternates = context.alternates ?? []
  return {
    ...withLocaleAlternates(card, article.language, alternates),
    jsonLd: [newsArticleJsonLd({ article, canonicalUrl, publisher, siteUrl, timeZone: publisher.timeZone })],
    feeds: [],
    alternates,
  }
}

export function homePageMeta(
  context: MetaContext,
  description: string,
  lead: ArticleSummary | undefined,
): PageMeta {
  const { publisher, siteUrl } = context
  const alternates = context.alternates ?? []
  const card = pageShareCard({
    title: publisher.name,
    description,
    url: publisher.url,
    siteName: publisher.name,
    siteUrl,
    language: publisher.language,
    image: lead?.image,
  })
  return {
    ...withLocaleAlternates(card, publisher.language, alternates),
    jsonLd: websiteJsonLd(publisher, siteUrl),
    feeds: [],
    alternates,
  }
}

/** A section's, tag's or byline's page: a collection (or a profile) with its own feeds. */
export function listingPageMeta(
  context: MetaContext,
  input: {
    title: string
    description: string
    canonicalUrl: string
    stories: readonly ArticleSummary[]
    feedScope?: FeedScopeRef
    author?: AuthorView
    /** Localizes the feeds' paths into the page's language (locale.path). */
    localize?: (sitePath: string) => string
  },
): PageMeta {
  const { publisher, siteUrl } = context
  const card = pageShareCard({
    type: input.author ? 'profile' : 'website',
    title: input.title,
    description: input.description,
    url: input.canonicalUrl,
    siteName: publisher.name,
    siteUrl,
    language: publisher.language,
    image: input.author?.avatar,
  })
  const jsonLd = input.author
    ? profilePageJsonLd({
        author: input.author,
        url: input.canonicalUrl,
        language: publisher.language,
        siteUrl,
      })
    : collectionPageJsonLd({
        name: input.title,
        description: input.description,
        url: input.canonicalUrl,
        language: publisher.language,
        stories: input.stories,
        siteUrl,
      })
  const alternates = context.alternates ?? []
  return {
    ...withLocaleAlternates(card, publisher.language, alternates),
    jsonLd: [jsonLd],
    feeds: input.feedScope
      ? feedLinks(siteUrl, input.feedScope, `${publisher.name} – ${input.title}`, input.localize)
      : [],
    alternates,
  }
}
