// SQLite: an FTS5 virtual table (search_fts, rowid = article id) with the unicode61 tokenizer, in
// the search database attached to the main connection (sqlite-search-database.ts); ranked by bm25
// with the headline weighted above dek, tags and bylines, and those above the body. Writes go
// through the writer (sqlite-index-writer.ts: a worker thread for a database file), and every read
// first waits for the writes asked before it, so a search sees what was published before it.
import { type CompiledQuery, type Kysely, sql } from 'kysely'
import type { Database } from '../db/tables.ts'
import { RANK_WINDOW, searchFilterExpression } from './search-filters.ts'
import type { ScoredMatch, SearchBackend, SearchBackendOptions, SearchMarks } from './search-index.ts'
import { lastWord, type SearchQuery, snippetAround, toFts5Match } from './search-query.ts'
import { createInlineIndexWriter } from './sqlite-index-writer.ts'

// Column order of search_fts: headline, dek, body, tags, authors, status (unindexed).
const BM25 = sql<number>`bm25(search_fts, 10.0, 4.0, 1.0, 4.0, 4.0)`
/** An unfinished word with more completions than this is left to FTS5 as a prefix. */
const MAX_COMPLETIONS = 16
/** Article ids per DELETE … IN (…) statement, well under SQLite's limit of bound values. */
const IDS_PER_STATEMENT = 500

/** The least string above every string that starts with `prefix`; undefined if there is none. */
function afterPrefix(prefix: string): string | undefined {
  const chars = Array.from(prefix)
  const last = chars.pop()?.codePointAt(0)
  if (last === undefined || last >= 0x10ffff) return undefined
  // Skip the surrogates, which are not characters on their own.
  const next = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1
  return chars.join('') + String.fromCodePoint(next)
}

/**
 * The index's words that start with the query's last word, in order; undefined when there are
 * more than MAX_COMPLETIONS (or none: a word our tokens and FTS5's tokenizer would spell apart
 * is then still found, by FTS5's own prefix). Read from search_vocabulary (fts5vocab, 'instance'),
 * one seek per word: each step asks for the first occurrence at or after the word following the
 * previous one (its successor: the word + U+0001, as no word holds a control character), so no
 * word's documents are read or counted. ~0.3 ms for "pomegr", ~5 ms for the 17 steps of "w".
 */
async function completionsOf(db: Kysely<Database>, query: SearchQuery): Promise<string[] | undefined> {
  const prefix = lastWord(query)
  const end = afterPrefix(prefix)
  if (end === undefined) return undefined
  const { rows } = await sql<{ term: string }>`
    WITH RECURSIVE completions(term) AS (
      SELECT (SELECT term FROM search_vocabulary WHERE term >= ${prefix} AND term < ${end} LIMIT 1)
      UNION ALL
      SELECT (
        SELECT v.term FROM search_vocabulary v WHERE v.term >= c.term || char(1) AND v.term < ${end} LIMIT 1
      )
      FROM completions c WHERE c.term IS NOT NULL
      LIMIT ${MAX_COMPLETIONS + 1}
    )
    SELECT term FROM completions WHERE term IS NOT NULL
  `.execute(db)
  if (rows.length === 0 || rows.length > MAX_COMPLETIONS) return undefined
  return rows.map((r) => r.term)
}

