// One normalisation for everything that goes into the search index and everything a reader types,
// so that a word matches however it was typed: Arabic or Persian yeh and kaf, with or without a
// zero-width non-joiner, diacritics, tatweel, Arabic-Indic or ASCII digits, accents on Latin.
//
// Decisions (docs: README "Search"):
// - Alef variants (أ إ آ ٱ) fold to bare alef: readers rarely type the hamza or madda, and Dari
//   search engines fold them the same way. ۀ / ة / ھ / ہ fold to ه for the same reason.
// - Yeh with hamza (ئ) and waw with hamza (ؤ) stay: they spell different words in Pashto.
// - Pashto letters (ټ ډ ړ ږ ښ ګ ڼ ې ۍ) are distinct letters and are never touched.
// - Latin accents are removed (é → e) so that both engines behave alike: SQLite's tokenizer
//   would remove them, PostgreSQL's 'simple' configuration would not.
// - Private-use characters are removed: the search engines' highlight marks are private-use
//   sentinels (search-query.ts), so stored text can never contain one.

const REMOVED = new RegExp(
  [
    '[\u200B-\u200F]', // zero-width space, non-joiner, joiner, LRM, RLM
    '[\u202A-\u202E]', // bidi embeddings and overrides
    '[\u2066-\u2069]', // bidi isolates
    '\u061C', // Arabic letter mark
    '\uFEFF', // byte-order mark / zero-width no-break space
    '\u00AD', // soft hyphen
    '\u0640', // tatweel
    '[\u064B-\u065F]', // harakat: fatha, damma, kasra, tanwin, shadda, sukun, hamza above/below…
    '\u0670', // superscript alef
    '[\u06D6-\u06ED]', // Quranic annotation marks
    '[\uE000-\uF8FF]', // private use (our highlight sentinels)
  ].join('|'),
  'gu',
)

const LETTERS: Record<string, string> = {
  '\u064A': '\u06CC', // ي Arabic yeh → ی Persian yeh
  '\u0649': '\u06CC', // ى alef maksura → ی
  '\u0643': '\u06A9', // ك Arabic kaf → ک keheh
  '\u06AA': '\u06A9', // ڪ swash kaf → ک
  '\u0629': '\u0647', // ة teh marbuta → ه
  '\u06C0': '\u0647', // ۀ heh with yeh above → ه (the same as ه + hamza above, whose mark is removed)
  '\u06BE': '\u0647', // ھ heh doachashmee → ه
  '\u06C1': '\u0647', // ہ heh goal → ه
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ → ا
}
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu')

/** Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits → ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (d) => {
    const code = d.charCodeAt(0)
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660)
  })
}

/** Accents off Latin letters only: decomposing Arabic would split ئ and ؤ, which stay whole. */
function stripLatinAccents(text: string): string {
  if (!/[\u00C0-\u024F\u1E00-\u1EFF]/u.test(text)) return text
  return text.replace(/[\u00C0-\u024F\u1E00-\u1EFF]+/gu, (run) =>
    run
      .normalize('NFD')
      .replace(/\p{Mn}+/gu, '')
      .normalize('NFC'),
  )
}

/**
 * Folded text with its case kept: what the index stores, so that snippets stay readable.
 * Control characters become spaces and runs of white space collapse to one.
 */
export function foldText(text: string): string {
  let result = text.normalize('NFKC')
  result = result.replace(REMOVED, '')
  result = result.replace(LETTER_PATTERN, (c) => LETTERS[c] ?? c)
  result = asciiDigits(result)
  result = stripLatinAccents(result)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  result = result.replace(/[\u0000-\u001F\u007F-\u009F]/gu, ' ')
  return result.replace(/\s+/gu, ' ').trim()
}

/** Folded and lower-cased: the form in which words are compared. */
export function normalizeText(text: string): string {
  return foldText(text).toLowerCase()
}

/** Words of normalised text: runs of letters and digits (the same split as SQLite's unicode61). */
export function searchTokens(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? []
}
