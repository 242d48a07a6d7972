// Interface strings come from message catalogs: one JSON file per area (site, admin) and language
// under catalogs/, ICU MessageFormat syntax (plurals, selects, numbers) through intl-messageformat
// (docs/decisions/0004-i18n-messageformat.md). Keys are "<area>.<key>", e.g. "site.skipToContent".
// catalogs.test.ts fails when any key is missing in any language or a message does not parse.
import { readdirSync, readFileSync } from 'node:fs'
import { IntlMessageFormat } from 'intl-messageformat'
import { SITE_LANGUAGES, type SiteLanguage } from './languages.ts'

export type MessageValues = Record<string, string | number | Date>
export type Translate = (key: string, values?: MessageValues) => string

const CATALOG_DIR = new URL('./catalogs/', import.meta.url)

/** Every catalog, flattened to "<area>.<key>" → message, per language. Read once per process. */
function loadCatalogs(): Record<SiteLanguage, Map<string, string>> {
  const result = {} as Record<SiteLanguage, Map<string, string>>
  for (const language of SITE_LANGUAGES) result[language] = new Map()
  for (const area of readdirSync(CATALOG_DIR)) {
    for (const language of SITE_LANGUAGES) {
      const file = new URL(`${area}/${language}.json`, CATALOG_DIR)
      let entries: Record<string, string>
      try {
        entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw new Error(
          `Message catalog ${area}/${language}.json cannot be read: ${(error as Error).message}`,
        )
      }
      for (const [key, message] of Object.entries(entries)) result[language].set(`${area}.${key}`, message)
    }
  }
  return result
}

let catalogs: Record<SiteLanguage, Map<string, string>> | undefined

export function catalogMessages(language: SiteLanguage): ReadonlyMap<string, string> {
  catalogs ??= loadCatalogs()
  return catalogs[language]
}

/** Compiled formats, per Intl locale and key: parsing a message is far dearer than formatting it. */
const compiled = new Map<string, IntlMessageFormat>()

/**
 * A translate function for a language. `intlLocale` carries the numbering system the site chose
 * (for example "fa-AF-u-nu-latn"), so plural numbers (`#`) come out in the page's digits.
 * A key missing in the language falls back to English, then to the key itself: a page never fails
 * over a string (and the catalog test keeps that from shipping).
 */
export function createTranslator(language: SiteLanguage, intlLocale: string): Translate {
  const own = catalogMessages(language)
  const english = catalogMessages('en')
  return (key, values) => {
    const message = own.get(key) ?? english.get(key)
    if (message === undefined) return key
    const cacheKey = `${intlLocale}\u0000${key}`
    let format = compiled.get(cacheKey)
    if (format === undefined) {
      format = new IntlMessageFormat(message, intlLocale, undefined, { ignoreTag: true })
      compiled.set(cacheKey, format)
    }
    return String(format.format(values))
  }
}
