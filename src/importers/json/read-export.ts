// A streaming reader for Dateline's own JSON export. The export is one JSON object whose large
// members are arrays ("stories", "media", "tags"…); this reader walks the file's bytes, hands back
// the small top-level values whole and each array element on its own (parsed with JSON.parse), so
// memory holds one story at a time however large the file. It works on bytes, not text: every
// structural character of JSON is ASCII and no byte of a multi-byte UTF-8 character is, so a
// top-level member's byte offset can be kept and the file re-read from there (createReadStream
// { start }) to visit one member at a time in whatever order the importer needs.
import { createReadStream } from 'node:fs'
import { ImportFileError } from '../wordpress/import-errors.ts'

export type ExportEvent =
  /** A top-level member that is not an array (format, version, siteUrl…), parsed whole. */
  | { kind: 'value'; key: string; value: unknown; line: number }
  /** A top-level array begins; `offset` and `line` are where its key starts, to come back to it. */
  | { kind: 'array'; key: string; offset: number; line: number }
  | { kind: 'element'; key: string; value: unknown; line: number }

export interface ReadOptions {
  /** Start at a member found by an earlier read (its `array` event) and stop after it. */
  from?: { offset: number; line: number }
  /** Bytes read so far, for a progress bar. */
  onRead?: (bytes: number) => void
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const NEWLINE = 0x0a

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09
}

const invalid = (message: string, line: number, cause?: unknown) =>
  new ImportFileError(
    'IMPORT_JSON_INVALID',
    `The file is not a valid export: ${message}`,
    { line, column: 1 },
    cause,
  )

const utf8 = new TextDecoder('utf-8', { fatal: true })

function parseBytes(parts: Buffer[], line: number): unknown {
  let text: string
  try {
    text = utf8.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts))
  } catch (error) {
    throw new ImportFileError(
      'IMPORT_ENCODING_INVALID',
      'The file is not valid UTF-8 (a byte sequence that is not a character: perhaps it was saved in another encoding)',
      { line, column: 1 },
      error,
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error), line, error)
  }
}

/**
 * The events of one export file, in file order. Throws ImportFileError (with the line) for a file
 * that is not one JSON object, is cut short, or holds a value JSON.parse refuses.
 */