export function createSqliteSearchBackend(
  db: Kysely<Database>,
  {
    rankWindow = RANK_WINDOW,
    writer = createInlineIndexWriter(db),
    onWriteError = (error) => process.emitWarning(`search index write failed: ${String(error)}`),
  }: SearchBackendOptions = {},
): SearchBackend {
  // Queued, not awaited: the batch is handed to the writer now (so batches keep their order) and
  // its failure is reported, as nobody waits for it; reads wait through writer.settled().
  const queue = (queries: CompiledQuery[]): void => {
    writer.write(queries).catch(onWriteError)
  }
  const deletions = (articleIds: number[]) => {
    const statements = []
    for (let i = 0; i < articleIds.length; i += IDS_PER_STATEMENT)
      statements.push(
        db
          .deleteFrom('search_fts')
          .where('rowid', 'in', articleIds.slice(i, i + IDS_PER_STATEMENT))
          .compile(),
      )
    return statements
  }
  return {
    async upsert(documents) {
      if (documents.length === 0) return
      // FTS5 has no upsert: delete and insert, in one transaction (one batch of the writer).
      queue([
        ...deletions(documents.map((d) => d.articleId)),
        db
          .insertInto('search_fts')
          .values(
            documents.map((d) => ({
              rowid: d.articleId,
              headline: d.headline,
              dek: d.dek,
              body: d.body,
              tags: d.tags,
              authors: d.authors,
              status: d.status,
            })),
          )
          .compile(),
      ])
    },
    async remove(articleIds) {
      if (articleIds.length === 0) return
      queue(deletions(articleIds))
    },
    async removeOrphans() {
      // Read here, deleted by the writer: the stories live in the main database, which the
      // writer's own connection does not see.
      await writer.settled()
      const orphans = await db
        .selectFrom('search_fts')
        .select('rowid')
        .where('rowid', 'not in', db.selectFrom('articles').select('articles.id'))
        .execute()
      if (orphans.length > 0) queue(deletions(orphans.map((o) => o.rowid)))
      return orphans.length
    },
    settled: () => writer.settled(),
    async isEmpty() {
      await writer.settled()
      return (await db.selectFrom('search_fts').select('rowid').limit(1).executeTakeFirst()) === undefined
    },
    async rankWindow(query, filters, now) {
      // The newest matches that pass the filters, read newest first (FTS5 walks its doclist by
      // rowid, which is the article id, and stops at the LIMIT) and scored in the same pass. One
      // more than the window is read, only to know whether more stories match.
      // What is left of the cost is FTS5's own, measured at 100,000 stories: bm25 counts every
      // story that holds each word (its IDF) before the first row, ~7 ms for a word in 83% of
      // them. A last word that is not whole is searched as its completions ORed, not as a
      // prefix: FTS5 merges the doclists of every word a prefix starts in full, twice (once to
      // match, once for bm25's count), ~15 ms each for "water*", where an OR of words is walked
      // by rowid and stops at the LIMIT. bm25 then weighs each completion by its own IDF.
      await writer.settled()
      const completions = query.isLastWordWhole ? undefined : await completionsOf(db, query)
      const rows = await db
        .selectFrom('search_fts')
        .innerJoin('articles', 'articles.id', 'search_fts.rowid')
        .where(sql<boolean>`search_fts MATCH ${toFts5Match(query, completions)}`)
        .where(searchFilterExpression(filters, now))
        .select([
          'articles.id',
          BM25.as('bm25'),
          sql<string>`coalesce(articles.published_at, articles.updated_at)`.as('sort_time'),
        ])
        .orderBy('search_fts.rowid', 'desc')
        .limit(rankWindow + 1)
        .execute()
      // bm25 is lower for better matches; the interface's score is higher for better ones.
      const matches: ScoredMatch[] = rows
        .slice(0, rankWindow)
        .map((r) => ({ id: r.id, score: -r.bm25, sortTime: r.sort_time }))
      return { matches, isCapped: rows.length > rankWindow }
    },
    async marks(query, articleIds) {
      const result = new Map<number, SearchMarks>()
      if (articleIds.length === 0) return result
      await writer.settled()
      // By rowid alone, the snippet made here: FTS5's snippet() needs the MATCH again, and FTS5
      // evaluates a MATCH over every matching document before it applies "rowid IN (…)" — 300 ms
      // for a common word at 100,000 stories, against under a millisecond for these ten rows.
      const rows = await db
        .selectFrom('search_fts')
        .select(['rowid', 'body'])
        .where('rowid', 'in', articleIds)
        .execute()
      for (const row of rows) result.set(row.rowid, { snippet: snippetAround(row.body, query) })
      return result
    },
  }
}
