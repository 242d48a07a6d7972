// SQLite: the full-text index moves out of the site's database into a file of its own, written by
// a worker thread (src/search/sqlite-search-database.ts, sqlite-index-writer.ts), so that FTS5's
// segment merges (0.3–1.5 s at 100,000 stories, on about one write in sixteen) no longer hold the
// event loop. Migration 0015's answer to them, an index without word positions, made the merges
// shorter but not short, and every search slower; the new index has positions again. The tables
// here are dropped; the new index starts empty and the server builds it in the background on its
// next start (main.ts), or `dateline search reindex` does. PostgreSQL: nothing.
// Immutable once merged; safe to run twice.
import { type Kysely, sql } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return
  // Qualified: unqualified, a name missing from main would find the attached search database's.
  await sql`DROP TABLE IF EXISTS main.search_vocabulary`.execute(db)
  await sql`DROP TABLE IF EXISTS main.search_fts`.execute(db)
}
