import { describe, expect, it } from 'vitest'
import { createLocale } from './locale.ts'

const ISO = '2026-11-27T09:30:00.000Z' // 14:00 in Kabul

describe('createLocale', () => {
  it('formats English dates in the site zone', () => {
    const locale = createLocale({ language: 'en', defaultLanguage: 'en', timeZone: 'Asia/Kabul' })
    expect(locale.formatDate(ISO)).toBe('27 November 2026')
    expect(locale.formatDateTime(ISO)).toContain('14:00')
    expect(locale.dir).toBe('ltr')
    expect(locale.path('/society/')).toBe('/society/')
  })

  it('gives Dari the Gregorian calendar and Latin digits unless the site asks otherwise', () => {
    const locale = createLocale({ language: 'fa', defaultLanguage: 'en', timeZone: 'Asia/Kabul' })
    expect(locale.formatDate(ISO)).toBe('27 نومبر 2026')
    expect(locale.dir).toBe('rtl')
    expect(locale.path('/society/')).toBe('/fa/society/')
  })

  it('shows Solar Hijri dates and Eastern Arabic-Indic digits when the settings say so', () => {
    const options = {
      defaultLanguage: 'en',
      timeZone: 'Asia/Kabul',
      isSolarHijri: true,
      isEasternNumerals: true,
    }
    expect(createLocale({ ...options, language: 'fa' }).formatDate(ISO)).toBe('۶ قوس ۱۴۰۵')
    const pashto = createLocale({ ...options, language: 'ps' })
    expect(pashto.formatDate(ISO)).not.toContain('AP')
    expect(pashto.formatDate(ISO)).toContain('۱۴۰۵')
    expect(pashto.formatNumber(1234)).toBe('۱٬۲۳۴')
    // English pages ignore both settings.
    expect(createLocale({ ...options, language: 'en' }).formatDate(ISO)).toBe('27 November 2026')
  })
})
