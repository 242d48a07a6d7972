// The readers' search page: the form, messages, ranked results with highlighted snippets, pages.
import { useLocale } from '../i18n/locale-context.ts'
import { isolated, Message, type RichValues } from '../i18n/rich-message.tsx'
import type { SectionView } from '../sections/sections.service.ts'
import { Breadcrumb, BylineNames, Pagination, Time } from '../views/components.tsx'
import { Layout } from '../views/layout.tsx'
import type { SiteChrome } from '../views/site-chrome.ts'
import type { SearchResult, SearchResults } from './search.service.ts'
import type { SearchParams, SearchProblem } from './search-params.ts'

export interface SearchPageProps {
  chrome: SiteChrome
  params: SearchParams
  /** Problems with the parameters, shown above the form (the response is a 400). */
  problems: SearchProblem[]
  /** Undefined when nothing was searched for (an empty query shows only the form). */
  results: Pick<SearchResults, 'items' | 'total' | 'isTotalCapped' | 'pageCount'> | undefined
  urlFor: (page: number) => string
}

export function SearchForm(props: { params: SearchParams; sections: readonly SectionView[] }) {
  const { params } = props
  const { t, path } = useLocale()
  return (
    <form class="search-form" action={path('/search')} method="get">
      <p>
        <label for="search-q">{t('site.searchStories')}</label>{' '}
        {/* The reader may type in any script: the field follows what is typed. */}
        <input id="search-q" type="search" name="q" value={params.q} maxLength={200} dir="auto" />
      </p>
      <p>
        <label for="search-section">{t('site.searchSection')}</label>{' '}
        <select id="search-section" name="section">
          <option value="">{t('site.allSections')}</option>
          {props.sections.map((s) => (
            <option key={s.id} value={s.slug} selected={s.slug === params.section}>
              {s.name}
            </option>
          ))}
        </select>{' '}
        <label for="search-from">{t('site.searchFrom')}</label>{' '}
        <input id="search-from" type="date" name="from" value={params.from} />{' '}
        <label for="search-to">{t('site.searchTo')}</label>{' '}
        <input id="search-to" type="date" name="to" value={params.to} />
      </p>
      {params.author !== '' ? <input type="hidden" name="author" value={params.author} /> : null}
      <p>
        <button type="submit">{t('site.search')}</button>
      </p>
    </form>
  )
}

function SearchResultItem(props: { result: SearchResult }) {
  const { result } = props
  return (
    <article class="story-card search-result">
      <div class="story-card-text">
        {result.section ? (
          <a class="kicker" href={result.section.url}>
            {result.section.name}
          </a>
        ) : null}
        <h2 class="story-card-headline">
          {/* Raw HTML, and safe: markedTextToHtml escapes the text before it adds <mark>s. */}
          <a href={result.url} dangerouslySetInnerHTML={{ __html: result.headlineHtml }} />
        </h2>
        <p class="story-card-excerpt" dir="auto" dangerouslySetInnerHTML={{ __html: result.snippetHtml }} />
        <p class="story-card-meta">
          <BylineNames authors={result.authors} />
          {result.publishedAt ? (
            <>
              {' · '}
              <Time iso={result.publishedAt} />
            </>
          ) : null}
        </p>
      </div>
    </article>
  )
}

/** A problem's text values (a section or author the reader typed) isolated inside the sentence. */
function isolatedValues(problem: SearchProblem): RichValues {
  const values: RichValues = {}
  for (const [name, value] of Object.entries(problem.values ?? {}))
    values[name] = typeof value === 'string' ? isolated(value) : value
  return values
}

export function SearchPage(props: SearchPageProps) {
  const { chrome, params, results, urlFor } = props
  const { t, path } = chrome.locale
  const abs = (sitePath: string) => chrome.siteUrl + sitePath
  const page = params.page
  const pageCount = results?.pageCount ?? 1
  const title = results ? t('site.searchTitle', { query: params.q }) : t('site.search')
  return (
    <Layout
      chrome={chrome}
      head={{
        title: page > 1 ? t('site.titleWithPage', { title, page }) : title,
        canonicalUrl: abs(results ? urlFor(page) : path('/search')),
        prevUrl: results && page > 1 ? abs(urlFor(page - 1)) : undefined,
        nextUrl: results && page < pageCount ? abs(urlFor(page + 1)) : undefined,
        // Result pages are endless and change by the minute: not for search engines' indexes.
        isNoIndex: true,
      }}
    >
      <Breadcrumb
        siteUrl={chrome.siteUrl}
        crumbs={[
          { name: t('site.home'), url: path('/') },
          { name: t('site.search'), url: path('/search') },
        ]}
      />
      <header class="listing-header">
        <h1>{t('site.search')}</h1>
      </header>
      {props.problems.length > 0 ? (
        <div class="search-problems" role="alert">
          {props.problems.map((problem) => (
            <p key={problem.key}>
              <Message id={problem.key} values={isolatedValues(problem)} />
            </p>
          ))}
        </div>
      ) : null}
      <SearchForm params={params} sections={chrome.sections} />
      {results ? (
        <>
          <p class="search-summary" role="status">
            {/* The query is the reader's, in any script: isolated so the quotes stay around it. */}
            <Message
              id={results.isTotalCapped ? 'site.searchResultsCapped' : 'site.searchResults'}
              values={{ count: results.total, query: isolated(params.q) }}
            />
          </p>
          {results.items.length > 0 ? (
            <div class="story-list">
              {results.items.map((result) => (
                <SearchResultItem key={result.id} result={result} />
              ))}
            </div>
          ) : null}
          <Pagination
            page={page}
            pageCount={pageCount}
            urlFor={urlFor}
            labels={{ prev: t('site.previousResults'), next: t('site.moreResults') }}
          />
        </>
      ) : null}
    </Layout>
  )
}
