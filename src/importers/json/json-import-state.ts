// What one `dateline import json` run knows: for each kind, the file's id → the id it has in this
// site (new, or the existing record with the same natural key). One object per run, never
// module-level state. A story map of 100,000 entries is a few megabytes: memory stays bounded by
// the number of records, never by the size of their text.
import type { AppContext } from '../../context.ts'
import type { JsonImportReport } from './json-import-report.ts'

export interface JsonImportState {
  ctx: AppContext
  isDryRun: boolean
  report: JsonImportReport
  /** --media-dir: a folder laid out like the media folder, to copy files from. */
  mediaDir: string | undefined
  sectionIds: Map<number, number>
  /** This site's section id → slug, for the stories' addresses. */
  sectionSlugs: Map<number, string>
  userIds: Map<number, number>
  authorIds: Map<number, number>
  tagIds: Map<number, number>
  mediaIds: Map<number, number>
  storyIds: Map<number, number>
  /** Ids handed out in a dry run, where nothing is written. */
  nextFakeId: number
}

export function createJsonImportState(
  ctx: AppContext,
  report: JsonImportReport,
  isDryRun: boolean,
  mediaDir: string | undefined,
): JsonImportState {
  return {
    ctx,
    isDryRun,
    report,
    mediaDir,
    sectionIds: new Map(),
    sectionSlugs: new Map(),
    userIds: new Map(),
    authorIds: new Map(),
    tagIds: new Map(),
    mediaIds: new Map(),
    storyIds: new Map(),
    nextFakeId: 0,
  }
}

export function fakeId(state: JsonImportState): number {
  state.nextFakeId -= 1
  return state.nextFakeId
}

/** A file id mapped to this site's id, or null (a dangling or absent reference). */
export function mapped(map: ReadonlyMap<number, number>, id: number | null): number | null {
  return id === null ? null : (map.get(id) ?? null)
}

export const ROW_CHUNK = 200

export async function inChunks<T>(rows: readonly T[], run: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROW_CHUNK) await run(rows.slice(i, i + ROW_CHUNK))
}
