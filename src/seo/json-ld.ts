// schema.org JSON-LD builders (pure) and the one safe way to put JSON-LD into HTML. Dates carry
// the site's offset (Google wants a time zone); bylines are Person or Organization by their kind,
// with only their public name and page, never the account behind them.
import type { ArticleDetail, ArticleSummary } from '../articles/articles.service.ts'
import type { AuthorView } from '../authors/authors.service.ts'
import { toZonedIso } from '../lib/time.ts'
import { structuredDataImages } from './images.ts'
import type { Publisher } from './publisher.ts'

const CONTEXT = 'https://schema.org'

const UNSAFE_IN_SCRIPT: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
}

/**
 * JSON for a <script type="application/ld+json"> block. HTML does not escape inside <script>, so
 * "</script>" in a headline would end the block: <, > and & are written as \u escapes (the same
 * string to a JSON parser), as are U+2028/2029 for old JavaScript parsers.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE_IN_SCRIPT[c] ?? c)
}

export function organizationId(siteUrl: string): string {
  return `${siteUrl}/#organization`
}

export function websiteId(siteUrl: string): string {
  return `${siteUrl}/#website`
}

export function publisherJsonLd(publisher: Publisher, siteUrl: string): Record<string, unknown> {
  return {
    '@type': 'Organization',
    '@id': organizationId(siteUrl),
    name: publisher.name,
    url: publisher.url,
    logo: {
      '@type': 'ImageObject',
      url: publisher.logo.url,
      width: publisher.logo.width,
      height: publisher.logo.height,
    },
  }
}

export function bylineJsonLd(author: AuthorView, siteUrl: string): Record<string, unknown> {
  return {
    '@type': author.kind === 'organization' ? 'Organization' : 'Person',
    name: author.name,
    url: siteUrl + author.url,
  }
}

export interface NewsArticleInput {
  article: ArticleDetail
  canonicalUrl: string
  publisher: Publisher
  siteUrl: string
  timeZone: string
}

export function newsArticleJsonLd(input: NewsArticleInput): Record<string, unknown> {
  const { article, siteUrl, timeZone } = input
  const abs = (path: string) => siteUrl + path
  return {
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.canonicalUrl },
    url: input.canonicalUrl,
    headline: article.headline,
    description: article.excerpt,
    ...(article.image ? { image: structuredDataImages(article.image).map(abs) } : {}),
    ...(article.image ? { thumbnailUrl: abs(article.image.thumbUrl) } : {}),
    datePublished: toZonedIso(article.publishedAt, timeZone),
    dateModified: toZonedIso(article.updatedAt, timeZone),
    author: article.authors.map((a) => bylineJsonLd(a, siteUrl)),
    publisher: publisherJsonLd(input.publisher, siteUrl),
    ...(article.dateline.trim() ? { dateline: article.dateline.trim() } : {}),
    articleSection: article.section.name,
    inLanguage: article.language,
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name) } : {}),
    wordCount: article.wordCount,
    isAccessibleForFree: true,
  }
}

export interface CollectionPageInput {
  name: string
  description: string
  url: string
  language: string
  stories: readonly ArticleSummary[]
  siteUrl: string
}

/** A section's or tag's page: the stories it lists, in order. */
export function collectionPageJsonLd(input: CollectionPageInput): Record<string, unknown> {
  return {
    '@context': CONTEXT,
    '@type': 'CollectionPage',
    '@id': input.url,
    url: input.url,
    name: input.name,
    description: input.description,
    inLanguage: input.language,
    isPartOf: { '@id': websiteId(input.siteUrl) },
    mainEntity: {
      '@type': 'ItemList',
      itemListElement: input.stories.map((story, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        url: input.siteUrl + story.url,
        name: story.headline,
      })),
    },
  }
}

/** A byline's page: the person or organization behind it, by its public profile only. */
export function profilePageJsonLd(input: {
  author: AuthorView
  url: string
  language: string
  siteUrl: string
}): Record<string, unknown> {
  const { author, siteUrl } = input
  return {
    '@context': CONTEXT,
    '@type': 'ProfilePage',
    '@id': input.url,
    url: input.url,
    inLanguage: input.language,
    isPartOf: { '@id': websiteId(siteUrl) },
    mainEntity: {
      ...bylineJsonLd(author, siteUrl),
      ...(author.bio ? { description: author.bio } : {}),
      ...(author.kind === 'person' && author.jobTitle ? { jobTitle: author.jobTitle } : {}),
      ...(author.avatar ? { image: siteUrl + author.avatar.url } : {}),
    },
  }
}

/** The home page: the site (with its search) and the organization that publishes it. */
export function websiteJsonLd(publisher: Publisher, siteUrl: string): Record<string, unknown>[] {
  return [
    {
      '@context': CONTEXT,
      '@type': 'WebSite',
      '@id': websiteId(siteUrl),
      url: `${siteUrl}/`,
      name: publisher.name,
      inLanguage: publisher.language,
      publisher: { '@id': organizationId(siteUrl) },
      potentialAction: {
        '@type': 'SearchAction',
        // The page's language's search (publisher.url is /fa/ on the Dari home page).
        target: {
          '@type': 'EntryPoint',
          urlTemplate: `${publisher.url.replace(/\/$/, '')}/search?q={search_term_string}`,
        },
        'query-input': 'required name=search_term_string',
      },
    },
    { '@context': CONTEXT, ...publisherJsonLd(publisher, siteUrl) },
  ]
}
