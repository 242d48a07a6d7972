import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportFileError } from '../wordpress/import-errors.ts'
import { type ExportEvent, readExport } from './read-export.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-read-export-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

async function all(file: string, from?: { offset: number; line: number }): Promise<ExportEvent[]> {
  const events: ExportEvent[] = []
  for await (const event of readExport(file, { from })) events.push(event)
  return events
}

async function failure(file: string): Promise<ImportFileError> {
  try {
    await all(file)
  } catch (error) {
    if (error instanceof ImportFileError) return error
    throw error
  }
  throw new Error('no error')
}

describe('readExport', () => {
  const text = `{"format":"dateline-export","version":2,"site":{"a":[1,{"b":"]}"}]},
"sections":[{"slug":"کابل","name":"Kabul \\"city\\" ]}"}],
"empty":[],
"numbers":[ 1 , 2.5 ,null,"x"],
"stories":[
{"slug":"a","body":"<p>{[\\\\]}</p>"},
{"slug":"b","revisions":[{"n":1},{"n":2}]}
]
}
`
  const file = write('export.json', text)

  it('hands out top-level values whole and array elements one by one, with their lines', async () => {
    const events = await all(file)
    expect(events.filter((e) => e.kind === 'value')).toEqual([
      { kind: 'value', key: 'format', value: 'dateline-export', line: 1 },
      { kind: 'value', key: 'version', value: 2, line: 1 },
      { kind: 'value', key: 'site', value: { a: [1, { b: ']}' }] }, line: 1 },
    ])
    const elements = (key: string) =>
      events.flatMap((e) => (e.kind === 'element' && e.key === key ? [e.value] : []))
    expect(elements('sections')).toEqual([{ slug: 'کابل', name: 'Kabul "city" ]}' }])
    expect(elements('empty')).toEqual([])
    expect(elements('numbers')).toEqual([1, 2.5, null, 'x'])
    expect(elements('stories')).toEqual([
      { slug: 'a', body: '<p>{[\\]}</p>' },
      { slug: 'b', revisions: [{ n: 1 }, { n: 2 }] },
    ])
    expect(events.find((e) => e.kind === 'element' && e.key === 'stories')?.line).toBe(6)
  })

  it('reads one member again from its offset, and only that member', async () => {
    const events = await all(file)
    const stories = events.find((e) => e.kind === 'array' && e.key === 'stories')
    if (stories?.kind !== 'array') throw new Error('no stories array')
    const again = await all(file, stories)
    expect(again.map((e) => (e.kind === 'element' ? (e.value as { slug: string }).slug : e.kind))).toEqual([
      'array',
      'a',
      'b',
    ])
    expect(again[1]?.line).toBe(6)
    const sections = events.find((e) => e.kind === 'array' && e.key === 'sections')
    if (sections?.kind !== 'array') throw new Error('no sections array')
    expect((await all(file, sections)).filter((e) => e.kind === 'element')).toHaveLength(1)
  })

  it('refuses a file cut short, with the line where it ends', async () => {
    const error = await failure(write('cut.json', text.slice(0, text.indexOf('{"slug":"b"'))))
    expect(error.code).toBe('IMPORT_JSON_INVALID')
    expect(error.message).toMatch(/cut short/)
    expect(error.line).toBe(7)
  })

  it('refuses a broken element, naming its line', async () => {
    const error = await failure(
      write('broken.json', '{"version":2,\n"stories":[\n{"slug":"a"},\n{"slug":b}\n]}'),
    )
    expect(error.code).toBe('IMPORT_JSON_INVALID')
    expect(error.line).toBe(4)
  })

  it('refuses bytes that are not UTF-8, something other than an object, and trailing content', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('{"stories":[{"slug":"'),
      Buffer.from([0xe9]),
      Buffer.from('"}]}'),
    ])
    expect((await failure(write('latin1.json', latin1))).code).toBe('IMPORT_ENCODING_INVALID')
    expect((await failure(write('array.json', '[1,2]'))).message).toMatch(/does not start with/)
    expect((await failure(write('empty.json', ''))).message).toMatch(/empty/)
    expect((await failure(write('after.json', '{"a":1} {"b":2}'))).message).toMatch(/more after/)
    expect((await failure(write('missing-comma.json', '{"a":[{"x":1}{"y":2}]}'))).message).toMatch(/","/)
  })
})
