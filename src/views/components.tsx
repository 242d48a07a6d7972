// Small pieces shared by several public pages.
import type { ArticleSummary } from '../articles/articles.service.ts'
import type { AuthorView } from '../authors/authors.service.ts'
import { formatDate, formatDateTime, toZonedIso } from '../lib/time.ts'
import type { MediaView } from '../media/media.service.ts'
import { ResponsiveImage } from '../media/responsive-image.tsx'

export interface Crumb {
  name: string
  url: string
}

/** Breadcrumb trail with schema.org BreadcrumbList microdata; the last crumb is the current page. */
export function Breadcrumb(props: { crumbs: Crumb[]; siteUrl: string }) {
  return (
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <ol itemscope itemtype="https://schema.org/BreadcrumbList">
        {props.crumbs.map((crumb, i) => {
          const isCurrent = i === props.crumbs.length - 1
          return (
            <li key={crumb.url} itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
              {isCurrent ? (
                <span itemprop="name" aria-current="page">
                  {crumb.name}
                </span>
              ) : (
                <a itemprop="item" href={crumb.url}>
                  <span itemprop="name">{crumb.name}</span>
                </a>
              )}
              {isCurrent ? <meta itemprop="item" content={props.siteUrl + crumb.url} /> : null}
              <meta itemprop="position" content={String(i + 1)} />
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

export function Time(props: { iso: string; timeZone: string; withTime?: boolean }) {
  const text = props.withTime
    ? formatDateTime(props.iso, props.timeZone)
    : formatDate(props.iso, props.timeZone)
  return <time datetime={toZonedIso(props.iso, props.timeZone)}>{text}</time>
}

/** "Jane Doe, Ahmad Karimi and Dateline News", each linked to their page. */
export function BylineNames(props: { authors: AuthorView[] }) {
  const { authors } = props
  return (
    <>
      {authors.map((author, i) => (
        <span key={author.id}>
          {i > 0 ? (i === authors.length - 1 ? ' and ' : ', ') : null}
          <a href={author.url} rel="author">
            {author.name}
          </a>
        </span>
      ))}
    </>
  )
}

/** A public image: srcset/sizes in AVIF, WebP and the original format, lazy unless it is the lead. */
export function Picture(props: { media: MediaView; sizes?: string; isLead?: boolean }) {
  return <ResponsiveImage media={props.media} sizes={props.sizes} isLead={props.isLead} />
}

/** A story in a list: headline, excerpt, byline and date. */
export function StoryCard(props: {
  story: ArticleSummary
  timeZone: string
  headingLevel?: 2 | 3
  showImage?: boolean
  showSection?: boolean
}) {
  const { story } = props
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2'
  return (
    <article class="story-card">
      {props.showImage && story.image ? (
        // No second link: the headline's link covers the whole card (see site.css), so screen
        // readers and keyboards meet one link per story.
        <div class="story-card-image" aria-hidden="true">
          <Picture media={story.image} />
        </div>
      ) : null}
      <div class="story-card-text">
        {props.showSection ? (
          <a class="kicker" href={story.section.url}>
            {story.section.name}
          </a>
        ) : null}
        <Heading class="story-card-headline">
          <a href={story.url}>{story.headline}</a>
        </Heading>
        <p class="story-card-excerpt">{story.excerpt}</p>
        <p class="story-card-meta">
          <BylineNames authors={story.authors} /> · <Time iso={story.publishedAt} timeZone={props.timeZone} />
        </p>
      </div>
    </article>
  )
}

export function Pagination(props: { page: number; pageCount: number; urlFor: (page: number) => string }) {
  if (props.pageCount <= 1) return null
  const { page, pageCount, urlFor } = props
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a rel="prev" href={urlFor(page - 1)}>
          ← Newer stories
        </a>
      ) : (
        <span />
      )}
      <span class="pagination-status">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a rel="next" href={urlFor(page + 1)}>
          Older stories →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}
