// The lite edition's page: text only, for readers on slow or expensive connections (BBC's .lite,
// text.npr.org). No stylesheet, no script, no picture: the browser's own defaults are readable,
// and every byte saved is one a reader does not pay for. A banner leads back to the full page.
import type { ComponentChildren } from 'preact'
import { textDirection } from '../i18n/languages.ts'
import type { SiteChrome } from '../views/site-chrome.ts'

export function LiteLayout(props: {
  chrome: SiteChrome
  title: string
  /** Absolute URL of the full page this one is the lite version of (its canonical). */
  fullUrl: string
  /** The full page's path, for the banner link. */
  fullPath: string
  language?: string
  children: ComponentChildren
}) {
  const { chrome } = props
  const language = props.language ?? chrome.language
  const title =
    props.title === chrome.siteName ? `${chrome.siteName} (lite)` : `${props.title} – ${chrome.siteName}`
  return (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="canonical" href={props.fullUrl} />
      </head>
      <body>
        <header>
          <p>
            <a href="/lite/">{chrome.siteName}</a> · lite version, text only ·{' '}
            <a class="full-version" href={props.fullPath}>
              Full version
            </a>
          </p>
        </header>
        <main id="content">{props.children}</main>
        <footer>
          <p>
            © {chrome.year} {chrome.siteName}
          </p>
        </footer>
      </body>
    </html>
  )
}
