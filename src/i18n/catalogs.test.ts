// The catalogs are complete: every key in every language, every message valid ICU with the same
// arguments as English, and every key the code asks for present. A missing translation fails here,
// not in front of a reader.
import { readdirSync, readFileSync } from 'node:fs'
import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { LANGUAGES, SITE_LANGUAGES } from './languages.ts'
import { catalogMessages } from './messages.ts'

/** As messages.ts compiles them: "<" in a message is text (an example tag in a hint), not markup. */
const PARSE = { ignoreTag: true }

const SOURCE_ROOT = new URL('../', import.meta.url)

type AstNode = {
  type: number
  value?: unknown
  options?: Record<string, { value: AstNode[] }>
  children?: AstNode[]
}

/** The argument names a message uses ({name}, {count, plural, …}, nested ones too). */
function argumentNames(nodes: AstNode[], names = new Set<string>()): Set<string> {
  for (const node of nodes) {
    // 0 is literal text and 7 the plural "#": neither names an argument.
    if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string') names.add(node.value)
    for (const option of Object.values(node.options ?? {})) argumentNames(option.value, names)
    if (node.children) argumentNames(node.children, names)
  }
  return names
}

function sourceFiles(dir: URL): URL[] {
  const files: URL[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) files.push(...sourceFiles(new URL(`${entry.name}/`, dir)))
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      files.push(new URL(entry.name, dir))
  }
  return files
}

describe('message catalogs', () => {
  const english = catalogMessages('en')

  it('has English messages', () => {
    expect(english.size).toBeGreaterThan(0)
  })

  for (const language of SITE_LANGUAGES.filter((l) => l !== 'en')) {
    it(`${LANGUAGES[language].englishName} has every English key and no other`, () => {
      const own = catalogMessages(language)
      const missing = [...english.keys()].filter((key) => !own.has(key))
      const extra = [...own.keys()].filter((key) => !english.has(key))
      expect({ missing, extra }).toEqual({ missing: [], extra: [] })
    })
  }

  for (const language of SITE_LANGUAGES) {
    it(`${LANGUAGES[language].englishName} messages parse and use the same arguments as English`, () => {
      const problems: string[] = []
      for (const [key, message] of catalogMessages(language)) {
        try {
          const ast = new IntlMessageFormat(
            message,
            LANGUAGES[language].intlLocale,
            undefined,
            PARSE,
          ).getAst() as AstNode[]
          const englishMessage = english.get(key)
          if (englishMessage === undefined) continue
          const expected = argumentNames(
            new IntlMessageFormat(englishMessage, 'en', undefined, PARSE).getAst() as AstNode[],
          )
          const actual = argumentNames(ast)
          if ([...expected].sort().join() !== [...actual].sort().join())
            problems.push(
              `${key}: arguments {${[...actual].join(', ')}}, English has {${[...expected].join(', ')}}`,
            )
          if (message.trim() === '') problems.push(`${key}: empty`)
        } catch (error) {
          problems.push(`${key}: ${(error as Error).message}`)
        }
      }
      expect(problems).toEqual([])
    })
  }

  it('holds every key the code asks for', () => {
    const used = new Set<string>()
    for (const file of sourceFiles(SOURCE_ROOT)) {
      const text = readFileSync(file, 'utf8')
      // Any literal key of the shape "<area>.<key>" handed to a t(…) call.
      for (const match of text.matchAll(/\bt\(\s*['"`]([a-z][\w-]*\.[\w.-]+)['"`]/g)) used.add(match[1] ?? '')
      // …and to <Message id="…"> or formatWithElements(t, '…') (rich-message.tsx).
      for (const match of text.matchAll(
        /(?:<Message\s+id=|formatWithElements\(\s*[\w.]+,\s*)['"`]([a-z][\w-]*\.[\w.-]+)['"`]/g,
      ))
        used.add(match[1] ?? '')
    }
    const missing = [...used].filter((key) => !english.has(key)).sort()
    expect(missing).toEqual([])
  })

  it('formats plurals and digits in the language', () => {
    const t = (language: 'en' | 'ps', locale: string) =>
      new IntlMessageFormat(catalogMessages(language).get('site.storyCount') ?? '', locale)
    expect(t('en', 'en-GB').format({ count: 1 })).toBe('1 story')
    expect(t('en', 'en-GB').format({ count: 3 })).toBe('3 stories')
    expect(t('ps', 'ps-AF-u-nu-arabext').format({ count: 3 })).toBe('۳ راپورونه')
  })
})
