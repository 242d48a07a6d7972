import type { FastifyReply } from 'fastify'
import { articleKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { AppError, NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, redirectTo, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { mostRead } from '../most-read/most-read.service.ts'
import { articlePageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { readerLanguage } from '../settings/settings.service.ts'
import { ArticlePage } from './article-page.tsx'
import { findAnyArticleBySlug } from './articles.queries.ts'
import { getPublishedArticle, relatedArticle } from './articles.service.ts'

/** GET /{section}/{slug}: the story page. A wrong section in the URL redirects to the right one. */
export async function showArticle(
  ctx: AppContext,
  reply: FastifyReply,
  sectionSlug: string,
  slug: string,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug) || !isPlausibleSlug(sectionSlug)) throw new NotFoundError()
  const language = await readerLanguage(ctx)
  const article = await getPublishedArticle(ctx, language, slug)
  if (!article) {
    const hidden = await findAnyArticleBySlug(ctx.db, language, slug)
    if (hidden?.status === 'unpublished') {
      throw new AppError('GONE', 'This story has been withdrawn by the newsroom.', 410)
    }
    throw new NotFoundError()
  }
  if (article.section.slug !== sectionSlug) return redirectTo(reply, article.url)
  const [chrome, related, mostReadItems, publisher] = await Promise.all([
    buildChrome(ctx, article.language, reply.request),
    relatedArticle(ctx, article),
    mostRead(ctx, { language: article.language }),
    sitePublisher(ctx),
  ])
  const canonicalUrl = absoluteUrl(ctx, article.url)
  // The "Check Also" story is shown here too, so a change to it reaches this page.
  const surrogateKeys = related ? [articleKey(article.id), articleKey(related.id)] : [articleKey(article.id)]
  return sendPage(
    reply,
    <ArticlePage
      chrome={chrome}
      article={article}
      related={related}
      mostRead={mostReadItems}
      canonicalUrl={canonicalUrl}
      meta={articlePageMeta({ publisher, siteUrl: ctx.config.siteUrl }, article, canonicalUrl)}
    />,
    { surrogateKeys },
  )
}
