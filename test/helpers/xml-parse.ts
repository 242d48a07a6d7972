// An independent XML parser (fast-xml-parser) configured the same way for every syndication test.
import { XMLParser, XMLValidator } from 'fast-xml-parser'

const ARRAYS = new Set(['item', 'category', 'dc:creator', 'entry', 'sitemap', 'url', 'atom:link'])
// Atom's link and author repeat; RSS's <link> is one text element.
const ATOM_ARRAYS = new Set(['feed.link', 'feed.author', 'feed.entry.link', 'feed.entry.author'])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, jPath) => ARRAYS.has(name) || ATOM_ARRAYS.has(String(jPath)),
})

// biome-ignore lint/suspicious/noExplicitAny: a parsed document is untyped by nature
export type Parsed = any

/** Parses after checking well-formedness, so a broken document fails loudly. */
export function parseXml(xml: string): Parsed {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`)
  return parser.parse(xml)
}

/** An element's text whether or not it has attributes. */
export function textOf(node: Parsed): string {
  if (node === undefined || node === null) return ''
  return typeof node === 'string' ? node : String(node['#text'] ?? '')
}
