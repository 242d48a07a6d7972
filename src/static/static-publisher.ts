// Keeps a folder of public pages equal to what the site serves. A run takes URL paths, renders
// each through the app, and for each one: writes it (with .gz and .br) when its bytes changed,
// leaves it alone when they did not, removes it when the page is gone (404, or a redirect to its
// new address), and keeps the previous good file when rendering or writing fails — the failure
// is reported, never half-written. Pages found while rendering (a listing's next page, the
// sitemaps the index names) join the same run.
import fs from 'node:fs/promises'
import path from 'node:path'
import {
  assertWritableFolder,
  compressForms,
  describeFileError,
  type FileSystemOps,
  realFileSystem,
  removeWithCompressedForms,
  writeCompressedAtomically,
} from './atomic-files.ts'
import { contentHash, type Manifest, readManifest, writeManifest } from './static-manifest.ts'
import { fileForUrlPath, isTypeForFile, resolveInside, urlPathForFile } from './static-paths.ts'
import type { PageRenderer } from './static-renderer.ts'

/** Statuses that mean "this page is not here any more": its file goes. Anything else keeps it. */
const GONE_STATUSES = new Set([301, 302, 307, 308, 404, 410])

export interface PublishFailure {
  path: string
  reason: string
}

export interface PublishReport {
  /** Pages rendered in this run. */
  rendered: number
  written: number
  unchanged: number
  removed: number
  /** Paths that are not pages of this language or site (answered 404) and had no file. */
  absent: number
  /** Paths refused because they could name a file outside the folder (hostile slugs). */
  refused: string[]
  failed: PublishFailure[]
  ms: number
  /** The paths this run was given (before the pages it found on the way). */
  paths: string[]
}

export interface StaticPublisherOptions {
  folder: string
  render: PageRenderer
  fileSystem?: FileSystemOps
  /** Pages rendered at once; compression runs on zlib's thread pool meanwhile. */
  concurrency?: number
}

export interface StaticPublisher {
  readonly folder: string
  /**
   * Renders these paths and the pages they lead to; writes, keeps or removes each file. With
   * isManifestDeferred the manifest is written only by saveManifest (many small runs in a row).
   */
  publishPaths(paths: Iterable<string>, options?: { isManifestDeferred?: boolean }): Promise<PublishReport>
  /**
   * Renders these paths, every path already in the folder and everything they lead to; removes
   * what is gone. For `dateline static build` and site-wide changes.
   */
  publishAll(seeds: readonly string[]): Promise<PublishReport>
  /** Renders these paths and every path whose page declared one of these surrogate keys. */
  publishKeys(seeds: readonly string[], keys: readonly string[]): Promise<PublishReport>
  /** Paths whose pages declared one of these surrogate keys. */
  pathsForKeys(keys: readonly string[]): Promise<Set<string>>
  /** Every path the folder holds: the manifest's, and files a crash left out of it. */
  knownPaths(): Promise<string[]>
  saveManifest(): Promise<void>
  /** The manifest as it stands (tests, the admin's numbers). */
  manifest(): Promise<Manifest>
}

/** Files of the folder (relative, "/" separated), dot files aside. */
async function publishedFiles(folder: string): Promise<string[]> {
  const found: string[] = []
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = await fs.readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) {
        // A temporary file left by a crash half-way: the file it was meant to replace is still whole.
        if (entry.isFile() && entry.name.endsWith('.tmp'))
          await fs.unlink(path.join(dir, entry.name)).catch(() => {})
        continue
      }
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      else if (entry.isFile() && !/\.(gz|br)$/.test(entry.name)) found.push(`${prefix}${entry.name}`)
    }
  }
  await walk(folder, '')
  return found
}

async function fileExists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile()
  } catch {
    return false
  }
}

