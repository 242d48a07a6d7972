import type { ArticleSummary } from '../articles/articles.service.ts'
import type { MostReadItem } from '../most-read/most-read.service.ts'
import { MostReadList } from '../most-read/most-read-list.tsx'
import type { SectionView } from '../sections/sections.service.ts'
import type { PageMeta } from '../seo/page-meta.ts'
import { BylineNames, Picture, StoryCard, Time } from '../views/components.tsx'
import { Layout } from '../views/layout.tsx'
import type { SiteChrome } from '../views/site-chrome.ts'

export interface SectionBlock {
  section: SectionView
  stories: ArticleSummary[]
}

export function HomePage(props: {
  chrome: SiteChrome
  lead: ArticleSummary | undefined
  latest: ArticleSummary[]
  blocks: SectionBlock[]
  canonicalUrl: string
  /** Counts change all day; a cached front page shows them as they were when it was rendered. */
  mostRead?: MostReadItem[]
  description?: string
  meta?: PageMeta
}) {
  const { chrome, lead } = props
  const { t, path } = chrome.locale
  return (
    <Layout
      chrome={chrome}
      head={{
        title: chrome.siteName,
        canonicalUrl: props.canonicalUrl,
        ...(props.description ? { description: props.description } : {}),
        ...(props.meta ? { meta: props.meta } : {}),
      }}
    >
      <h1 class="visually-hidden">{chrome.siteName}</h1>
      <div class="front">
        {lead ? (
          <article class="lead-story" aria-labelledby="lead-headline">
            {/* With Save-Data the picture is left out: it only decorates the linked headline. */}
            {lead.image && !chrome.isSaveData ? (
              <div class="lead-story-image" aria-hidden="true">
                <Picture media={lead.image} isLead />
              </div>
            ) : null}
            <a class="kicker" href={lead.section.url}>
              {lead.section.name}
            </a>
            <h2 id="lead-headline" class="lead-headline">
              <a href={lead.url}>{lead.headline}</a>
            </h2>
            {lead.dek ? <p class="dek">{lead.dek}</p> : null}
            <p class="story-card-meta">
              <BylineNames authors={lead.authors} /> · <Time iso={lead.publishedAt} />
            </p>
          </article>
        ) : (
          <p class="empty">{t('site.nothingPublished')}</p>
        )}
        <section class="latest" aria-labelledby="latest-heading">
          <h2 id="latest-heading" class="block-heading">
            <a href={path('/latest/')}>{t('site.latest')}</a>
          </h2>
          <ol class="latest-list">
            {props.latest.map((story) => (
              <li key={story.id}>
                <a href={story.url}>{story.headline}</a>
                <Time iso={story.publishedAt} />
              </li>
            ))}
          </ol>
        </section>
      </div>
      <div class="section-blocks">
        {props.blocks.map((block) => (
          <section
            key={block.section.id}
            class="section-block"
            aria-labelledby={`block-${block.section.slug}`}
          >
            <h2 id={`block-${block.section.slug}`} class="block-heading">
              <a href={block.section.url}>{block.section.name}</a>
            </h2>
            <div class="section-block-stories">
              {block.stories.map((story, i) => (
                <StoryCard key={story.id} story={story} headingLevel={3} showImage={i === 0} />
              ))}
            </div>
          </section>
        ))}
      </div>
      <MostReadList items={props.mostRead ?? []} />
    </Layout>
  )
}
