// Everything a page needs to speak its language: the translate function, the text direction,
// dates in the site's zone and calendar, numbers in the chosen digits, and localized paths.
// Built once per rendered page from the page's language and the site settings; reached from any
// component through LocaleContext (locale-context.ts), so pages never pass it down by hand.
import { cachedDateFormat } from '../lib/time.ts'
import { asSiteLanguage, LANGUAGES, localizedPath, type SiteLanguage } from './languages.ts'
import { createTranslator, type Translate } from './messages.ts'

export interface LocaleOptions {
  language: string
  /** The site's default language: the one that lives at the root, without a /{code}/ prefix. */
  defaultLanguage: string
  timeZone: string
  /** Dari and Pashto pages show dates in the Solar Hijri calendar (site setting). */
  isSolarHijri?: boolean
  /** Dari and Pashto pages show Eastern Arabic-Indic digits (۱۲۳) rather than 123 (site setting). */
  isEasternNumerals?: boolean
}

export interface Locale {
  language: SiteLanguage
  defaultLanguage: string
  dir: 'ltr' | 'rtl'
  /** The Intl locale with the calendar and numbering system the site chose, e.g. "fa-AF-u-ca-persian-nu-latn". */
  intlLocale: string
  timeZone: string
  t: Translate
  /** "27 November 2026" / "۶ قوس ۱۴۰۵" — for people; <time datetime> stays ISO (lib/time.ts). */
  formatDate(iso: string): string
  /** "27 November 2026, 14:00". */
  formatDateTime(iso: string): string
  /** A Gregorian year and month as a heading ("November 2026"); archive addresses stay Gregorian. */
  formatMonth(year: number, month: number): string
  formatNumber(value: number): string
  /** A year without grouping ("2026", "۲۰۲۶"), for a copyright line. */
  formatYear(year: number): string
  /** A site path in this page's language: "/society/" → "/fa/society/" on a Dari page. */
  path(sitePath: string): string
}

export function intlLocaleFor(options: LocaleOptions): string {
  const language = asSiteLanguage(options.language)
  const base = LANGUAGES[language].intlLocale
  if (LANGUAGES[language].dir === 'ltr') return base
  // fa-AF defaults to the Persian calendar in CLDR, so the Gregorian one must be asked for too.
  const calendar = options.isSolarHijri ? 'persian' : 'gregory'
  const digits = options.isEasternNumerals ? 'arabext' : 'latn'
  return `${base}-u-ca-${calendar}-nu-${digits}`
}

// Number formats are kept like date formats (lib/time.ts cachedDateFormat): a page builds its
// Locale on every uncached render.
const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, options)
    numberFormats.set(key, format)
  }
  return format
}

/**
 * Formats without the era: CLDR's Pashto Solar Hijri pattern prints "AP" (Anno Persico) in Latin
 * letters in the middle of the date, which no Afghan reader writes.
 */
function formatWithoutEra(format: Intl.DateTimeFormat, date: Date): string {
  // Only the Solar Hijri formats print an era; the others take the cheaper whole-string path
  // (the same text: format() is formatToParts() joined).
  const text = hasEra(format)
    ? format
        .formatToParts(date)
        .filter((part) => part.type !== 'era')
        .map((part) => part.value)
        .join('')
    : format.format(date)
  return text.replace(/\s+/g, ' ').trim()
}

const eraByFormat = new WeakMap<Intl.DateTimeFormat, boolean>()

function hasEra(format: Intl.DateTimeFormat): boolean {
  let isPrinted = eraByFormat.get(format)
  if (isPrinted === undefined) {
    isPrinted = format.formatToParts(new Date(0)).some((part) => part.type === 'era')
    eraByFormat.set(format, isPrinted)
  }
  return isPrinted
}

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' }
const DAY_TIME: Intl.DateTimeFormatOptions = { ...DAY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }

export function createLocale(options: LocaleOptions): Locale {
  const language = asSiteLanguage(options.language)
  const intlLocale = intlLocaleFor(options)
  const { timeZone, defaultLanguage } = options
  const gregorianLocale = intlLocale.replace('-ca-persian', '-ca-gregory')
  const numbers = numberFormat(intlLocale, {})
  const years = numberFormat(intlLocale, { useGrouping: false })
  return {
    language,
    defaultLanguage,
    dir: LANGUAGES[language].dir,
    intlLocale,
    timeZone,
    t: createTranslator(language, intlLocale),
    formatDate: (iso) => formatWithoutEra(cachedDateFormat(intlLocale, timeZone, DAY), new Date(iso)),
    formatDateTime: (iso) =>
      formatWithoutEra(cachedDateFormat(intlLocale, timeZone, DAY_TIME), new Date(iso)),
    formatMonth: (year, month) =>
      formatWithoutEra(
        cachedDateFormat(gregorianLocale, 'UTC', { year: 'numeric', month: 'long' }),
        new Date(Date.UTC(year, month - 1, 15)),
      ),
    formatNumber: (value) => numbers.format(value),
    formatYear: (year) => years.format(year),
    path: (sitePath) => localizedPath(sitePath, language, defaultLanguage),
  }
}
