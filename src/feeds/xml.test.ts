import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { el, escapeXmlAttribute, escapeXmlText, renderXmlDocument, stripIllegalXmlChars } from './xml.ts'

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', trimValues: false })

describe('xml writer', () => {
  it('escapes markup in text and quotes in attributes', () => {
    expect(escapeXmlText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d')
    expect(escapeXmlAttribute(`"it's" <b>&`)).toBe('&quot;it&apos;s&quot; &lt;b&gt;&amp;')
    expect(escapeXmlAttribute('a\tb\nc')).toBe('a&#9;b&#10;c')
  })

  it('drops characters XML 1.0 forbids and keeps tab, newline and every script', () => {
    expect(stripIllegalXmlChars('a\u0000b\u0008c\u000bd\u001fe\uffff')).toBe('abcde')
    expect(stripIllegalXmlChars('tab\there\nnew')).toBe('tab\there\nnew')
    expect(stripIllegalXmlChars('lone \ud800 surrogate')).toBe('lone  surrogate')
    expect(stripIllegalXmlChars('کابل 😀 پښتو')).toBe('کابل 😀 پښتو')
  })

  it('writes a document an independent parser reads back exactly', () => {
    const hostile = 'Tom & Jerry </title><script>alert(1)</script> ]]> "quoted" \u0007bell'
    const xml = renderXmlDocument(
      el(
        'root',
        { xmlns: 'urn:test', note: hostile },
        el('title', {}, hostile),
        el('empty'),
        null,
        false,
        undefined,
        el('mixed', {}, 'text ', el('b', {}, 'bold'), ' tail'),
      ),
    )
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<root')).toBe(true)
    const doc = parser.parse(xml)
    const clean = hostile.replace('\u0007', '')
    expect(doc.root.title).toBe(clean)
    expect(doc.root['@note']).toBe(clean)
    expect(doc.root.empty).toBe('')
  })

  it('keeps a carriage return in text as a character reference', () => {
    expect(renderXmlDocument(el('a', {}, 'x\r\ny'))).toContain('<a>x&#13;\ny</a>')
  })

  it('skips undefined attributes and refuses names that are not XML names', () => {
    expect(renderXmlDocument(el('a', { b: undefined, c: 1 }))).toContain('<a c="1"/>')
    expect(() => el('bad name')).toThrow()
    expect(() => renderXmlDocument(el('a', { 'x"y': '1' }))).toThrow()
  })
})
