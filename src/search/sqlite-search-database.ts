// SQLite's full-text index lives in a database file of its own beside the site's
// (data/dateline.db → data/dateline.search.db), attached to the main connection as `search`. The
// main connection only reads it (the rank query joins it with the articles table); a worker thread
// writes it (sqlite-index-writer.ts), so that FTS5's merges never hold the event loop or the main
// database's write lock. It holds nothing that is not derived from the stories: a backup leaves it
// out, a restore deletes it, and a server that finds it empty rebuilds it in the background (main.ts).
import fs from 'node:fs'
import path from 'node:path'
import type SQLite from 'better-sqlite3'
import { switchToWal } from '../db/sqlite-wal.ts'

/** The schema's version (PRAGMA user_version): a database with another is emptied and rebuilt. */
const SEARCH_SCHEMA_VERSION = 1

/** The search database's file for a site's database file; undefined for an in-memory one. */
export function searchDatabasePath(filename: string): string | undefined {
  if (filename === ':memory:') return undefined
  const extension = path.extname(filename)
  return `${filename.slice(0, filename.length - extension.length)}.search${extension || '.db'}`
}

/** Deletes the search database and its write-ahead log (a restore; the index is rebuilt). */
export function removeSearchDatabase(filename: string): void {
  const file = searchDatabasePath(filename)
  if (!file) return
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
}

/**
 * Attaches the search database to `sqlite` as `search`, creating its tables when they are missing
 * or of another schema version. search_fts: one row per story (rowid = article id), with word
 * positions (FTS5's default detail=full, which bm25 reads directly; see docs/performance.md);
 * search_vocabulary: its words, for completing a last word typed in part (sqlite-search.ts).
 */
export function attachSearchDatabase(sqlite: SQLite.Database, filename: string): void {
  sqlite.prepare('ATTACH DATABASE ? AS search').run(searchDatabasePath(filename) ?? ':memory:')
  switchToWal(sqlite, 'search')
  // The rank query reads the index's pages: 16 MB of cache for them (SQLite's default is 2 MB).
  sqlite.pragma('search.cache_size = -16000')
  const isCurrent = () => sqlite.pragma('search.user_version', { simple: true }) === SEARCH_SCHEMA_VERSION
  if (isCurrent()) return
  // IMMEDIATE: the write lock is taken first, waiting (busy_timeout) for another process doing the
  // same at the same moment (two instances starting); a deferred transaction that had read first
  // would fail at once instead. Whoever waited finds the tables made, and does nothing.
  sqlite
    .transaction(() => {
      if (isCurrent()) return
      sqlite.exec('DROP TABLE IF EXISTS search.search_vocabulary')
      sqlite.exec('DROP TABLE IF EXISTS search.search_fts')
      sqlite.exec(`CREATE VIRTUAL TABLE search.search_fts USING fts5(
      headline, dek, body, tags, authors, status UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2'
    )`)
      sqlite.exec('CREATE VIRTUAL TABLE search.search_vocabulary USING fts5vocab(search_fts, instance)')
      sqlite.pragma(`search.user_version = ${SEARCH_SCHEMA_VERSION}`)
    })
    .immediate()
}
