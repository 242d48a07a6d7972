// Glue between features' page handlers and Fastify: the chrome every page shares, and sending HTML.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import { isImageFreeVariant, requestVariant } from '../cache/cache-key.ts'
import { surrogateKeyHeader } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { createLocale } from '../i18n/locale.ts'
import { zonedYearMonth } from '../lib/time.ts'
import { listSections } from '../sections/sections.service.ts'
import { getSiteSettings, siteLogo } from '../settings/settings.service.ts'
import { renderDocument } from '../views/render.ts'
import type { SiteChrome } from '../views/site-chrome.ts'
import { offlineScriptUrl, stylesheetUrl } from './assets.ts'

/**
 * The chrome of a public page. The site's name, time zone and default language are the admin's
 * settings where set (src/settings/settings.service.ts), else the environment's. With the request,
 * the page honours Save-Data; the page cache keys on the same variant (src/cache/cache-key.ts).
 */
export async function buildChrome(
  ctx: AppContext,
  language?: string,
  request?: FastifyRequest,
): Promise<SiteChrome> {
  const settings = await getSiteSettings(ctx)
  const pageLanguage = language ?? settings.defaultLanguage
  // The navigation in the page's language: its section names and /fa/… addresses.
  const sections = await listSections(ctx, pageLanguage)
  return {
    siteName: settings.siteName,
    logo: await siteLogo(ctx, settings),
    siteUrl: ctx.config.siteUrl,
    language: pageLanguage,
    timeZone: settings.timeZone,
    locale: createLocale({
      language: pageLanguage,
      defaultLanguage: settings.defaultLanguage,
      timeZone: settings.timeZone,
      isSolarHijri: settings.solarHijri,
      isEasternNumerals: settings.easternNumerals,
    }),
    sections,
    stylesheetUrl: stylesheetUrl(),
    offlineScriptUrl: offlineScriptUrl(),
    isSaveData: request !== undefined && isImageFreeVariant(requestVariant(request.headers)),
    isLiteMode: request !== undefined && requestVariant(request.headers) === 'lite',
    year: zonedYearMonth(ctx.clock.now().toISOString(), settings.timeZone).year,
  }
}

/**
 * Public pages may be kept by browsers for a minute and by shared caches (a CDN) for five, and
 * served stale while they refresh or while the origin is down. Shared caches can hold them longer
 * than browsers because they are purged by surrogate key when content changes.
 */
export const PUBLIC_PAGE_CACHE_CONTROL =
  'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400'

export interface SendPageOptions {
  status?: number
  /**
   * Surrogate keys of what the page shows (src/cache/surrogate-keys.ts). A 200 that declares them
   * is stored by the page cache and purged when any of them changes; one that does not is never
   * cached by us (a CDN still may, for the Cache-Control lifetime).
   */
  surrogateKeys?: readonly string[]
}

export function sendPage(
  reply: FastifyReply,
  page: VNode,
  options: number | SendPageOptions = {},
): FastifyReply {
  const { status = 200, surrogateKeys = [] } = typeof options === 'number' ? { status: options } : options
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', status === 200 ? PUBLIC_PAGE_CACHE_CONTROL : 'no-store')
  if (status === 200 && surrogateKeys.length > 0)
    reply.header('surrogate-key', surrogateKeyHeader(surrogateKeys))
  // As bytes: the ETag's hash, the page cache and the socket then share one UTF-8 copy of the page
  // instead of each making their own from the string.
  return reply.send(Buffer.from(renderDocument(page)))
}

export function absoluteUrl(ctx: AppContext, path: string): string {
  return ctx.config.siteUrl + path
}

/** A permanent redirect to a path on this site (never to another host). */
export function redirectTo(reply: FastifyReply, path: string, status: 301 | 302 | 308 = 301): FastifyReply {
  const safePath = path.startsWith('/') && !path.startsWith('//') ? path : '/'
  return reply.redirect(safePath, status)
}
