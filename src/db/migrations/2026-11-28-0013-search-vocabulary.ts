// The words of the SQLite search index, readable in order: an fts5vocab table over search_fts
// ('instance': one row per occurrence, so that the first row of a word is found by a seek,
// without counting the word's documents as the 'row' kind does). Search expands an unfinished
// last word into the words it starts (src/search/sqlite-search.ts). fts5vocab stores nothing: it
// reads search_fts's own index. PostgreSQL has no equivalent and needs nothing here.
// Immutable once merged; safe to run twice (IF NOT EXISTS).
import { type Kysely, sql } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS search_vocabulary USING fts5vocab(search_fts, instance)`.execute(
    db,
  )
}
