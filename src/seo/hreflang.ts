// <link rel="alternate" hreflang> sets (STANDARDS.md §4): every version of a page, itself included,
// with x-default naming the version for readers whose language is none of them — the default
// language's, where the page has one. A page with no other version gets none. Pure.
import { isSiteLanguage, LANGUAGES, localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import type { HreflangAlternate } from './page-meta.ts'

export interface LanguageVersion {
  language: string
  /** Site path, with its language prefix. */
  url: string
}

export function hreflangAlternates(
  siteUrl: string,
  versions: readonly LanguageVersion[],
  defaultLanguage: string,
): HreflangAlternate[] {
  const known = versions.filter((v) => isSiteLanguage(v.language))
  if (known.length < 2) return []
  const ordered = [...known].sort(
    (a, b) => SITE_LANGUAGES.indexOf(a.language as never) - SITE_LANGUAGES.indexOf(b.language as never),
  )
  const fallback = ordered.find((v) => v.language === defaultLanguage) ?? ordered[0]
  const alternates = ordered.map((v) => ({
    hreflang: LANGUAGES[v.language as keyof typeof LANGUAGES].hreflang,
    href: siteUrl + v.url,
  }))
  return fallback ? [...alternates, { hreflang: 'x-default', href: siteUrl + fallback.url }] : alternates
}

/** A listing page (home, /latest/, a section…) exists in every language at the same site path. */
export function everyLanguageVersion(sitePath: string, defaultLanguage: string): LanguageVersion[] {
  return SITE_LANGUAGES.map((language) => ({
    language,
    url: localizedPath(sitePath, language, defaultLanguage),
  }))
}

/** A listing page's alternates: the same site path in every language, x-default the root one. */
export function listingAlternates(
  siteUrl: string,
  sitePath: string,
  defaultLanguage: string,
): HreflangAlternate[] {
  return hreflangAlternates(siteUrl, everyLanguageVersion(sitePath, defaultLanguage), defaultLanguage)
}
