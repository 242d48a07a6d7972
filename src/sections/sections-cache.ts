// The sections and their names in other languages, remembered per app: every public page shows the
// section navigation, and a story page read the whole table three times (the chrome, the story's
// kicker, the "Check Also" story). Sections change only through sections.service.ts, which clears
// the memory after each write; another instance's change arrives as a site change (context.ts).
import type { SectionRow } from '../db/tables.ts'
import type { RememberedRead } from '../lib/remembered-read.ts'

export interface StoredSections {
  /** In display order as stored: by position, then id. */
  rows: readonly SectionRow[]
  /** language → section id → its name and description there. */
  translations: ReadonlyMap<string, ReadonlyMap<number, { name: string; description: string }>>
}

export type SectionsCache = RememberedRead<StoredSections>

/** How long a change made by another process (an import run from the command line) may go unseen. */
export const SECTIONS_CACHE_MS = 30_000
