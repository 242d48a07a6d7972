// The admin's language. Signed in, it is the one the person chose on their account page (null =
// the site's default). Before sign-in nobody is known yet, so the sign-in, code and reset pages
// follow the browser's Accept-Language when it names one of our languages — a Dari-speaking
// reporter whose phone is set to Dari is not met by an English form — and the site's default
// otherwise. The result is a Locale (src/i18n/locale.ts), set on the request by the admin plugin and
// handed to every page through LocaleContext by sendAdminPage.
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../context.ts'
import { isSiteLanguage, SITE_LANGUAGES, type SiteLanguage } from '../i18n/languages.ts'
import { createLocale, type Locale } from '../i18n/locale.ts'
import { getSiteSettings } from '../settings/settings.service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every request under /admin once the session is known (admin.plugin.tsx). */
    adminLocale?: Locale
  }
}

/** English with the process's time zone: for an error raised before the settings could be read. */
export function fallbackAdminLocale(ctx: AppContext): Locale {
  return createLocale({ language: 'en', defaultLanguage: 'en', timeZone: ctx.config.timeZone })
}

/**
 * The first of our languages that an Accept-Language header asks for, by its q weights
 * ("fa-AF,fa;q=0.9,en;q=0.8" → "fa"), or undefined when it names none of them.
 */
export function preferredLanguage(header: string | undefined): SiteLanguage | undefined {
  if (!header) return undefined
  const ranges = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const weight = q === undefined ? 1 : Number(q.slice(2))
      return {
        base: tag.trim().toLowerCase().split('-')[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      }
    })
    .filter((range) => range.weight > 0 && isSiteLanguage(range.base))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
  const first = ranges[0]?.base
  return isSiteLanguage(first) ? first : undefined
}

/** The language an admin request is shown in (see the comment at the top). */
export function adminLanguageFor(
  request: Pick<FastifyRequest, 'session' | 'headers'>,
  siteDefault: string,
): SiteLanguage {
  const session = request.session
  if (session.kind !== 'anonymous') {
    const chosen = session.user.uiLanguage
    if (isSiteLanguage(chosen)) return chosen
    return isSiteLanguage(siteDefault) ? siteDefault : 'en'
  }
  return (
    preferredLanguage(request.headers['accept-language']) ??
    (isSiteLanguage(siteDefault) ? siteDefault : 'en')
  )
}

export async function resolveAdminLocale(ctx: AppContext, request: FastifyRequest): Promise<Locale> {
  const settings = await getSiteSettings(ctx)
  return createLocale({
    language: adminLanguageFor(request, settings.defaultLanguage),
    defaultLanguage: settings.defaultLanguage,
    timeZone: settings.timeZone,
    // The newsroom reads its admin with the calendar and digits it chose for its readers.
    isSolarHijri: settings.solarHijri,
    isEasternNumerals: settings.easternNumerals,
  })
}

/** The languages a person may choose for the admin, each named in itself. */
export const ADMIN_LANGUAGES: readonly SiteLanguage[] = SITE_LANGUAGES
