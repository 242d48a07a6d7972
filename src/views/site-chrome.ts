import type { Locale } from '../i18n/locale.ts'
import type { MediaView } from '../media/media.service.ts'
import type { SectionView } from '../sections/sections.service.ts'

/** What every public page shows around its content: plain data, never a db handle. */
export interface SiteChrome {
  siteName: string
  /** The newsroom's logo (admin → Site settings); the masthead shows the name as text without one. */
  logo?: MediaView | undefined
  siteUrl: string
  language: string
  timeZone: string
  /** The page's language, direction, dates and strings (src/i18n/locale.ts). */
  locale: Locale
  sections: readonly SectionView[]
  stylesheetUrl: string
  /** The deferred script that registers the offline-reading service worker (src/offline/). */
  offlineScriptUrl?: string
  year: number
  /**
   * Images are links until tapped: the reader sent Save-Data: on (cache variant 'save-data') or
   * switched lite mode on (variant 'lite', src/lite/lite-mode.site.ts).
   */
  isSaveData?: boolean
  /** The reader switched lite mode on; the page offers to switch it off. */
  isLiteMode?: boolean
}
