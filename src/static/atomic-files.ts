// Writing published files so that a reader never sees half of one. Each file and its .gz and .br
// forms are written to temporary files in the same folder (so rename is atomic: same file
// system) and only then renamed over the old ones, compressed forms first: when the page itself
// appears, its compressed forms are already there. Removing goes the other way round: the page
// first, so that nginx's try_files stops finding it before its .gz disappears. A failure while
// writing (a full disk, a folder we may not write to) removes the temporary files and leaves
// the previous good files in place.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const gzip = promisify(zlib.gzip)
const brotliCompress = promisify(zlib.brotliCompress)

/** The few file operations publishing needs; tests swap in one that fails (a full disk). */
export interface FileSystemOps {
  mkdir(dir: string): Promise<void>
  writeFile(file: string, body: Buffer): Promise<void>
  rename(from: string, to: string): Promise<void>
  unlink(file: string): Promise<void>
}

export const realFileSystem: FileSystemOps = {
  mkdir: async (dir) => {
    await fs.mkdir(dir, { recursive: true })
  },
  writeFile: async (file, body) => {
    // wx: a temporary name that somehow exists is never written through (a planted symlink).
    const handle = await fs.open(file, 'wx', 0o644)
    try {
      await handle.writeFile(body)
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  rename: (from, to) => fs.rename(from, to),
  unlink: (file) => fs.unlink(file),
}

export interface CompressedForms {
  body: Buffer
  gzip: Buffer
  brotli: Buffer
}

/**
 * gzip at level 9 and brotli at quality 6, off the event loop (zlib's thread pool). Quality 6 is
 * what the page cache uses too: within ~10% of 11's size at a tenth of its time, which is what
 * keeps a story's files on disk within a second of publishing on a busy machine.
 */
export async function compressForms(body: Buffer): Promise<CompressedForms> {
  const [gz, br] = await Promise.all([
    gzip(body, { level: 9 }),
    brotliCompress(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  ])
  return { body, gzip: gz, brotli: br }
}

function temporaryName(file: string): string {
  // A dot file in the same folder: nginx's configuration refuses to serve dot files.
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
}

/** Writes file, file.gz and file.br atomically (see the header). Throws after cleaning up. */
export async function writeCompressedAtomically(
  ops: FileSystemOps,
  file: string,
  forms: CompressedForms,
): Promise<void> {
  await ops.mkdir(path.dirname(file))
  const planned = [
    { target: `${file}.gz`, body: forms.gzip },
    { target: `${file}.br`, body: forms.brotli },
    { target: file, body: forms.body },
  ].map((entry) => ({ ...entry, temporary: temporaryName(entry.target) }))
  const written: string[] = []
  try {
    for (const entry of planned) {
      written.push(entry.temporary)
      await ops.writeFile(entry.temporary, entry.body)
    }
    for (const entry of planned) {
      await ops.rename(entry.temporary, entry.target)
      written.splice(written.indexOf(entry.temporary), 1)
    }
  } catch (error) {
    await Promise.all(written.map((temporary) => ops.unlink(temporary).catch(() => undefined)))
    throw error
  }
}

/** Writes one file atomically without compressed forms (the manifest, a mirror's files). */
export async function writeFileAtomically(ops: FileSystemOps, file: string, body: Buffer): Promise<void> {
  await ops.mkdir(path.dirname(file))
  const temporary = temporaryName(file)
  try {
    await ops.writeFile(temporary, body)
    await ops.rename(temporary, file)
  } catch (error) {
    await ops.unlink(temporary).catch(() => undefined)
    throw error
  }
}

/** Removes file, then its compressed forms; a file already gone is not an error. */
export async function removeWithCompressedForms(ops: FileSystemOps, file: string): Promise<void> {
  for (const target of [file, `${file}.gz`, `${file}.br`]) {
    await ops.unlink(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
  }
}

/**
 * Whether the folder can really be written, tried with a file rather than asked of the mode bits:
 * as root, access() and chmod say nothing (root writes anyway), while a read-only mount refuses
 * root too. The error says what failed, in words.
 */
export async function assertWritableFolder(ops: FileSystemOps, folder: string): Promise<void> {
  try {
    await ops.mkdir(folder)
    const probe = path.join(folder, `.dateline-write-test.${randomBytes(6).toString('hex')}.tmp`)
    await ops.writeFile(probe, Buffer.from('ok'))
    await ops.unlink(probe)
  } catch (error) {
    // No `cause`: the CLI would print the system's message a second time after ours.
    throw Object.assign(new Error(`Cannot write to ${folder}: ${describeFileError(error)}`), {
      code: (error as NodeJS.ErrnoException | undefined)?.code,
    })
  }
}

/** A file system error as a person would say it. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)'
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)'
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`
    case 'EROFS':
      return 'the file system is read-only (EROFS)'
    case 'ENOENT':
      return 'the folder does not exist and cannot be created there (ENOENT)'
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder (ENOTDIR)'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
