import { Layout } from './layout.tsx'
import type { SiteChrome } from './site-chrome.ts'

const HEADINGS: Record<number, string> = {
  400: 'That address is not quite right',
  404: 'We could not find that page',
  410: 'This story has been withdrawn',
  500: 'Something went wrong on our side',
}

export function ErrorPage(props: {
  chrome: SiteChrome
  status: number
  message: string
  canonicalUrl: string
}) {
  const heading = HEADINGS[props.status] ?? (props.status >= 500 ? HEADINGS[500] : HEADINGS[400])
  return (
    <Layout
      chrome={props.chrome}
      head={{ title: heading ?? 'Error', canonicalUrl: props.canonicalUrl, isNoIndex: true }}
    >
      <section class="error-page">
        <p class="error-status">Error {props.status}</p>
        <h1>{heading}</h1>
        <p>{props.message}</p>
        <p>
          Try the <a href="/">front page</a> or the <a href="/latest/">latest stories</a>.
        </p>
      </section>
    </Layout>
  )
}
