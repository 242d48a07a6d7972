// A file written piece by piece with back-pressure, so an export of any size holds one page of
// rows in memory at a time.
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { type MediaStorage, resolveInside } from '../media/storage.ts'

export interface ExportWriter {
  write(text: string): Promise<void>
  close(): Promise<void>
}

export function createExportWriter(file: string): ExportWriter {
  const out = createWriteStream(file)
  return {
    async write(text) {
      if (!out.write(text)) await once(out, 'drain')
    },
    async close() {
      out.end()
      await once(out, 'finish')
    },
  }
}

/** Rows of a table a page at a time, in id order (keyset pagination: no OFFSET scans). */
export async function* pages<T extends { id: number }>(
  fetch: (afterId: number, limit: number) => Promise<T[]>,
  limit = 500,
): AsyncGenerator<T[]> {
  let afterId = 0
  for (;;) {
    const rows = await fetch(afterId, limit)
    if (rows.length === 0) return
    yield rows
    afterId = rows[rows.length - 1]?.id ?? afterId
    if (rows.length < limit) return
  }
}

/** Copies one media file into `folder` at the same relative path; false when it is not stored. */
export async function copyMediaFile(
  storage: MediaStorage,
  folder: string,
  relative: string,
): Promise<boolean> {
  if (!(await storage.exists(relative))) return false
  const target = resolveInside(folder, relative)
  await mkdir(path.dirname(target), { recursive: true })
  await pipeline(storage.read(relative), createWriteStream(target))
  return true
}
