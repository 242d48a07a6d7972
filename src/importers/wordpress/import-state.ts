// What one import run knows about the site it is writing into: WordPress keys → local ids, built
// by the term and media writers and read by the story writer. One object per run (never
// module-level), so any number of imports can run in one process.
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { Database, WpImportMapTable } from '../../db/tables.ts'
import type { ImportReport } from './import-report.ts'

export interface ImportedMedia {
  id: number
  url: string
  alt: string
  caption: string
}

export interface ImportState {
  ctx: AppContext
  /** The exporting site (its base blog URL): the map's namespace. */
  source: string
  isDryRun: boolean
  report: ImportReport
  now: string
  sectionIdByWpSlug: Map<string, number>
  sectionSlugById: Map<number, string>
  tagIdBySlug: Map<string, number>
  authorIdByLogin: Map<string, number>
  authorIdByCoauthor: Map<string, number>
  /** The site's own organization byline, for posts by house accounts only. */
  siteAuthorId: number | undefined
  mediaByWpId: Map<string, ImportedMedia>
  /** Lower-cased uploads-relative path (any size) → the new URL. */
  mediaUrlByUpload: Map<string, string>
  /** Ids handed out in a dry run, where nothing is written. */
  nextFakeId: number
}

export function createImportState(
  ctx: AppContext,
  source: string,
  isDryRun: boolean,
  report: ImportReport,
): ImportState {
  return {
    ctx,
    source,
    isDryRun,
    report,
    now: ctx.clock.now().toISOString(),
    sectionIdByWpSlug: new Map(),
    sectionSlugById: new Map(),
    tagIdBySlug: new Map(),
    authorIdByLogin: new Map(),
    authorIdByCoauthor: new Map(),
    siteAuthorId: undefined,
    mediaByWpId: new Map(),
    mediaUrlByUpload: new Map(),
    nextFakeId: -1,
  }
}

export function fakeId(state: ImportState): number {
  state.nextFakeId -= 1
  return state.nextFakeId
}

type MapKind = WpImportMapTable['kind']

/** The local ids of everything of a kind that earlier runs imported from this source. */
export async function loadMapped(state: ImportState, kind: MapKind): Promise<Map<string, number>> {
  const rows = await state.ctx.db
    .selectFrom('wp_import_map')
    .select(['wp_id', 'local_id'])
    .where('source', '=', state.source)
    .where('kind', '=', kind)
    .execute()
  return new Map(rows.map((r) => [r.wp_id, r.local_id]))
}

export async function remember(
  db: Kysely<Database>,
  state: ImportState,
  kind: MapKind,
  wpId: string,
  guid: string,
  localId: number,
): Promise<void> {
  await db
    .insertInto('wp_import_map')
    .values({ source: state.source, kind, wp_id: wpId, guid, local_id: localId, created_at: state.now })
    .execute()
}

const INSERT_CHUNK = 400

/** Adds redirects that are not there yet (an address already redirected keeps its target). */
export async function addRedirects(
  db: Kysely<Database>,
  state: ImportState,
  rows: readonly { from: string; to: string }[],
): Promise<number> {
  const unique = new Map<string, string>()
  for (const row of rows) {
    if (
      row.from !== row.to &&
      row.from.startsWith('/') &&
      !row.from.startsWith('//') &&
      row.from.length <= 1000
    )
      unique.set(row.from, row.to)
  }
  if (state.isDryRun) return unique.size
  let added = 0
  const values = [...unique].map(([from_path, to_path]) => ({
    from_path,
    to_path,
    status_code: 301,
    created_at: state.now,
  }))
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    const result = await db
      .insertInto('redirects')
      .values(values.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('from_path').doNothing())
      .executeTakeFirst()
    added += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return added
}
