import type { FastifyReply } from 'fastify'
import { listPublishedSummaries } from '../articles/articles.service.ts'
import { authorKey } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { isPlausibleSlug } from '../lib/slugify.ts'
import { pagedUrl } from '../sections/sections.site.tsx'
import { listingPageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { readerLanguage } from '../settings/settings.service.ts'
import { ListingPage } from '../views/listing-page.tsx'
import { findAuthorBySlug } from './authors.service.ts'

/** GET /author/{slug}/: the byline's profile and stories. */
export async function showAuthor(
  ctx: AppContext,
  reply: FastifyReply,
  slug: string,
  page: number,
): Promise<FastifyReply> {
  if (!isPlausibleSlug(slug)) throw new NotFoundError()
  const author = await findAuthorBySlug(ctx, slug)
  if (!author) throw new NotFoundError()
  const result = await listPublishedSummaries(
    ctx,
    { language: await readerLanguage(ctx), authorId: author.id },
    page,
  )
  if (page > result.pageCount) throw new NotFoundError('There are not that many pages of stories here.')
  const chrome = await buildChrome(ctx, undefined, reply.request)
  const urlFor = (n: number) => pagedUrl(author.url, n)
  const description = author.bio || `Stories by ${author.name}.`
  const meta = listingPageMeta(
    { publisher: await sitePublisher(ctx), siteUrl: ctx.config.siteUrl },
    {
      title: author.name,
      description,
      canonicalUrl: absoluteUrl(ctx, urlFor(page)),
      stories: result.items,
      feedScope: { kind: 'author', slug: author.slug },
      author,
    },
  )
  const intro = (
    <div class="author-profile">
      {author.avatar ? (
        <img
          class="avatar"
          src={author.avatar.url}
          alt={`Portrait of ${author.name}`}
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
        { name: 'Home', url: '/' },
        { name: author.name, url: author.url },
      ]}
      intro={intro}
      stories={result.items}
      page={page}
      pageCount={result.pageCount}
      urlFor={urlFor}
      canonicalUrl={absoluteUrl(ctx, urlFor(page))}
    />,
    { surrogateKeys: [authorKey(author.id)] },
  )
}
