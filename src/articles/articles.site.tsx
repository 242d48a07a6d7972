import type { FastifyReply } from 'fastify'
import { articleKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { AppError, NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, redirectTo, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { mostRead } from '../most-read/most-read.service.ts'
import { hreflangAlternates } from '../seo/hreflang.ts'
import { articlePageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { ArticlePage } from './article-page.tsx'
import { findAnyArticleBySlug } from './articles.queries.ts'
import { getPublishedArticle, relatedArticle } from './articles.service.ts'
import { publishedTranslations } from './translations.service.ts'

/**
 * GET /{section}/{slug} (/fa/{section}/{slug} for a Dari story): the story page. A story is found
 * only under its own language's prefix (slugs are unique per language); a wrong section in the URL
 * redirects to the right one. The page links to the story's published translations.
 */
export async function showArticle(
  ctx: AppContext,
  reply: FastifyReply,
  sectionSlug: string,
  slug: string,
  language: string,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug) || !isPlausibleSlug(sectionSlug)) throw new NotFoundError()
  const article = await getPublishedArticle(ctx, language, slug)
  if (!article) {
    const hidden = await findAnyArticleBySlug(ctx.db, language, slug)
    if (hidden?.status === 'unpublished') {
      throw new AppError('GONE', 'This story has been withdrawn by the newsroom.', 410)
    }
    throw new NotFoundError()
  }
  if (article.section.slug !== sectionSlug) return redirectTo(reply, article.url)
  const [chrome, related, mostReadItems, publisher, translations] = await Promise.all([
    buildChrome(ctx, article.language, reply.request),
    relatedArticle(ctx, article),
    mostRead(ctx, { language: article.language }),
    sitePublisher(ctx, article.language),
    publishedTranslations(ctx, article),
  ])
  const canonicalUrl = absoluteUrl(ctx, article.url)
  const alternates = hreflangAlternates(
    ctx.config.siteUrl,
    [{ language: article.language, url: article.url }, ...translations],
    chrome.locale.defaultLanguage,
  )
  // The "Check Also" story is shown here too, so a change to it reaches this page; so are the
  // translations (content-invalidation.ts also purges a story's translations' pages).
  const surrogateKeys = [
    articleKey(article.id),
    ...(related ? [articleKey(related.id)] : []),
    ...translations.map((t) => articleKey(t.articleId)),
  ]
  return sendPage(
    reply,
    <ArticlePage
      chrome={chrome}
      article={article}
      translations={translations}
      related={related}
      // Most read lists stories of this language: their addresses take its prefix.
      mostRead={mostReadItems.map((item) => ({ ...item, url: chrome.locale.path(item.url) }))}
      canonicalUrl={canonicalUrl}
      meta={articlePageMeta({ publisher, siteUrl: ctx.config.siteUrl, alternates }, article, canonicalUrl)}
    />,
    { surrogateKeys },
  )
}
