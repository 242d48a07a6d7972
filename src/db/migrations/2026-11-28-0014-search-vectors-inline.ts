// PostgreSQL: each story's word vector is kept in the search_documents row itself (compressed)
// instead of out of line in the TOAST table. A search walks the newest stories and tests each one's
// vector; out of line, every test was an extra index lookup and read (the rank window of a
// two-word search at 100,000 stories: 21 ms out of line, 10 ms inline; one word: 6 → 2.5 ms). Vectors
// written before this migration stay where they are until rewritten: `dateline search reindex`
// rewrites them all. SQLite's FTS5 keeps its own index and needs nothing here.
// Immutable once merged; safe to run twice.
import { type Kysely, sql } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return
  await sql`ALTER TABLE search_documents ALTER COLUMN document SET STORAGE MAIN`.execute(db)
}
