// "Read this in …": links from a story to its published translations. Each link is written in
// the language it leads to, and marked as such (lang, dir), so a Dari reader who lands on the
// English page recognises the Dari link in Dari script, rendered right to left.

import { asSiteLanguage, LANGUAGES } from '../i18n/languages.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { createTranslator } from '../i18n/messages.ts'
import type { TranslationLink } from './translations.service.ts'

export function TranslationLinks(props: { translations: readonly TranslationLink[] }) {
  const { t } = useLocale()
  if (props.translations.length === 0) return null
  return (
    <nav class="story-translations" aria-label={t('languages.translationsLabel')}>
      <ul>
        {props.translations.map((link) => {
          const language = asSiteLanguage(link.language)
          const info = LANGUAGES[language]
          return (
            <li key={link.language}>
              <a href={link.url} hreflang={info.hreflang} lang={language} dir={info.dir} rel="alternate">
                {createTranslator(language, info.intlLocale)('languages.readThisIn')}
              </a>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
