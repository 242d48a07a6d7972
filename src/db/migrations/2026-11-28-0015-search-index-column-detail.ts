// SQLite: the full-text index keeps, for each word, which columns of which stories hold it, and no
// longer where in them (FTS5's detail=column). With positions, each word's list in the index was
// large, and FTS5's segment merges copy whole lists: at 100,000 stories one story's index write in
// about sixteen ran into a merge of 0.7–1.5 s, during which SQLite held the event loop and every
// reader waited (docs/performance.md). Without positions the same writes stay under 15 ms and a full
// build takes 12 s instead of 75. Search never needed positions: it asks for words, never phrases
// (search-query.ts), and cuts its snippets in JS. bm25 now counts a word once per column, not per
// occurrence; the headline still weighs most.
// The index is rebuilt, not converted: it starts empty here and the server builds it in the
// background on its next start (main.ts), or `dateline search reindex` does. PostgreSQL: nothing.
// Immutable once merged; safe to run twice.
import { type Kysely, sql } from 'kysely'
import type { Engine } from '../dialect.ts'

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return
  await sql`DROP TABLE IF EXISTS search_vocabulary`.execute(db)
  await sql`DROP TABLE IF EXISTS search_fts`.execute(db)
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
    headline, dek, body, tags, authors, status UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    detail = column
  )`.execute(db)
  await sql`CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab(search_fts, instance)`.execute(db)
}
