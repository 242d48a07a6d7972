import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ImportFileError } from './import-errors.ts'
import { parseWxr, type WxrRecord } from './parse-wxr.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/wxr')

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function parse(input: string | Uint8Array, chunkSize = 64 * 1024): Promise<WxrRecord[]> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  const records: WxrRecord[] = []
  for await (const record of parseWxr(chunksOf(bytes, chunkSize))) records.push(record)
  return records
}

async function failure(input: string | Uint8Array): Promise<ImportFileError> {
  try {
    await parse(input)
  } catch (error) {
    if (error instanceof ImportFileError) return error
    throw error
  }
  throw new Error('expected the file to be refused')
}

const items = (records: WxrRecord[]) => records.flatMap((r) => (r.kind === 'item' ? [r.item] : []))

describe('parseWxr', () => {
  it('reads the newsroom fixture one byte at a time exactly as in one piece', async () => {
    const bytes = readFileSync(path.join(fixtures, 'newsroom.xml'))
    const whole = await parse(bytes)
    expect(await parse(bytes, 1)).toEqual(whole)
    expect(whole[0]).toMatchObject({
      kind: 'channel',
      channel: { wxrVersion: '1.2', title: 'Paghman Valley Times' },
    })
    expect(whole.filter((r) => r.kind === 'author')).toHaveLength(3)
    expect(whole.filter((r) => r.kind === 'category')).toHaveLength(5)
    const first = items(whole)[0]
    expect(first?.postId).toBe('101')
    expect(first?.terms).toContainEqual({ domain: 'post_tag', slug: '%d8%a2%d8%a8', name: 'آب' })
    expect(first?.comments.map((c) => c.type)).toEqual(['comment', '', 'note'])
  })

  it('joins "]]>" split across CDATA sections', async () => {
    const records = await parse(readFileSync(path.join(fixtures, 'newsroom.xml')))
    expect(items(records)[1]?.content).toContain('Text with ]]> inside survives.')
  })

  it('reads WXR 1.0 without CDATA, entities decoded', async () => {
    const records = await parse(readFileSync(path.join(fixtures, 'wxr-1.0-no-cdata.xml')))
    const item = items(records)[0]
    expect(item?.title).toBe('Bridge repaired & reopened')
    expect(item?.content).toContain('<em>after three months</em>')
    expect(item?.postDateGmt).toBe('2009-03-02 08:00:00')
    expect(item?.comments).toHaveLength(2)
  })

  it('resolves namespaces by their declarations, whatever the prefix, and falls back to 1.1', async () => {
    const declared = await parse(
      '<rss xmlns:w="http://wordpress.org/export/1.1/"><channel><w:wxr_version>1.1</w:wxr_version><item><w:post_id>7</w:post_id></item></channel></rss>',
    )
    expect(items(declared)[0]?.postId).toBe('7')
    const undeclared = await parse(
      '<rss><channel><wp:wxr_version>1.1</wp:wxr_version><item><wp:post_id>8</wp:post_id></item></channel></rss>',
    )
    expect(items(undeclared)[0]?.postId).toBe('8')
  })

  it('refuses a DOCTYPE (no entity is ever read: XXE)', async () => {
    const error = await failure(readFileSync(path.join(fixtures, 'doctype-xxe.xml')))
    expect(error.code).toBe('IMPORT_DOCTYPE_REFUSED')
    // The DOCTYPE is reported where it ends, before anything after it is read.
    expect(error.line).toBeLessThanOrEqual(4)
  })

  it('refuses files that are not WordPress exports', async () => {
    expect((await failure(readFileSync(path.join(fixtures, 'not-wxr.xml')))).code).toBe('IMPORT_NOT_WXR')
    expect((await failure('<html><body>hello</body></html>')).code).toBe('IMPORT_NOT_WXR')
    expect(
      (await failure('<rss><channel><wp:wxr_version>one</wp:wxr_version><item/></channel></rss>')).code,
    ).toBe('IMPORT_NOT_WXR')
  })

  it('names the line of malformed XML', async () => {
    const error = await failure(
      '<rss>\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n<item><title>x</item>\n</channel></rss>',
    )
    expect(error.code).toBe('IMPORT_XML_INVALID')
    expect(error.line).toBe(4)
    expect(error.message).toMatch(/line 4/)
  })

  it('notices a truncated file', async () => {
    const bytes = readFileSync(path.join(fixtures, 'newsroom.xml'))
    const error = await failure(bytes.subarray(0, Math.floor(bytes.length / 2)))
    expect(error.code).toBe('IMPORT_XML_INVALID')
    expect(error.line).toBeGreaterThan(10)
  })

  it('names the line of bytes that are not UTF-8', async () => {
    const head = new TextEncoder().encode('<rss>\n<channel>\n<title>Caf')
    const tail = new TextEncoder().encode(' latin-1</title></channel></rss>')
    const bytes = new Uint8Array([...head, 0xe9, ...tail])
    const error = await failure(bytes)
    expect(error.code).toBe('IMPORT_ENCODING_INVALID')
    expect(error.line).toBe(3)
  })

  it('decodes a file that declares ISO-8859-1', async () => {
    const text =
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><wp:wxr_version>1.1</wp:wxr_version><item><title>Caf\u00e9</title></item></channel></rss>'
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0))
    expect(items(await parse(bytes))[0]?.title).toBe('Café')
  })
})
