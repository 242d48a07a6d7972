// Metadata a page passes to the layout as plain data: Open Graph and Twitter tags, schema.org
// JSON-LD, its own feeds and its translations. The layout renders it (views/layout.tsx).
import type { ArticleDetail, ArticleSummary } from '../articles/articles.service.ts'
import type { AuthorView } from '../authors/authors.service.ts'
import { type FeedLink, type FeedScopeRef, feedLinks } from '../feeds/feed-urls.ts'
import { collectionPageJsonLd, newsArticleJsonLd, profilePageJsonLd, websiteJsonLd } from './json-ld.ts'
import { articleShareCard, pageShareCard } from './open-graph.ts'
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
  /**
   * Translations of this page, x-default included. Empty until translations are modelled: the
   * story's translation set will fill it here, and the layout already renders it.
   */
  alternates: HreflangAlternate[]
}

// ——— Builders: one per page type, pure, so every page's metadata is unit-tested without a server ———

export interface MetaContext {
  publisher: Publisher
  siteUrl: string
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
  return {
    ...card,
    jsonLd: [newsArticleJsonLd({ article, canonicalUrl, publisher, siteUrl, timeZone: publisher.timeZone })],
    feeds: [],
    alternates: [],
  }
}

export function homePageMeta(
  context: MetaContext,
  description: string,
  lead: ArticleSummary | undefined,
): PageMeta {
  const { publisher, siteUrl } = context
  return {
    ...pageShareCard({
      title: publisher.name,
      description,
      url: `${siteUrl}/`,
      siteName: publisher.name,
      siteUrl,
      language: publisher.language,
      image: lead?.image,
    }),
    jsonLd: websiteJsonLd(publisher, siteUrl),
    feeds: [],
    alternates: [],
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
  return {
    ...card,
    jsonLd: [jsonLd],
    feeds: input.feedScope ? feedLinks(siteUrl, input.feedScope, `${publisher.name} – ${input.title}`) : [],
    alternates: [],
  }
}
