import { describe, expect, it } from 'vitest'
import { foldText, normalizeText, searchTokens } from './normalize-text.ts'

describe('normalizeText', () => {
  it('folds Arabic yeh and alef maksura to Persian yeh, and Arabic kaf to keheh', () => {
    expect(normalizeText('كابلي')).toBe('کابلی')
    expect(normalizeText('مصطفى')).toBe('مصطفی')
    expect(normalizeText('كتاب')).toBe(normalizeText('کتاب'))
  })

  it('removes the zero-width non-joiner and other invisible marks', () => {
    expect(normalizeText('می\u200Cروم')).toBe('میروم')
    expect(normalizeText('\u200Fکابل\u200E\u202B\uFEFF\u2066')).toBe('کابل')
    expect(normalizeText('soft\u00ADhyphen')).toBe('softhyphen')
  })

  it('removes harakat, superscript alef and tatweel', () => {
    expect(normalizeText('كِتَابٌ')).toBe('کتاب')
    expect(normalizeText('رحمٰن')).toBe('رحمن')
    expect(normalizeText('کـــابل')).toBe('کابل')
  })

  it('turns Arabic-Indic and Eastern Arabic-Indic digits into ASCII digits', () => {
    expect(normalizeText('۱۴۰۵')).toBe('1405')
    expect(normalizeText('٢٠٢٦')).toBe('2026')
  })

  it('folds alef variants, teh marbuta and heh variants', () => {
    expect(normalizeText('أفغانستان')).toBe('افغانستان')
    expect(normalizeText('إسلام آباد ٱ')).toBe('اسلام اباد ا')
    expect(normalizeText('مدرسة')).toBe('مدرسه')
    expect(normalizeText('خانۀ')).toBe('خانه')
    expect(normalizeText('خانهٔ')).toBe('خانه')
  })

  it('leaves the Pashto letters intact', () => {
    const pashto = 'ټ ډ ړ ږ ښ ګ ڼ ې ۍ ئ ؤ'
    expect(normalizeText(pashto)).toBe(pashto)
    expect(normalizeText('ښوونځی')).toBe('ښوونځی')
    expect(normalizeText('پښتو ژبه ډېره ښکلې ده')).toBe('پښتو ژبه ډېره ښکلې ده')
  })

  it('applies NFKC: Arabic presentation forms and full-width Latin', () => {
    expect(normalizeText('\uFEDB\uFE8E\uFE91\uFEDE')).toBe('کابل')
    expect(normalizeText('ＫＡＢＵＬ')).toBe('kabul')
  })

  it('lower-cases and removes accents from Latin', () => {
    expect(normalizeText('Café ÉCOLE Ñandú')).toBe('cafe ecole nandu')
    expect(normalizeText('Cafe\u0301')).toBe('cafe')
  })

  it('removes private-use characters, so stored text can never hold a highlight sentinel', () => {
    expect(normalizeText('a\uE000b\uE001c')).toBe('abc')
  })

  it('keeps case in foldText, for readable snippets', () => {
    expect(foldText('Water  Board\n\tKabul')).toBe('Water Board Kabul')
  })
})

describe('searchTokens', () => {
  it('splits on everything but letters and digits', () => {
    expect(searchTokens('"water" AND (board*) NEAR/2 ^kabul: covid-19')).toEqual([
      'water',
      'and',
      'board',
      'near',
      '2',
      'kabul',
      'covid',
      '19',
    ])
  })

  it('keeps Dari words whole once the ZWNJ is gone', () => {
    expect(searchTokens('کتاب‌ها را می‌خوانم.')).toEqual(['کتابها', 'را', 'میخوانم'])
  })
})
