// The languages Dateline publishes in, and how each is written and addressed. The default
// language (a site setting) lives at the root of the site; every other one under /{code}/.

export const SITE_LANGUAGES = ['en', 'fa', 'ps'] as const
export type SiteLanguage = (typeof SITE_LANGUAGES)[number]

export interface LanguageInfo {
  /** The name in the language itself, for "Read this in …" links and language menus. */
  nativeName: string
  /** The name in English, for the admin and for logs. */
  englishName: string
  dir: 'ltr' | 'rtl'
  /** BCP 47 tag for hreflang, og:locale and the lang attribute's region-specific uses. */
  hreflang: string
  /** The base locale handed to Intl (numbering system and calendar are added per site setting). */
  intlLocale: string
}

export const LANGUAGES: Record<SiteLanguage, LanguageInfo> = {
  en: { nativeName: 'English', englishName: 'English', dir: 'ltr', hreflang: 'en', intlLocale: 'en-GB' },
  // Dari is written with the code "fa" (ISO 639-1 has no code for Dari alone; "prs" is 639-3).
  fa: { nativeName: 'دری', englishName: 'Dari', dir: 'rtl', hreflang: 'fa-AF', intlLocale: 'fa-AF' },
  ps: { nativeName: 'پښتو', englishName: 'Pashto', dir: 'rtl', hreflang: 'ps-AF', intlLocale: 'ps-AF' },
}

export function isSiteLanguage(value: unknown): value is SiteLanguage {
  return typeof value === 'string' && (SITE_LANGUAGES as readonly string[]).includes(value)
}

/** A stored language code as a SiteLanguage; anything unknown reads as English rather than failing a page. */
export function asSiteLanguage(value: string): SiteLanguage {
  return isSiteLanguage(value) ? value : 'en'
}

export function textDirection(language: string): 'ltr' | 'rtl' {
  return isSiteLanguage(language) ? LANGUAGES[language].dir : 'ltr'
}

/** "" for the default language, "/fa" for Dari when English is the default. */
export function languagePrefix(language: string, defaultLanguage: string): string {
  return language === defaultLanguage ? '' : `/${language}`
}

/** A site path ("/society/") as it is addressed in a language ("/fa/society/"). */
export function localizedPath(path: string, language: string, defaultLanguage: string): string {
  return languagePrefix(language, defaultLanguage) + path
}
