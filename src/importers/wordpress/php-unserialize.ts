// A small, safe reader for PHP-serialised post meta (attachment metadata, some SEO plugins'
// values). Only data is read: strings, numbers, booleans, null and arrays. Objects ("O:") are
// refused, so nothing can be instantiated. Byte counts ("s:5:") are often wrong in exports
// (XML normalises "\r\n" to "\n", editors re-save files), so a string whose declared length does
// not end at its closing quote is re-measured up to the next plausible `";`.

export type PhpValue = string | number | boolean | null | PhpArray
export interface PhpArray {
  [key: string]: PhpValue
}

class Reader {
  readonly bytes: Buffer
  at = 0
  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8')
  }
  char(): string {
    return String.fromCharCode(this.bytes[this.at] ?? 0)
  }
  expect(value: string): void {
    if (this.bytes.toString('latin1', this.at, this.at + value.length) !== value) {
      throw new Error(`expected "${value}" at byte ${this.at}`)
    }
    this.at += value.length
  }
  until(stop: string): string {
    const end = this.bytes.indexOf(stop, this.at, 'latin1')
    if (end === -1) throw new Error(`missing "${stop}" after byte ${this.at}`)
    const value = this.bytes.toString('utf8', this.at, end)
    this.at = end + stop.length
    return value
  }
}

const AFTER_STRING = new Set(['}', 'i', 's', 'a', 'b', 'd', 'N', ''])

function readString(reader: Reader): string {
  const declared = Number(reader.until(':'))
  reader.expect('"')
  const start = reader.at
  const end = start + declared
  if (reader.bytes.toString('latin1', end, end + 2) === '";') {
    reader.at = end + 2
    return reader.bytes.toString('utf8', start, end)
  }
  // The count is wrong: take the first `";` that is followed by what may follow a string.
  let search = start
  for (;;) {
    const close = reader.bytes.indexOf('";', search, 'latin1')
    if (close === -1) throw new Error(`unterminated string at byte ${start}`)
    const next = String.fromCharCode(reader.bytes[close + 2] ?? 0)
    if (AFTER_STRING.has(close + 2 >= reader.bytes.length ? '' : next)) {
      reader.at = close + 2
      return reader.bytes.toString('utf8', start, close)
    }
    search = close + 1
  }
}

function readValue(reader: Reader, depth: number): PhpValue {
  if (depth > 32) throw new Error('nested too deeply')
  const type = reader.char()
  reader.at += 1
  switch (type) {
    case 'N':
      reader.expect(';')
      return null
    case 'b':
      reader.expect(':')
      return reader.until(';') === '1'
    case 'i':
    case 'd': {
      reader.expect(':')
      const value = Number(reader.until(';'))
      if (Number.isNaN(value)) throw new Error('not a number')
      return value
    }
    case 's':
      reader.expect(':')
      return readString(reader)
    case 'a': {
      reader.expect(':')
      const count = Number(reader.until(':'))
      reader.expect('{')
      const result: PhpArray = {}
      for (let i = 0; i < count; i++) {
        const key = readValue(reader, depth + 1)
        if (typeof key !== 'string' && typeof key !== 'number') throw new Error('bad array key')
        result[String(key)] = readValue(reader, depth + 1)
      }
      reader.expect('}')
      return result
    }
    default:
      throw new Error(`unsupported type "${type}" (objects are never read)`)
  }
}

/** The value, or undefined when the text is not serialised data of the supported kinds. */
export function phpUnserialize(text: string): PhpValue | undefined {
  const trimmed = text.trim()
  if (!/^(?:[Nbids]:|a:\d+:\{|N;)/.test(trimmed)) return undefined
  try {
    const reader = new Reader(trimmed)
    const value = readValue(reader, 0)
    return reader.at === reader.bytes.length ? value : undefined
  } catch {
    return undefined
  }
}

/** Whether a meta value looks serialised (so that a plain string is never mistaken for one). */
export function isPhpSerialized(text: string): boolean {
  return /^(?:a:\d+:\{|s:\d+:"|[ibd]:[^;]*;|N;)/.test(text.trim())
}