export function createStaticPublisher(options: StaticPublisherOptions): StaticPublisher {
  const folder = path.resolve(options.folder)
  const ops = options.fileSystem ?? realFileSystem
  const concurrency = options.concurrency ?? 4
  let loaded: Manifest | undefined

  const manifest = async (): Promise<Manifest> => {
    loaded ??= await readManifest(folder)
    return loaded
  }

  const run = async (
    paths: Iterable<string>,
    runOptions: { isManifestDeferred?: boolean } = {},
  ): Promise<PublishReport> => {
    const started = performance.now()
    const current = await manifest()
    const report: PublishReport = {
      rendered: 0,
      written: 0,
      unchanged: 0,
      removed: 0,
      absent: 0,
      refused: [],
      failed: [],
      ms: 0,
      paths: [],
    }
    await assertWritableFolder(ops, folder)
    const queue = [...new Set(paths)]
    report.paths = queue
    const seen = new Set(queue)

    const publishOne = async (urlPath: string): Promise<void> => {
      const relative = fileForUrlPath(urlPath)
      const file = relative === undefined ? undefined : resolveInside(folder, relative)
      if (relative === undefined || file === undefined) {
        report.refused.push(urlPath)
        return
      }
      const entry = current.entries.get(urlPath)
      let page: Awaited<ReturnType<PageRenderer>>
      try {
        page = await options.render(urlPath)
        report.rendered++
      } catch (error) {
        report.failed.push({ path: urlPath, reason: `rendering failed: ${describeFileError(error)}` })
        return
      }
      try {
        if (page.status === 200 && isTypeForFile(relative, page.contentType)) {
          for (const next of page.discovered) {
            if (!seen.has(next)) {
              seen.add(next)
              queue.push(next)
            }
          }
          const hash = contentHash(page.contentType, page.body)
          if (entry?.hash === hash && entry.file === relative && (await fileExists(file))) {
            entry.keys = page.surrogateKeys
            report.unchanged++
            return
          }
          await writeCompressedAtomically(ops, file, await compressForms(page.body))
          current.entries.set(urlPath, { file: relative, hash, keys: page.surrogateKeys })
          report.written++
        } else if (GONE_STATUSES.has(page.status) || page.status === 200) {
          // Gone, or a 200 of a type this address cannot hold as a file: readers get it from Dateline.
          if (entry || (await fileExists(file))) {
            await removeWithCompressedForms(ops, file)
            current.entries.delete(urlPath)
            report.removed++
          } else report.absent++
        } else {
          report.failed.push({
            path: urlPath,
            reason: `the site answered ${page.status}; the previous file stays`,
          })
        }
      } catch (error) {
        report.failed.push({ path: urlPath, reason: describeFileError(error) })
      }
    }

    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await publishOne(next)
    }
    // Workers finish when the queue is empty; pages found late are picked up by a later round.
    while (queue.length > 0) await Promise.all(Array.from({ length: concurrency }, worker))
    if (!runOptions.isManifestDeferred) {
      try {
        await writeManifest(ops, folder, current)
      } catch (error) {
        report.failed.push({ path: '(manifest)', reason: describeFileError(error) })
      }
    }
    report.ms = Math.round(performance.now() - started)
    return report
  }

  const knownPaths = async (): Promise<string[]> => {
    const current = await manifest()
    const onDisk = (await publishedFiles(folder)).flatMap((file) => urlPathForFile(file) ?? [])
    return [...new Set([...current.entries.keys(), ...onDisk])]
  }

  return {
    folder,
    manifest,
    knownPaths,
    publishPaths: run,
    async publishAll(seeds) {
      return run([...seeds, ...(await knownPaths())])
    },
    async publishKeys(seeds, keys) {
      return run([...seeds, ...(await manifest()).pathsForKeys(keys)])
    },
    async pathsForKeys(keys) {
      return (await manifest()).pathsForKeys(keys)
    },
    async saveManifest() {
      await writeManifest(ops, folder, await manifest())
    },
  }
}

/** One line for people: "412 pages: 12 written, 400 unchanged, 1 removed; 2 failed". */
export function summarizeReport(report: PublishReport): string {
  const parts = [`${report.written} written`, `${report.unchanged} unchanged`, `${report.removed} removed`]
  const tail = [
    report.refused.length > 0 ? `${report.refused.length} refused (unsafe paths)` : '',
    report.failed.length > 0 ? `${report.failed.length} failed` : '',
  ].filter((part) => part !== '')
  return `${report.rendered} pages rendered in ${(report.ms / 1000).toFixed(1)} s: ${parts.join(', ')}${tail.length > 0 ? `; ${tail.join(', ')}` : ''}`
}
