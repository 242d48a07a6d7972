// The page's Locale as a Preact context: any component deep in a page reads it with useLocale(),
// as the Picture component reads SaveDataContext, so no page threads it through every prop.
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { createLocale, type Locale } from './locale.ts'

/** English at the root, Kabul time: what a component rendered outside any page (a unit test) sees. */
const FALLBACK = createLocale({ language: 'en', defaultLanguage: 'en', timeZone: 'Asia/Kabul' })

export const LocaleContext = createContext<Locale>(FALLBACK)

export function useLocale(): Locale {
  return useContext(LocaleContext)
}
