import { useContext } from 'preact/hooks'
import type { AuthorView } from '../authors/authors.service.ts'
import { imagesAsLinks } from '../lite/body-images.ts'
import type { MostReadItem } from '../most-read/most-read.service.ts'
import { MostReadList, ViewBeacon } from '../most-read/most-read-list.tsx'
import type { PageMeta } from '../seo/page-meta.ts'
import { Breadcrumb, BylineNames, Picture, Time } from '../views/components.tsx'
import { Layout } from '../views/layout.tsx'
import { SaveDataContext } from '../views/save-data-context.ts'
import type { SiteChrome } from '../views/site-chrome.ts'
import type { ArticleDetail, ArticleSummary } from './articles.service.ts'
import { withDateline } from './dateline.ts'

function AboutAuthor(props: { author: AuthorView }) {
  const { author } = props
  const headingId = `about-${author.slug}`
  // A portrait is decoration: with Save-Data it is left out.
  const isSaveData = useContext(SaveDataContext)
  return (
    <section class="about-author" aria-labelledby={headingId}>
      {author.avatar && !isSaveData ? (
        <img
          class="avatar"
          src={author.avatar.url}
          alt=""
          width={96}
          height={96}
          loading="lazy"
          decoding="async"
        />
      ) : null}
      <div>
        <h2 id={headingId}>About {author.name}</h2>
        {author.jobTitle ? <p class="job-title">{author.jobTitle}</p> : null}
        {author.bio ? <p>{author.bio}</p> : null}
        <a href={author.url}>More from {author.name}</a>
      </div>
    </section>
  )
}

function CheckAlso(props: { story: ArticleSummary }) {
  const { story } = props
  // Decoration beside a linked headline: left out with Save-Data, and the smallest copy otherwise.
  const isSaveData = useContext(SaveDataContext)
  return (
    <aside class="check-also" aria-labelledby="check-also-heading">
      <h2 id="check-also-heading">Check Also</h2>
      <article>
        {story.image && !isSaveData ? (
          <div class="check-also-image" aria-hidden="true">
            <img src={story.image.thumbUrl} alt="" loading="lazy" decoding="async" width={160} height={90} />
          </div>
        ) : null}
        <div>
          <h3 class="check-also-headline">
            <a href={story.url}>{story.headline}</a>
          </h3>
          <p class="check-also-excerpt">{story.autoExcerpt}</p>
        </div>
      </article>
    </aside>
  )
}

export function ArticlePage(props: {
  chrome: SiteChrome
  article: ArticleDetail
  related: ArticleSummary | undefined
  canonicalUrl: string
  mostRead?: MostReadItem[]
  meta?: PageMeta
}) {
  const { chrome, article, related } = props
  return (
    <Layout
      chrome={chrome}
      head={{
        title: article.headline,
        description: article.excerpt,
        canonicalUrl: props.canonicalUrl,
        ...(props.meta ? { meta: props.meta } : {}),
      }}
    >
      <Breadcrumb
        siteUrl={chrome.siteUrl}
        crumbs={[
          { name: 'Home', url: '/' },
          { name: article.section.name, url: article.section.url },
          { name: article.headline, url: article.url },
        ]}
      />
      <article class="story" lang={article.language}>
        <header class="story-header">
          <a class="kicker" href={article.section.url}>
            {article.section.name}
          </a>
          <h1>{article.headline}</h1>
          {article.dek ? <p class="dek">{article.dek}</p> : null}
          <p class="byline">
            By <BylineNames authors={article.authors} />
          </p>
          <p class="story-dates">
            Published <Time iso={article.publishedAt} timeZone={chrome.timeZone} withTime />
            {article.isUpdated ? (
              <>
                {' · '}Updated <Time iso={article.updatedAt} timeZone={chrome.timeZone} withTime />
              </>
            ) : null}
          </p>
        </header>
        {article.image ? (
          <figure class="lead-image">
            <Picture media={article.image} isLead />
            {article.imageCaption || article.imageCredit ? (
              <figcaption>
                {article.imageCaption}
                {article.imageCredit ? <span class="credit"> {article.imageCredit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        {article.correctionNote ? (
          <aside class="correction" aria-label="Correction">
            <strong>
              Updated <Time iso={article.updatedAt} timeZone={chrome.timeZone} withTime />:
            </strong>{' '}
            {article.correctionNote}
          </aside>
        ) : null}
        {/* The one place raw HTML is rendered: the body was sanitized with an allowlist on write
            (src/lib/sanitize-body.ts) and the dateline is escaped by withDateline. */}
        <div
          class="story-body"
          dangerouslySetInnerHTML={{
            __html: withDateline(
              props.chrome.isSaveData ? imagesAsLinks(article.bodyHtml) : article.bodyHtml,
              article.dateline,
            ),
          }}
        />
        {article.tags.length > 0 ? (
          <nav class="story-tags" aria-label="Tags">
            <h2 class="visually-hidden">Tags</h2>
            <ul>
              {article.tags.map((tag) => (
                <li key={tag.id}>
                  <a href={tag.url} rel="tag">
                    {tag.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <footer class="story-footer">
          {article.authors.map((author) => (
            <AboutAuthor key={author.id} author={author} />
          ))}
        </footer>
      </article>
      {related ? <CheckAlso story={related} /> : null}
      <MostReadList items={props.mostRead ?? []} />
      <ViewBeacon articleId={article.id} />
    </Layout>
  )
}
