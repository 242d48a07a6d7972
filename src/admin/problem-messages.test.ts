// Every validation message a service can show in an admin form has a translation pattern. The
// messages are read from the services' source (the literal handed to problems.push, a field error,
// a ValidationError, or returned by a …Problem function), so a new or reworded message fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createLocale } from '../i18n/locale.ts'
import { matchProblem, translateProblem } from './problem-messages.ts'

const SOURCE_ROOT = new URL('../', import.meta.url)
/** Not admin forms: start-up configuration (an operator's terminal) and the public search page. */
const OUTSIDE_THE_ADMIN = ['config/', 'search/', 'importers/', 'exporters/', 'admin/', 'i18n/']

function sourceFiles(dir: URL, prefix = ''): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${prefix}${entry.name}`
    if (entry.isDirectory()) files.push(...sourceFiles(new URL(`${entry.name}/`, dir), `${path}/`))
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      if (!OUTSIDE_THE_ADMIN.some((p) => path.startsWith(p)))
        files.push({ path, text: readFileSync(new URL(entry.name, dir), 'utf8') })
    }
  }
  return files
}

const MESSAGE_SITES =
  /(?:problems\.push\(|fields(?:\.\w+|\[[^\]]+\]) = |problems\.\w+ = |const message = |ValidationError\(\[|Problem\b[^\n]*\n(?:[^\n]*\n){0,30}?\s*return )\s*('(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)/g

/** A message literal with each ${…} replaced, several ways, by sample values. */
function samples(literal: string): string[] {
  const body = literal.slice(1, -1)
  if (literal.startsWith("'")) return [body]
  const placeholder = /\$\{(?:[^{}]|\{[^{}]*\})*\}/g
  const replace = (value: string) => body.replace(placeholder, value)
  // A language's name where the expression names one, a number elsewhere.
  const typed = body.replace(placeholder, (expression) =>
    /label|language|englishName/.test(expression) ? 'Dari' : '42',
  )
  return [typed, ...['42', 'Dari', 'x'].map(replace)]
}

describe('service validation messages in the admin', () => {
  const messages = sourceFiles(SOURCE_ROOT).flatMap(({ path, text }) =>
    [...text.matchAll(MESSAGE_SITES)].map((m) => ({ path, literal: m[1] ?? '' })),
  )

  it('finds the messages', () => {
    expect(messages.length).toBeGreaterThan(50)
  })

  it('has a pattern for every one', () => {
    const unknown = messages
      .filter(({ literal }) => !literal.includes('/') || !literal.startsWith('`/'))
      .filter(({ literal }) => !samples(literal).some((s) => matchProblem(s) !== undefined))
      .map(({ path, literal }) => `${path}: ${literal}`)
    expect(unknown).toEqual([])
  })

  it('translates with the values in place', () => {
    const dari = createLocale({ language: 'fa', defaultLanguage: 'en', timeZone: 'Asia/Kabul' })
    expect(translateProblem(dari, 'The name must be at most 120 characters')).toBe(
      'نام باید حداکثر 120 حرف باشد',
    )
    expect(translateProblem(dari, 'The Pashto name must be at most 80 characters')).toContain('پشتو')
    const english = createLocale({ language: 'en', defaultLanguage: 'en', timeZone: 'Asia/Kabul' })
    expect(translateProblem(english, 'The role must be one of admin, editor')).toBe(
      'The role must be one of admin, editor',
    )
  })
})
