// A small XML writer for feeds and sitemaps (docs/decisions/0003-no-feed-library.md). Every text
// and attribute value passes through one escaping function, and characters that XML 1.0 forbids
// (most control characters, lone surrogates, U+FFFE/U+FFFF) are dropped, so no story text can make
// a document that a feed reader refuses to parse.

export type XmlAttributes = Readonly<Record<string, string | number | undefined>>

export interface XmlElement {
  readonly name: string
  readonly attributes: XmlAttributes
  readonly children: readonly XmlChild[]
}

/** Text is escaped; null, undefined and false are skipped, so optional parts read naturally. */
export type XmlChild = XmlElement | string | null | undefined | false

// Tab, newline and carriage return are the only C0 controls XML 1.0 allows.
const ILLEGAL_XML_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '')
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
// In attributes, quotes end the value and raw tabs/newlines are normalised away by parsers.
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
}

export function escapeXmlText(text: string): string {
  // \r is kept as a reference: a parser would otherwise turn "\r\n" into "\n".
  return stripIllegalXmlChars(text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? '&#13;')
}

export function escapeXmlAttribute(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c)
}

const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/

export function el(name: string, attributes: XmlAttributes = {}, ...children: XmlChild[]): XmlElement {
  // Names come from our own code, never from content; a bad one is a programming error.
  if (!NAME.test(name)) throw new Error(`Not an XML name: ${name}`)
  return { name, attributes, children }
}

function renderAttributes(attributes: XmlAttributes): string {
  let out = ''
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue
    if (!NAME.test(name)) throw new Error(`Not an XML attribute name: ${name}`)
    out += ` ${name}="${escapeXmlAttribute(String(value))}"`
  }
  return out
}

function renderElement(element: XmlElement, depth: number): string {
  const open = `<${element.name}${renderAttributes(element.attributes)}`
  const children = element.children.filter(
    (c): c is XmlElement | string => c !== null && c !== undefined && c !== false,
  )
  if (children.length === 0) return `${open}/>`
  // Elements holding only elements are indented for people reading the file; anything with text
  // is written on one line, so no whitespace is added to the text itself.
  if (children.every((c) => typeof c !== 'string')) {
    const indent = '  '.repeat(depth + 1)
    const inner = children.map((c) => `\n${indent}${renderElement(c as XmlElement, depth + 1)}`).join('')
    return `${open}>${inner}\n${'  '.repeat(depth)}</${element.name}>`
  }
  const inner = children
    .map((c) => (typeof c === 'string' ? escapeXmlText(c) : renderElement(c, depth + 1)))
    .join('')
  return `${open}>${inner}</${element.name}>`
}

/** A complete UTF-8 document: the declaration, the root element and a final newline. */
export function renderXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderElement(root, 0)}\n`
}
