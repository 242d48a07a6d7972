// Small pieces shared by several public pages.

import { useContext } from 'preact/hooks'
import type { ArticleSummary } from '../articles/articles.service.ts'
import type { AuthorView } from '../authors/authors.service.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { isolated, Message } from '../i18n/rich-message.tsx'
import { toZonedIso } from '../lib/time.ts'
import type { MediaView } from '../media/media.service.ts'
import { ResponsiveImage } from '../media/responsive-image.tsx'
import { SaveDataContext } from './save-data-context.ts'

export interface Crumb {
  name: string
  url: string
}

/** Breadcrumb trail with schema.org BreadcrumbList microdata; the last crumb is the current page. */
export function Breadcrumb(props: { crumbs: Crumb[]; siteUrl: string }) {
  const { t } = useLocale()
  return (
    <nav class="breadcrumb" aria-label={t('site.breadcrumb')}>
      <ol itemscope itemtype="https://schema.org/BreadcrumbList">
        {props.crumbs.map((crumb, i) => {
          const isCurrent = i === props.crumbs.length - 1
          return (
            <li key={crumb.url} itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
              {isCurrent ? (
                <bdi itemprop="name" aria-current="page">
                  {crumb.name}
                </bdi>
              ) : (
                <a itemprop="item" href={crumb.url}>
                  <bdi itemprop="name">{crumb.name}</bdi>
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

/**
 * A date (or date and time) as the page's language, calendar and digits write it, in the site's
 * time zone; the machine-readable datetime stays ISO 8601 whatever the page shows.
 */
export function Time(props: { iso: string; withTime?: boolean }) {
  const locale = useLocale()
  const text = props.withTime ? locale.formatDateTime(props.iso) : locale.formatDate(props.iso)
  return <time datetime={toZonedIso(props.iso, locale.timeZone)}>{text}</time>
}

/** "Jane Doe, Ahmad Karimi and Dateline News", each linked to their page and isolated (bdi). */
export function BylineNames(props: { authors: AuthorView[] }) {
  const { t } = useLocale()
  const { authors } = props
  return (
    <>
      {authors.map((author, i) => (
        <span key={author.id}>
          {i > 0
            ? i === authors.length - 1
              ? t('site.bylineLastSeparator')
              : t('site.bylineSeparator')
            : null}
          <a href={author.url} rel="author">
            <bdi>{author.name}</bdi>
          </a>
        </span>
      ))}
    </>
  )
}

/** A public image: srcset/sizes in AVIF, WebP and the original format, lazy unless it is the lead. */
export function Picture(props: { media: MediaView; sizes?: string; isLead?: boolean }) {
  // Save-Data: no image bytes until the reader taps for them; the link opens the phone-sized copy.
  if (useContext(SaveDataContext)) {
    return (
      <a class="show-image" href={props.media.thumbUrl}>
        {props.media.alt === '' ? (
          <Message id="site.showImage" />
        ) : (
          <Message id="site.showImageWithAlt" values={{ alt: isolated(props.media.alt) }} />
        )}
      </a>
    )
  }
  return <ResponsiveImage media={props.media} sizes={props.sizes} isLead={props.isLead} />
}

/** A story in a list: headline, excerpt, byline and date. */
export function StoryCard(props: {
  story: ArticleSummary
  headingLevel?: 2 | 3
  showImage?: boolean
  showSection?: boolean
}) {
  const { story } = props
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2'
  // A card's picture is decoration beside its headline: with Save-Data it is left out, not linked.
  const isSaveData = useContext(SaveDataContext)
  return (
    <article class="story-card">
      {props.showImage && story.image && !isSaveData ? (
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
          <BylineNames authors={story.authors} /> · <Time iso={story.publishedAt} />
        </p>
      </div>
    </article>
  )
}

/** Newer/older links for story lists; other lists (search results) name their own directions. */
export function Pagination(props: {
  page: number
  pageCount: number
  urlFor: (page: number) => string
  labels?: { prev: string; next: string }
}) {
  const { t } = useLocale()
  if (props.pageCount <= 1) return null
  const { page, pageCount, urlFor } = props
  const labels = props.labels ?? { prev: t('site.newerStories'), next: t('site.olderStories') }
  return (
    <nav class="pagination" aria-label={t('site.paginationNav')}>
      {page > 1 ? (
        <a rel="prev" href={urlFor(page - 1)}>
          {labels.prev}
        </a>
      ) : (
        <span />
      )}
      <span class="pagination-status">{t('site.pageStatus', { page, pageCount })}</span>
      {page < pageCount ? (
        <a rel="next" href={urlFor(page + 1)}>
          {labels.next}
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}
