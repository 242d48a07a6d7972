// The readers' search page: the form, messages, ranked results with highlighted snippets, pages.
import type { SectionView } from '../sections/sections.service.ts'
import { Breadcrumb, BylineNames, Pagination, Time } from '../views/components.tsx'
import { Layout } from '../views/layout.tsx'
import type { SiteChrome } from '../views/site-chrome.ts'
import type { SearchResult } from './search.service.ts'
import type { SearchParams } from './search-params.ts'

export interface SearchPageProps {
  chrome: SiteChrome
  params: SearchParams
  /** Problems with the parameters, shown above the form (the response is a 400). */
  problems: string[]
  /** Undefined when nothing was searched for (an empty query shows only the form). */
  results: { items: SearchResult[]; total: number; pageCount: number } | undefined
  urlFor: (page: number) => string
}

export function SearchForm(props: { params: SearchParams; sections: SectionView[] }) {
  const { params } = props
  return (
    <form class="search-form" action="/search" method="get">
      <p>
        <label for="search-q">Search stories</label>{' '}
        <input id="search-q" type="search" name="q" value={params.q} maxLength={200} />
      </p>
      <p>
        <label for="search-section">Section</label>{' '}
        <select id="search-section" name="section">
          <option value="">All sections</option>
          {props.sections.map((s) => (
            <option key={s.id} value={s.slug} selected={s.slug === params.section}>
              {s.name}
            </option>
          ))}
        </select>{' '}
        <label for="search-from">From</label>{' '}
        <input id="search-from" type="date" name="from" value={params.from} />{' '}
        <label for="search-to">To</label> <input id="search-to" type="date" name="to" value={params.to} />
      </p>
      {params.author !== '' ? <input type="hidden" name="author" value={params.author} /> : null}
      <p>
        <button type="submit">Search</button>
      </p>
    </form>
  )
}

function SearchResultItem(props: { result: SearchResult; timeZone: string }) {
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
              <Time iso={result.publishedAt} timeZone={props.timeZone} />
            </>
          ) : null}
        </p>
      </div>
    </article>
  )
}

export function SearchPage(props: SearchPageProps) {
  const { chrome, params, results, urlFor } = props
  const abs = (path: string) => chrome.siteUrl + path
  const page = params.page
  const pageCount = results?.pageCount ?? 1
  const title = results ? `Search: ${params.q}` : 'Search'
  return (
    <Layout
      chrome={chrome}
      head={{
        title: page > 1 ? `${title} – page ${page}` : title,
        canonicalUrl: abs(results ? urlFor(page) : '/search'),
        prevUrl: results && page > 1 ? abs(urlFor(page - 1)) : undefined,
        nextUrl: results && page < pageCount ? abs(urlFor(page + 1)) : undefined,
        // Result pages are endless and change by the minute: not for search engines' indexes.
        isNoIndex: true,
      }}
    >
      <Breadcrumb
        siteUrl={chrome.siteUrl}
        crumbs={[
          { name: 'Home', url: '/' },
          { name: 'Search', url: '/search' },
        ]}
      />
      <header class="listing-header">
        <h1>Search</h1>
      </header>
      {props.problems.length > 0 ? (
        <div class="search-problems" role="alert">
          {props.problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      ) : null}
      <SearchForm params={params} sections={chrome.sections} />
      {results ? (
        <>
          <p class="search-summary" role="status">
            {results.total === 0
              ? `No stories match “${params.q}”.`
              : `${results.total} ${results.total === 1 ? 'story matches' : 'stories match'} “${params.q}”.`}
          </p>
          {results.items.length > 0 ? (
            <div class="story-list">
              {results.items.map((result) => (
                <SearchResultItem key={result.id} result={result} timeZone={chrome.timeZone} />
              ))}
            </div>
          ) : null}
          <Pagination
            page={page}
            pageCount={pageCount}
            urlFor={urlFor}
            labels={{ prev: '← Previous results', next: 'More results →' }}
          />
        </>
      ) : null}
    </Layout>
  )
}
