import type { ComponentChildren } from 'preact'
import { feedLinks } from '../feeds/feed-urls.ts'
import { LanguageSwitch } from '../i18n/language-switch.tsx'
import { LocaleContext } from '../i18n/locale-context.ts'
import { formatWithElements, isolated } from '../i18n/rich-message.tsx'
import { LiteModeToggle } from '../lite/lite-mode-toggle.tsx'
import { serializeJsonLd } from '../seo/json-ld.ts'
import { pageShareCard } from '../seo/open-graph.ts'
import type { PageMeta } from '../seo/page-meta.ts'
import { ProvideContext } from './provide-context.tsx'
import { SaveDataContext } from './save-data-context.ts'
import type { SiteChrome } from './site-chrome.ts'

export interface HeadMeta {
  title: string
  description?: string
  /** Absolute URL of this page's canonical version. */
  canonicalUrl: string
  prevUrl?: string | undefined
  nextUrl?: string | undefined
  /** Pages that must not be indexed (404, errors). */
  isNoIndex?: boolean
  /** Share cards, JSON-LD, the page's feeds and translations (src/seo/page-meta.ts). */
  meta?: PageMeta
}

export function Layout(props: { chrome: SiteChrome; head: HeadMeta; children: ComponentChildren }) {
  const { chrome, head } = props
  const { t, path } = chrome.locale
  const title =
    head.title === chrome.siteName
      ? chrome.siteName
      : t('site.titleWithSite', { title: head.title, siteName: chrome.siteName })
  const topSections = chrome.sections.filter((s) => s.parentId === null)
  const description = head.description || t('site.defaultDescription', { siteName: chrome.siteName })
  // A page that passes no metadata still gets a plain share card.
  const card = head.meta ?? {
    ...pageShareCard({
      title: head.title,
      description,
      url: head.canonicalUrl,
      siteName: chrome.siteName,
      siteUrl: chrome.siteUrl,
      language: chrome.language,
    }),
    jsonLd: [],
    feeds: [],
    alternates: [],
  }
  const feeds = [...feedLinks(chrome.siteUrl, { kind: 'site' }, chrome.siteName, path), ...card.feeds]
  return (
    // The locale reaches every component of the page, masthead and footer included (useLocale).
    <ProvideContext context={LocaleContext} value={chrome.locale}>
      <html
        lang={chrome.language}
        dir={chrome.locale.dir}
        class={chrome.isSaveData ? 'save-data' : undefined}
      >
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <meta name="description" content={description} />
          {head.isNoIndex ? (
            <meta name="robots" content="noindex" />
          ) : (
            <meta name="robots" content="max-image-preview:large" />
          )}
          <link rel="canonical" href={head.canonicalUrl} />
          {card.alternates.map((a) => (
            <link key={a.hreflang} rel="alternate" hreflang={a.hreflang} href={a.href} />
          ))}
          {feeds.map((f) => (
            <link key={f.href} rel="alternate" type={f.type} title={f.title} href={f.href} />
          ))}
          {card.openGraph.map((m, i) => (
            <meta key={`${m.property}-${i}`} property={m.property} content={m.content} />
          ))}
          {card.twitter.map((m) => (
            <meta key={m.name} name={m.name} content={m.content} />
          ))}
          {/* Raw text on purpose: serializeJsonLd escapes <, > and & so no value can close the
            script block. A data block is never executed, so the strict CSP does not apply to it. */}
          {card.jsonLd.map((data, i) => (
            <script
              key={i}
              type="application/ld+json"
              dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
            />
          ))}
          {head.prevUrl ? <link rel="prev" href={head.prevUrl} /> : null}
          {head.nextUrl ? <link rel="next" href={head.nextUrl} /> : null}
          <link rel="stylesheet" href={chrome.stylesheetUrl} />
          {/* Offline reading; deferred, so nothing waits for it (src/offline/). */}
          {chrome.offlineScriptUrl ? <script src={chrome.offlineScriptUrl} defer /> : null}
          <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
        </head>
        <body>
          <a class="skip-link" href="#content">
            {t('site.skipToContent')}
          </a>
          <header class="masthead">
            <div class="masthead-inner">
              <a class="site-name" href={path('/')}>
                {chrome.logo ? (
                  <img
                    class="site-logo"
                    src={chrome.logo.fallbackUrl}
                    alt={chrome.siteName}
                    width={chrome.logo.width ?? undefined}
                    height={chrome.logo.height ?? undefined}
                    fetchpriority="high"
                  />
                ) : (
                  <bdi>{chrome.siteName}</bdi>
                )}
              </a>
              <form class="masthead-search" action={path('/search')} method="get">
                <label class="visually-hidden" for="masthead-q">
                  {t('site.searchStories')}
                </label>
                <input id="masthead-q" type="search" name="q" maxLength={200} dir="auto" />
                <button type="submit">{t('site.search')}</button>
              </form>
              <LanguageSwitch locale={chrome.locale} siteUrl={chrome.siteUrl} alternates={card.alternates} />
            </div>
            <nav class="section-nav" aria-label={t('site.sectionsNav')}>
              <ul>
                <li>
                  <a href={path('/latest/')}>{t('site.latest')}</a>
                </li>
                {topSections.map((s) => (
                  <li key={s.id}>
                    <a href={s.url}>
                      <bdi>{s.name}</bdi>
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <main id="content" class="content" tabIndex={-1}>
            <ProvideContext context={SaveDataContext} value={chrome.isSaveData === true}>
              {props.children}
            </ProvideContext>
          </main>
          <footer class="site-footer">
            <nav aria-label={t('site.footerNav')}>
              <ul>
                {topSections.map((s) => (
                  <li key={s.id}>
                    <a href={s.url}>
                      <bdi>{s.name}</bdi>
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {chrome.isSaveData && !chrome.isLiteMode ? null : (
              <LiteModeToggle
                isOn={chrome.isLiteMode === true}
                returnPath={new URL(head.canonicalUrl).pathname}
                t={t}
              />
            )}
            <p>
              {formatWithElements(t, 'site.liteLink', {
                link: <a href={path('/lite/')}>{t('site.liteVersion')}</a>,
              })}
            </p>
            <p class="mirrors-link">
              <a href={path('/mirrors/')}>{t('mirrors.footerLink')}</a>
            </p>
            <p>
              {formatWithElements(t, 'site.copyright', {
                year: chrome.locale.formatYear(chrome.year),
                siteName: isolated(chrome.siteName),
              })}
            </p>
          </footer>
        </body>
      </html>
    </ProvideContext>
  )
}
