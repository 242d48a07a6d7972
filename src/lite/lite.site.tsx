// The lite edition at /lite/: the latest headlines, and each story as text with its images as
// links. Cached by the page cache like every public page, under the same surrogate keys as the full
// pages, so an edit or a new story reaches both.
import type { FastifyReply } from 'fastify'
import { getPublishedArticle, listPublishedSummaries } from '../articles/articles.service.ts'
import { withDateline } from '../articles/dateline.ts'
import { articleKey, LATEST_KEY } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, redirectTo, sendPage } from '../http/site-pages.ts'
import { isolated, Message } from '../i18n/rich-message.tsx'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { BylineNames, Time } from '../views/components.tsx'
import { imageLinkText, imagesAsLinks } from './body-images.ts'
import { LiteLayout } from './lite-layout.tsx'

/** A story's lite address: the full one under /lite, after its language prefix (/fa/lite/…). */
export function liteUrl(fullPath: string): string {
  const prefixed = /^\/(en|fa|ps)(\/.*)$/.exec(fullPath)
  return prefixed ? `/${prefixed[1]}/lite${prefixed[2]}` : `/lite${fullPath}`
}

/** GET /lite/ (/fa/lite/ in Dari): the latest headlines in the language, nothing else. */
export async function showLiteFront(
  ctx: AppContext,
  reply: FastifyReply,
  language: string,
): Promise<FastifyReply> {
  const [chrome, latest] = await Promise.all([
    buildChrome(ctx, language),
    listPublishedSummaries(ctx, { language }, 1),
  ])
  return sendPage(
    reply,
    <LiteLayout
      chrome={chrome}
      title={chrome.siteName}
      fullUrl={absoluteUrl(ctx, chrome.locale.path('/'))}
      fullPath={chrome.locale.path('/')}
    >
      <h1>
        <Message id="site.liteHeading" values={{ siteName: isolated(chrome.siteName) }} />
      </h1>
      <ul>
        {latest.items.map((story) => (
          <li key={story.id}>
            <a href={liteUrl(story.url)}>{story.headline}</a> <Time iso={story.publishedAt} />
          </li>
        ))}
      </ul>
    </LiteLayout>,
    { surrogateKeys: [LATEST_KEY] },
  )
}

/** GET /lite/{section}/{slug}: the story as text; its images are "Show image" links. */
export async function showLiteArticle(
  ctx: AppContext,
  reply: FastifyReply,
  sectionSlug: string,
  slug: string,
  language: string,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug) || !isPlausibleSlug(sectionSlug)) throw new NotFoundError()
  const article = await getPublishedArticle(ctx, language, slug)
  if (!article) throw new NotFoundError()
  if (article.section.slug !== sectionSlug) return redirectTo(reply, liteUrl(article.url))
  const chrome = await buildChrome(ctx, article.language)
  return sendPage(
    reply,
    <LiteLayout
      chrome={chrome}
      title={article.headline}
      fullUrl={absoluteUrl(ctx, article.url)}
      fullPath={article.url}
      language={article.language}
    >
      <article>
        <h1>{article.headline}</h1>
        {article.dek ? <p>{article.dek}</p> : null}
        <p>
          <Message id="site.byline" values={{ names: <BylineNames authors={article.authors} /> }} /> ·{' '}
          <Time iso={article.publishedAt} withTime />
        </p>
        {article.image ? (
          <p>
            <a class="show-image" href={article.image.thumbUrl}>
              {article.image.alt === '' ? (
                <Message id="site.showImage" />
              ) : (
                <Message id="site.showImageWithAlt" values={{ alt: isolated(article.image.alt) }} />
              )}
            </a>
          </p>
        ) : null}
        {/* Sanitized on write (src/lib/sanitize-body.ts); the dateline is escaped by withDateline. */}
        <div
          dangerouslySetInnerHTML={{
            __html: withDateline(
              imagesAsLinks(article.bodyHtml, imageLinkText(chrome.locale.t)),
              article.dateline,
            ),
          }}
        />
      </article>
    </LiteLayout>,
    { surrogateKeys: [articleKey(article.id)] },
  )
}
