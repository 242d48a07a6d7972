// Where media files live, behind one small interface. The default keeps them in a local folder
// (config.mediaDir); several instances share media by pointing MEDIA_DIR at the same shared folder
// (NFS, a mounted volume). An S3-compatible store would be another implementation of this
// interface (docs/deploy.md): paths are relative keys such as "2026/11/river-4f2a.webp".
import { createReadStream } from 'node:fs'
import { access, mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'

export interface MediaStorage {
  /** Stores a file; with `isReplacing` false (the default) an existing file is never overwritten. */
  write(relativePath: string, data: Buffer, options?: { isReplacing?: boolean }): Promise<void>
  read(relativePath: string): Readable
  /** Removes a file; a missing one is fine (a retry after a partial delete). */
  delete(relativePath: string): Promise<void>
  exists(relativePath: string): Promise<boolean>
  /** The public URL path at which readers fetch the file. */
  url(relativePath: string): string
}

/** The absolute path of a stored file, refusing anything that would land outside the media folder. */
export function resolveInside(mediaDir: string, relative: string): string {
  const root = path.resolve(mediaDir)
  const target = path.resolve(root, relative)
  if (!target.startsWith(root + path.sep)) throw new Error(`media path escapes the media folder: ${relative}`)
  return target
}

export function createLocalMediaStorage(mediaDir: string): MediaStorage {
  return {
    async write(relativePath, data, options = {}) {
      const target = resolveInside(mediaDir, relativePath)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, data, { flag: options.isReplacing ? 'w' : 'wx' })
    },
    read: (relativePath) => createReadStream(resolveInside(mediaDir, relativePath)),
    async delete(relativePath) {
      await rm(resolveInside(mediaDir, relativePath), { force: true })
    },
    async exists(relativePath) {
      try {
        await access(resolveInside(mediaDir, relativePath))
        return true
      } catch {
        return false
      }
    },
    url: (relativePath) => `/media/${relativePath.split('/').map(encodeURIComponent).join('/')}`,
  }
}
