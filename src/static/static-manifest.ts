// The published folder's own record of what it holds: for every URL path, its file, a hash of
// what was written, and the surrogate keys the page declared. The hash is why nothing unchanged
// is ever rewritten; the keys are the map from a content event to exactly the files it reaches.
// Kept in the folder as a dot file (nginx's configuration refuses dot files), written atomically.
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { type FileSystemOps, writeFileAtomically } from './atomic-files.ts'

export const MANIFEST_FILE = '.dateline-static.json'
const MANIFEST_VERSION = 1

export interface ManifestEntry {
  /** Relative to the folder, "/" separated. */
  file: string
  hash: string
  keys: string[]
}

export interface Manifest {
  entries: Map<string, ManifestEntry>
  /** URL paths of the entries that carry a surrogate key. */
  pathsForKeys(keys: Iterable<string>): Set<string>
}

export function contentHash(contentType: string, body: Buffer): string {
  return createHash('sha256').update(contentType).update('\n').update(body).digest('hex')
}

function toManifest(entries: Map<string, ManifestEntry>): Manifest {
  return {
    entries,
    pathsForKeys(keys) {
      const wanted = new Set(keys)
      const paths = new Set<string>()
      for (const [urlPath, entry] of entries)
        if (entry.keys.some((key) => wanted.has(key))) paths.add(urlPath)
      return paths
    },
  }
}

/** The folder's manifest, or an empty one for a new folder (a damaged one is started afresh). */
export async function readManifest(folder: string): Promise<Manifest> {
  try {
    const data = JSON.parse(await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as {
      version?: number
      files?: Record<string, ManifestEntry>
    }
    if (data.version !== MANIFEST_VERSION || typeof data.files !== 'object' || data.files === null)
      return toManifest(new Map())
    return toManifest(new Map(Object.entries(data.files)))
  } catch {
    return toManifest(new Map())
  }
}

export async function writeManifest(ops: FileSystemOps, folder: string, manifest: Manifest): Promise<void> {
  const files = Object.fromEntries([...manifest.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  await writeFileAtomically(
    ops,
    path.join(folder, MANIFEST_FILE),
    Buffer.from(`${JSON.stringify({ version: MANIFEST_VERSION, files })}\n`),
  )
}
