// One page shape for every list of stories: a section, /latest, a tag, an author, a month.
import type { ComponentChildren } from 'preact'
import type { ArticleSummary } from '../articles/articles.service.ts'
import type { PageMeta } from '../seo/page-meta.ts'
import { Breadcrumb, type Crumb, Pagination, StoryCard } from './components.tsx'
import { Layout } from './layout.tsx'
import type { SiteChrome } from './site-chrome.ts'

export interface ListingPageProps {
  chrome: SiteChrome
  title: string
  description?: string
  crumbs: Crumb[]
  stories: ArticleSummary[]
  page: number
  pageCount: number
  urlFor: (page: number) => string
  canonicalUrl: string
  /** Shown above the list: an author's profile, a section's description. */
  intro?: ComponentChildren
  showSection?: boolean
  emptyText?: string
  /** Share cards, JSON-LD and the page's feeds (src/seo/page-meta.ts). */
  meta?: PageMeta
}

export function ListingPage(props: ListingPageProps) {
  const { chrome, page, pageCount, urlFor } = props
  const { t } = chrome.locale
  const abs = (path: string) => chrome.siteUrl + path
  return (
    <Layout
      chrome={chrome}
      head={{
        title: page > 1 ? t('site.titleWithPage', { title: props.title, page }) : props.title,
        ...(props.description ? { description: props.description } : {}),
        canonicalUrl: props.canonicalUrl,
        prevUrl: page > 1 ? abs(urlFor(page - 1)) : undefined,
        nextUrl: page < pageCount ? abs(urlFor(page + 1)) : undefined,
        ...(props.meta ? { meta: props.meta } : {}),
      }}
    >
      <Breadcrumb siteUrl={chrome.siteUrl} crumbs={props.crumbs} />
      <header class="listing-header">
        {/* A byline's or tag's name may be in another script than the page: isolated. */}
        <h1>
          <bdi>{props.title}</bdi>
        </h1>
        {props.intro}
      </header>
      {props.stories.length === 0 ? (
        <p class="empty">{props.emptyText ?? t('site.noStoriesYet')}</p>
      ) : (
        <div class="story-list">
          {props.stories.map((story) => (
            <StoryCard key={story.id} story={story} showImage showSection={props.showSection ?? true} />
          ))}
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} urlFor={urlFor} />
    </Layout>
  )
}
