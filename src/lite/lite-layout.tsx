// The lite edition's page: text only, for readers on slow or expensive connections (BBC's .lite,
// text.npr.org). No stylesheet, no script, no picture: the browser's own defaults are readable,
// and every byte saved is one a reader does not pay for. A banner leads back to the full page.
import type { ComponentChildren } from 'preact'
import { LocaleContext } from '../i18n/locale-context.ts'
import { ProvideContext } from '../views/provide-context.tsx'
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
  const { t } = chrome.locale
  const language = props.language ?? chrome.language
  const title =
    props.title === chrome.siteName
      ? t('site.liteTitle', { siteName: chrome.siteName })
      : t('site.titleWithSite', { title: props.title, siteName: chrome.siteName })
  return (
    // The locale reaches the page's components (dates, bylines) as on the full site.
    <ProvideContext context={LocaleContext} value={chrome.locale}>
      <html lang={language} dir={chrome.locale.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <link rel="canonical" href={props.fullUrl} />
        </head>
        <body>
          <header>
            <p>
              <a href={chrome.locale.path('/lite/')}>
                <bdi>{chrome.siteName}</bdi>
              </a>{' '}
              · {t('site.liteBanner')} ·{' '}
              <a class="full-version" href={props.fullPath}>
                {t('site.fullVersion')}
              </a>
            </p>
          </header>
          <main id="content">{props.children}</main>
          <footer>
            <p>
              <a href={chrome.locale.path('/mirrors/')}>{t('mirrors.footerLink')}</a>
            </p>
            <p>
              © {chrome.locale.formatYear(chrome.year)} <bdi>{chrome.siteName}</bdi>
            </p>
          </footer>
        </body>
      </html>
    </ProvideContext>
  )
}