export async function* readExport(file: string, options: ReadOptions = {}): AsyncGenerator<ExportEvent> {
  const from = options.from
  // Depth counts open brackets; the reader starts inside the root object when it resumes.
  let depth = from ? 1 : 0
  let line = from?.line ?? 1
  let offset = from?.offset ?? 0
  let isInString = false
  let isEscaped = false
  /** At depth 1: what comes next. */
  let expect: 'key' | 'colon' | 'value' | 'separator' = 'key'
  let key = ''
  let keyParts: Buffer[] | undefined
  let keyStart = -1
  let memberOffset = 0
  let memberLine = 0
  /** The member being read is an array whose elements are handed out one by one. */
  let isArrayMember = false
  let isElementDone = false
  let capture: Buffer[] | undefined
  let captureStart = -1
  let captureLine = 0
  let isRootClosed = false
  let isFinished = false
  let bytesRead = 0
  const out: ExportEvent[] = []

  const stream = createReadStream(file, { start: offset, highWaterMark: 1024 * 1024 })
  try {
    for await (const data of stream) {
      const chunk = data as Buffer
      bytesRead += chunk.length
      options.onRead?.(bytesRead)
      if (isRootClosed) {
        for (const byte of chunk)
          if (!isSpace(byte)) throw invalid('there is more after the closing "}"', line)
        continue
      }
      for (let i = 0; i < chunk.length && !isFinished; i++) {
        const byte = chunk[i] as number
        if (isInString) {
          if (isEscaped) isEscaped = false
          else if (byte === BACKSLASH) isEscaped = true
          else if (byte === QUOTE) {
            isInString = false
            if (keyParts !== undefined) {
              keyParts.push(chunk.subarray(keyStart, i))
              key = parseBytes([Buffer.from('"'), ...keyParts, Buffer.from('"')], line) as string
              keyParts = undefined
              expect = 'colon'
            }
          } else if (byte === NEWLINE) line += 1
          continue
        }
        if (byte === NEWLINE) {
          line += 1
          continue
        }
        if (isSpace(byte)) continue
        if (isRootClosed) throw invalid('there is more after the closing "}"', line)
        const startCapture = () => {
          capture = []
          captureStart = i
          captureLine = line
        }
        const endCapture = (endExclusive: number): unknown => {
          const parts = capture ?? []
          parts.push(chunk.subarray(captureStart, endExclusive))
          capture = undefined
          return parseBytes(parts, captureLine)
        }
        if (depth === 0) {
          if (byte !== OPEN_OBJECT) throw invalid('it does not start with "{"', line)
          depth = 1
          continue
        }
        if (depth === 1 && capture === undefined && !isArrayMember) {
          // Between the root object's members.
          if (expect === 'key') {
            if (byte === CLOSE_OBJECT && memberLine === 0) {
              isRootClosed = true
              depth = 0
              continue
            }
            if (byte !== QUOTE) throw invalid('a member name was expected', line)
            memberOffset = offset + i
            memberLine = line
            isInString = true
            keyParts = []
            keyStart = i + 1
            continue
          }
          if (expect === 'colon') {
            if (byte !== COLON) throw invalid(`":" was expected after "${key}"`, line)
            expect = 'value'
            continue
          }
          if (expect === 'separator') {
            if (byte === COMMA) {
              expect = 'key'
              continue
            }
            if (byte === CLOSE_OBJECT) {
              isRootClosed = true
              depth = 0
              if (from) isFinished = true
              continue
            }
            throw invalid('"," or "}" was expected', line)
          }
          // expect === 'value'
          if (byte === OPEN_ARRAY) {
            isArrayMember = true
            isElementDone = false
            depth = 2
            out.push({ kind: 'array', key, offset: memberOffset, line: memberLine })
            continue
          }
          startCapture()
          if (byte === QUOTE) isInString = true
          else if (byte === OPEN_OBJECT) depth = 2
          continue
        }
        if (depth === 1 && capture !== undefined) {
          // The end of a scalar member ("version": 2,).
          if (byte === COMMA || byte === CLOSE_OBJECT) {
            out.push({ kind: 'value', key, value: endCapture(i), line: captureLine })
            if (from) isFinished = true
            if (byte === COMMA) expect = 'key'
            else {
              isRootClosed = true
              depth = 0
            }
          }
          continue
        }
        if (depth === 2 && isArrayMember && capture === undefined) {
          // Between the elements of a top-level array.
          if (byte === CLOSE_ARRAY) {
            isArrayMember = false
            depth = 1
            expect = 'separator'
            if (from) isFinished = true
            continue
          }
          if (byte === COMMA) {
            if (!isElementDone) throw invalid(`an element of "${key}" is missing`, line)
            isElementDone = false
            continue
          }
          if (isElementDone) throw invalid(`"," or "]" was expected between the elements of "${key}"`, line)
          startCapture()
          if (byte === QUOTE) isInString = true
          else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth = 3
          continue
        }
        if (depth === 2 && isArrayMember && capture !== undefined) {
          // The end of a scalar element (a number, true, null).
          if (byte === COMMA || byte === CLOSE_ARRAY) {
            out.push({ kind: 'element', key, value: endCapture(i), line: captureLine })
            if (byte === CLOSE_ARRAY) {
              isArrayMember = false
              depth = 1
              expect = 'separator'
              if (from) isFinished = true
            } else isElementDone = false
          }
          continue
        }
        // Inside an element or an object member: only brackets and strings matter.
        if (byte === QUOTE) isInString = true
        else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth += 1
        else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
          depth -= 1
          if (depth === 2 && isArrayMember) {
            out.push({ kind: 'element', key, value: endCapture(i + 1), line: captureLine })
            isElementDone = true
          } else if (depth === 1 && !isArrayMember) {
            out.push({ kind: 'value', key, value: endCapture(i + 1), line: captureLine })
            expect = 'separator'
            if (from) isFinished = true
          }
        }
      }
      if (capture !== undefined) {
        capture.push(chunk.subarray(captureStart))
        captureStart = 0
      }
      if (keyParts !== undefined) {
        keyParts.push(chunk.subarray(keyStart))
        keyStart = 0
      }
      offset += chunk.length
      for (const event of out.splice(0)) yield event
      if (isFinished) return
    }
  } finally {
    stream.destroy()
  }
  for (const event of out.splice(0)) yield event
  if (isFinished) return
  if (depth === 0 && !isRootClosed) throw invalid('the file is empty', line)
  if (!isRootClosed)
    throw invalid('it ends before its closing "}": it was probably cut short while copying', line)
}
