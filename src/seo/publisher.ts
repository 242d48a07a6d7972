// The publication as structured data and feeds name it: the site's name and its logo. The logo is
// the admin's logo setting when there is one, else the default mark served at /logo.png.
import type { AppContext } from '../context.ts'
import { localizedPath } from '../i18n/languages.ts'
import { getSiteSettings, siteLogo } from '../settings/settings.service.ts'

export const DEFAULT_LOGO_PATH = '/logo.png'
export const DEFAULT_LOGO_SIZE = 512

export interface Publisher {
  name: string
  /** Absolute URL of the home page. */
  url: string
  logo: { url: string; width: number; height: number }
  language: string
  timeZone: string
}

/**
 * The publication as a page presents it: with a language, that page's (its `url` is the language's
 * home, /fa/ for Dari when English is the default); without, the default language's.
 */
export async function sitePublisher(ctx: AppContext, language?: string): Promise<Publisher> {
  const settings = await getSiteSettings(ctx)
  const logo = await siteLogo(ctx, settings)
  const siteUrl = ctx.config.siteUrl
  const pageLanguage = language ?? settings.defaultLanguage
  return {
    name: settings.siteName,
    url: siteUrl + localizedPath('/', pageLanguage, settings.defaultLanguage),
    logo:
      logo && logo.width !== null && logo.height !== null
        ? { url: siteUrl + logo.url, width: logo.width, height: logo.height }
        : { url: siteUrl + DEFAULT_LOGO_PATH, width: DEFAULT_LOGO_SIZE, height: DEFAULT_LOGO_SIZE },
    language: pageLanguage,
    timeZone: settings.timeZone,
  }
}
