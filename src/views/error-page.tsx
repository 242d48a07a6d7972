import { formatWithElements } from '../i18n/rich-message.tsx'
import { Layout } from './layout.tsx'
import type { SiteChrome } from './site-chrome.ts'

/** The statuses with words of their own; any other is told as the nearest of them. */
const KNOWN_STATUSES = [400, 404, 410, 500] as const

function headingStatus(status: number): (typeof KNOWN_STATUSES)[number] {
  const known = KNOWN_STATUSES.find((s) => s === status)
  return known ?? (status >= 500 ? 500 : 400)
}

export function ErrorPage(props: {
  chrome: SiteChrome
  status: number
  message: string
  canonicalUrl: string
}) {
  const { t, path, formatNumber } = props.chrome.locale
  const known = headingStatus(props.status)
  const heading = t(`site.error${known}`)
  // The error's own message is English (it comes from the code that threw it): English pages show
  // it, the others the catalog's explanation of the status.
  const text = props.chrome.locale.language === 'en' ? props.message : t(`site.error${known}Text`)
  return (
    <Layout
      chrome={props.chrome}
      head={{ title: heading, canonicalUrl: props.canonicalUrl, isNoIndex: true }}
    >
      <section class="error-page">
        <p class="error-status">{t('site.errorStatus', { status: formatNumber(props.status) })}</p>
        <h1>{heading}</h1>
        <p>{text}</p>
        <p>
          {formatWithElements(t, 'site.errorHelp', {
            front: <a href={path('/')}>{t('site.frontPage')}</a>,
            latest: <a href={path('/latest/')}>{t('site.latestStories')}</a>,
          })}
        </p>
      </section>
    </Layout>
  )
}
