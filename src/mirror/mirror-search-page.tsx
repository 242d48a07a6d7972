// The copy's own search page: a form that submits to itself, an empty list the script fills from
// the copy's index, and a plain sentence for readers without JavaScript. No inline script.
import { Layout } from '../views/layout.tsx'
import type { SiteChrome } from '../views/site-chrome.ts'

export function MirrorSearchPage(props: {
  chrome: SiteChrome
  canonicalUrl: string
  indexScript: string
  searchScript: string
  madeOn: string
}) {
  const { t } = props.chrome.locale
  return (
    <Layout
      chrome={props.chrome}
      head={{ title: t('mirrors.searchTitle'), canonicalUrl: props.canonicalUrl, isNoIndex: true }}
    >
      <div class="mirror-search">
        <h1>{t('mirrors.searchTitle')}</h1>
        <p id="mirror-search-needs-script">{t('mirrors.searchNeedsScript')}</p>
        <form id="mirror-search" action="" method="get" hidden>
          <label for="mirror-q">{t('mirrors.searchLabel')}</label>
          <input id="mirror-q" type="search" name="q" maxLength={200} dir="auto" />
          <button type="submit">{t('mirrors.searchButton')}</button>
        </form>
        <p class="hint">{t('mirrors.searchScope')}</p>
        <p id="mirror-status" role="status" />
        <ol id="mirror-results" class="search-results" />
        <p class="hint">{t('mirrors.copyNote', { siteName: props.chrome.siteName, date: props.madeOn })}</p>
      </div>
      <script src={props.indexScript} defer />
      <script src={props.searchScript} defer />
    </Layout>
  )
}
