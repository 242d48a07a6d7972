// The publication as structured data and feeds name it: the site's name and its logo. The logo is
// the admin's logo setting when there is one, else the default mark served at /logo.png.
import type { AppContext } from '../context.ts'
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

export async function sitePublisher(ctx: AppContext): Promise<Publisher> {
  const settings = await getSiteSettings(ctx)
  const logo = await siteLogo(ctx, settings)
  const siteUrl = ctx.config.siteUrl
  return {
    name: settings.siteName,
    url: `${siteUrl}/`,
    logo:
      logo && logo.width !== null && logo.height !== null
        ? { url: siteUrl + logo.url, width: logo.width, height: logo.height }
        : { url: siteUrl + DEFAULT_LOGO_PATH, width: DEFAULT_LOGO_SIZE, height: DEFAULT_LOGO_SIZE },
    language: settings.defaultLanguage,
    timeZone: settings.timeZone,
  }
}
