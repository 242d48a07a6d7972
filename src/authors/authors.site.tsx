import type { FastifyReply } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import { authorKey, listedStoryKeys } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { pagedUrl } from '../sections/sections.site.tsx'
import { listingAlternates } from '../seo/hreflang.ts'
import { listingPageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { ListingPage } from '../views/listing-page.tsx'
import { findAuthorBySlug } from './authors.service.ts'

/** GET /author/{slug}/ (/fa/author/{slug}/ in Dari): the byline's profile and stories in the language. */
export async function showAuthor(
  ctx: AppContext,
  reply: FastifyReply,
  slug: string,
  page: number,
  language: string,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug)) throw new NotFoundError()
  const author = await findAuthorBySlug(ctx, slug)
  if (!author) throw new NotFoundError()
  const result = await listPublishedSummaries(ctx, { language, authorId: author.id }, page)
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, language, reply.request)
  const authorPath = chrome.locale.path(author.url)
  const urlFor = (n: number) => pagedUrl(authorPath, n)
  const description = author.bio || chrome.locale.t('site.authorDescription', { name: author.name })
  const meta = listingPageMeta(
    {
      publisher: await sitePublisher(ctx, language),
      siteUrl: ctx.config.siteUrl,
      alternates: listingAlternates(
        ctx.config.siteUrl,
        pagedUrl(author.url, page),
        chrome.locale.defaultLanguage,
      ),
    },
    {
      title: author.name,
      description,
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
      feedScope: { kind: 'author', slug: author.slug },
      author: { ...author, url: authorPath },
      localize: chrome.locale.path,
    },
  )
  const intro = (
    <div class="author-profile">
      {author.avatar ? (
        <img
          class="avatar"
          src={author.avatar.url}
          alt={chrome.locale.t('site.authorPortrait', { name: author.name })}
          width={120}
          height={120}
        />
      ) : null}
      <div>
        {author.jobTitle ? <p class="job-title">{author.jobTitle}</p> : null}
        {author.bio ? <p>{author.bio}</p> : null}
      </div>
    </div>
  )
  return sendPage(
    reply,
    <ListingPage
      chrome={chrome}
      title={author.name}
      description={description}
      meta={meta}
      crumbs={[
        { name: chrome.locale.t('site.home'), url: chrome.locale.path('/') },
        { name: author.name, url: authorPath },
      ]}
      intro={intro}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
    />,
    { surrogateKeys: [authorKey(author.id), ...listedStoryKeys(result.items)] },
  )
}
