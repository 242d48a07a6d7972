import { useContext } from 'preact/hooks'
import type { AuthorView } from '../authors/authors.service.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { isolated, Message } from '../i18n/rich-message.tsx'
import { imageLinkText, imagesAsLinks } from '../lite/body-images.ts'
import type { MostReadItem } from '../most-read/most-read.service.ts'
import { MostReadList, ViewBeacon } from '../most-read/most-read-list.tsx'
import type { PageMeta } from '../seo/page-meta.ts'
import { Breadcrumb, BylineNames, Picture, Time } from '../views/components.tsx'
import { Layout } from '../views/layout.tsx'
import { SaveDataContext } from '../views/save-data-context.ts'
import type { SiteChrome } from '../views/site-chrome.ts'
import type { ArticleDetail, ArticleSummary } from './articles.service.ts'
import { withDateline } from './dateline.ts'
import { TranslationLinks } from './translation-links.tsx'
import type { TranslationLink } from './translations.service.ts'

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
        <h2 id={headingId}>
          <Message id="site.aboutAuthor" values={{ name: isolated(author.name) }} />
        </h2>
        {author.jobTitle ? <p class="job-title">{author.jobTitle}</p> : null}
        {author.bio ? <p dir="auto">{author.bio}</p> : null}
        <a href={author.url}>
          <Message id="site.moreFromAuthor" values={{ name: isolated(author.name) }} />
        </a>
      </div>
    </section>
  )
}

function CheckAlso(props: { story: ArticleSummary }) {
  const { story } = props
  const { t } = useLocale()
  // Decoration beside a linked headline: left out with Save-Data, and the smallest copy otherwise.
  const isSaveData = useContext(SaveDataContext)
  return (
    <aside class="check-also" aria-labelledby="check-also-heading">
      <h2 id="check-also-heading">{t('site.checkAlso')}</h2>
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
  /** Published translations: "Read this in …" links (translation-links.tsx). */
  translations?: TranslationLink[]
}) {
  const { chrome, article, related } = props
  const { t, path } = chrome.locale
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
          { name: t('site.home'), url: path('/') },
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
            <Message id="site.byline" values={{ names: <BylineNames authors={article.authors} /> }} />
          </p>
          <p class="story-dates">
            <Message id="site.published" values={{ date: <Time iso={article.publishedAt} withTime /> }} />
            {article.isUpdated ? (
              <>
                {' · '}
                <Message id="site.updated" values={{ date: <Time iso={article.updatedAt} withTime /> }} />
              </>
            ) : null}
          </p>
          <TranslationLinks translations={props.translations ?? []} />
        </header>
        {article.image ? (
          <figure class="lead-image">
            <Picture media={article.image} isLead />
            {article.imageCaption || article.imageCredit ? (
              // The caption and credit come from the media library, maybe in another language: dir=auto.
              <figcaption dir="auto">
                {article.imageCaption}
                {article.imageCredit ? <span class="credit"> {article.imageCredit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        {article.correctionNote ? (
          <aside class="correction" aria-label={t('site.correction')}>
            <strong>
              <Message
                id="site.correctionUpdated"
                values={{ date: <Time iso={article.updatedAt} withTime /> }}
              />
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
              props.chrome.isSaveData ? imagesAsLinks(article.bodyHtml, imageLinkText(t)) : article.bodyHtml,
              article.dateline,
            ),
          }}
        />
        {article.tags.length > 0 ? (
          <nav class="story-tags" aria-label={t('site.tags')}>
            <h2 class="visually-hidden">{t('site.tags')}</h2>
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
