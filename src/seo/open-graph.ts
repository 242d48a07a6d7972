// Open Graph (ogp.me, with the article: namespace) and Twitter card tags, as plain data. Pure.
import type { ArticleDetail } from '../articles/articles.service.ts'
import { toZonedIso } from '../lib/time.ts'
import type { MediaView } from '../media/media.service.ts'
import { shareImage } from './images.ts'
import type { MetaName, MetaProperty } from './page-meta.ts'

const OG_LOCALES: Readonly<Record<string, string>> = { en: 'en_US', fa: 'fa_IR', ps: 'ps_AF' }

export function ogLocale(language: string): string {
  return OG_LOCALES[language] ?? language
}

export interface ShareCard {
  openGraph: MetaProperty[]
  twitter: MetaName[]
}

interface CardInput {
  type: 'article' | 'website' | 'profile'
  title: string
  description: string
  url: string
  siteName: string
  siteUrl: string
  language: string
  image?: MediaView | undefined
}

function baseCard(input: CardInput): ShareCard {
  const image = input.image ? shareImage(input.image) : undefined
  const p = (property: string, content: string): MetaProperty => ({ property, content })
  const openGraph = [
    p('og:type', input.type),
    p('og:title', input.title),
    p('og:description', input.description),
    p('og:url', input.url),
    p('og:site_name', input.siteName),
    p('og:locale', ogLocale(input.language)),
  ]
  if (image && input.image) {
    openGraph.push(
      p('og:image', input.siteUrl + image.url),
      p('og:image:width', String(image.width)),
      p('og:image:height', String(image.height)),
    )
    if (input.image.alt) openGraph.push(p('og:image:alt', input.image.alt))
  }
  const n = (name: string, content: string): MetaName => ({ name, content })
  const twitter = [
    n('twitter:card', image ? 'summary_large_image' : 'summary'),
    n('twitter:title', input.title),
    n('twitter:description', input.description),
  ]
  if (image && input.image) {
    twitter.push(n('twitter:image', input.siteUrl + image.url))
    if (input.image.alt) twitter.push(n('twitter:image:alt', input.image.alt))
  }
  return { openGraph, twitter }
}

export function articleShareCard(input: {
  article: ArticleDetail
  canonicalUrl: string
  siteName: string
  siteUrl: string
  timeZone: string
}): ShareCard {
  const { article, siteUrl, timeZone } = input
  const card = baseCard({
    type: 'article',
    title: article.headline,
    description: article.excerpt,
    url: input.canonicalUrl,
    siteName: input.siteName,
    siteUrl,
    language: article.language,
    image: article.image,
  })
  const p = (property: string, content: string): MetaProperty => ({ property, content })
  card.openGraph.push(
    p('article:published_time', toZonedIso(article.publishedAt, timeZone)),
    p('article:modified_time', toZonedIso(article.updatedAt, timeZone)),
    ...article.authors.map((a) => p('article:author', siteUrl + a.url)),
    p('article:section', article.section.name),
    ...article.tags.map((t) => p('article:tag', t.name)),
  )
  return card
}

export function pageShareCard(input: Omit<CardInput, 'type'> & { type?: 'website' | 'profile' }): ShareCard {
  return baseCard({ ...input, type: input.type ?? 'website' })
}
