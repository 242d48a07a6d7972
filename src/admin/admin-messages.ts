// Typed access to the admin's message catalog (src/i18n/catalogs/admin/*.json): a key the English
// catalog lacks does not compile. Components call `const t = useAdminT()` and then
// `t('admin.nav.stories')`; handlers that build text outside a component use adminT(request).
import type { FastifyRequest } from 'fastify'
import type adminCatalog from '../i18n/catalogs/admin/en.json'
import { createLocale, type Locale } from '../i18n/locale.ts'
import { useLocale } from '../i18n/locale-context.ts'
import type { MessageValues } from '../i18n/messages.ts'

export type AdminMessageKey = `admin.${keyof typeof adminCatalog & string}`
export type AdminTranslate = (key: AdminMessageKey, values?: MessageValues) => string

export function adminTranslate(locale: Locale): AdminTranslate {
  return (key, values) => locale.t(key, values)
}

export function useAdminT(): AdminTranslate {
  return adminTranslate(useLocale())
}

const ENGLISH = createLocale({ language: 'en', defaultLanguage: 'en', timeZone: 'UTC' })

/** The request's admin locale, English before the plugin has set one (an early error). */
export function requestLocale(request: FastifyRequest): Locale {
  return request.adminLocale ?? ENGLISH
}

/** For text made in a handler (a notice, a lockout message) rather than in a page component. */
export function adminT(request: FastifyRequest): AdminTranslate {
  return adminTranslate(requestLocale(request))
}
