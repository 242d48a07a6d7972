// The masthead's language switch: each other language's name, written in that language, linking
// to this page in it when the page has a version there (its hreflang alternates: a story's
// published translation, a section in that language), else to that language's home page.
import type { HreflangAlternate } from '../seo/page-meta.ts'
import { LANGUAGES, localizedPath, SITE_LANGUAGES } from './languages.ts'
import type { Locale } from './locale.ts'

export interface LanguageSwitchLink {
  language: string
  name: string
  href: string
  dir: 'ltr' | 'rtl'
}

/** The switch's links for a page in `locale.language` with these alternates. Pure. */
export function languageSwitchLinks(
  locale: Pick<Locale, 'language' | 'defaultLanguage'>,
  siteUrl: string,
  alternates: readonly HreflangAlternate[],
): LanguageSwitchLink[] {
  return SITE_LANGUAGES.filter((language) => language !== locale.language).map((language) => {
    const info = LANGUAGES[language]
    const version = alternates.find((a) => a.hreflang === info.hreflang)
    const href = version?.href.startsWith(`${siteUrl}/`)
      ? version.href.slice(siteUrl.length)
      : localizedPath('/', language, locale.defaultLanguage)
    return { language, name: info.nativeName, href, dir: info.dir }
  })
}

export function LanguageSwitch(props: {
  locale: Locale
  siteUrl: string
  alternates: readonly HreflangAlternate[]
}) {
  const links = languageSwitchLinks(props.locale, props.siteUrl, props.alternates)
  return (
    <nav class="language-switch" aria-label={props.locale.t('languages.switchLabel')}>
      <ul>
        {links.map((link) => (
          <li key={link.language}>
            <a
              href={link.href}
              lang={link.language}
              dir={link.dir}
              hreflang={LANGUAGES[link.language as keyof typeof LANGUAGES].hreflang}
            >
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
