import type { ComponentChildren } from 'preact'
import { type SiteChrome, TEXT_DIRECTION } from './site-chrome.ts'

export interface HeadMeta {
  title: string
  description?: string
  /** Absolute URL of this page's canonical version. */
  canonicalUrl: string
  prevUrl?: string | undefined
  nextUrl?: string | undefined
  /** Pages that must not be indexed (404, errors). */
  isNoIndex?: boolean
}

export function Layout(props: { chrome: SiteChrome; head: HeadMeta; children: ComponentChildren }) {
  const { chrome, head } = props
  const title = head.title === chrome.siteName ? chrome.siteName : `${head.title} – ${chrome.siteName}`
  const topSections = chrome.sections.filter((s) => s.parentId === null)
  return (
    <html lang={chrome.language} dir={TEXT_DIRECTION[chrome.language] ?? 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {head.description ? <meta name="description" content={head.description} /> : null}
        {head.isNoIndex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={head.canonicalUrl} />
        {head.prevUrl ? <link rel="prev" href={head.prevUrl} /> : null}
        {head.nextUrl ? <link rel="next" href={head.nextUrl} /> : null}
        <link rel="stylesheet" href={chrome.stylesheetUrl} />
        <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
      </head>
      <body>
        <a class="skip-link" href="#content">
          Skip to content
        </a>
        <header class="masthead">
          <div class="masthead-inner">
            <a class="site-name" href="/">
              {chrome.siteName}
            </a>
            <form class="masthead-search" action="/search" method="get">
              <label class="visually-hidden" for="masthead-q">
                Search stories
              </label>
              <input id="masthead-q" type="search" name="q" maxLength={200} />
              <button type="submit">Search</button>
            </form>
          </div>
          <nav class="section-nav" aria-label="Sections">
            <ul>
              <li>
                <a href="/latest/">Latest</a>
              </li>
              {topSections.map((s) => (
                <li key={s.id}>
                  <a href={s.url}>{s.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="content" class="content" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <nav aria-label="Footer">
            <ul>
              {topSections.map((s) => (
                <li key={s.id}>
                  <a href={s.url}>{s.name}</a>
                </li>
              ))}
            </ul>
          </nav>
          <p>
            © {chrome.year} {chrome.siteName}. Published with Dateline.
          </p>
        </footer>
      </body>
    </html>
  )
}
