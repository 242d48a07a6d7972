// Measures how long single-story writes to SQLite's full-text index take at the bench's scale, and
// which of them stall: about one write in 16 runs into an FTS5 segment merge, 0.7–1.5 s at 100,000
// stories with word positions (detail=full), 0.2–0.45 s without (detail=column, migration 0015).
// The app therefore writes its index from a worker thread into a database of its own (migration
// 0016, src/search/sqlite-index-writer.ts), where a merge holds no reader; this probe writes on
// its own thread on purpose, to see the merges. Works on a COPY it makes of the bench's search
// database (bench-output/bench-100000.search.db), never on the database itself.
//
// The rank query is sqlite-search.ts's, without its filters.
// Usage: node --import tsx bench/fts-merge-probe.ts [--db bench-output/bench-100000.db] [--writes 400]
//          [--automerge N] [--optimize] [--detail full|column|none]
// Without --detail it writes to the index as the app has it (detail=full since migration 0016);
// with it, it first builds a second index with that option from the same text (12–75 s).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import SQLite from 'better-sqlite3'
import { searchDatabasePath } from '../src/search/sqlite-search-database.ts'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench-output/bench-100000.db' },
    writes: { type: 'string', default: '400' },
    automerge: { type: 'string' },
    optimize: { type: 'boolean', default: false },
    detail: { type: 'string' },
  },
})
const source = searchDatabasePath(path.resolve(values.db))
if (!source || !fs.existsSync(source)) throw new Error(`no search database beside ${values.db}`)
const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-fts-probe-')), 'copy.db')
fs.copyFileSync(source, copy)
const db = new SQLite(copy)
db.pragma('journal_mode = WAL')
const timed = (label: string, run: () => unknown): void => {
  const started = performance.now()
  run()
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`)
}

let table = 'search_fts'
if (values.detail !== undefined) {
  table = 'probe_fts'
  timed(`built a detail=${values.detail} index from the same text`, () => {
    db.exec(`CREATE VIRTUAL TABLE probe_fts USING fts5(headline, dek, body, tags, authors, status UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2', detail = ${values.detail})`)
    const rows = db
      .prepare('SELECT rowid, headline, dek, body, tags, authors, status FROM search_fts')
      .raw()
      .all()
    const insert = db.prepare(
      'INSERT INTO probe_fts(rowid, headline, dek, body, tags, authors, status) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    // In transactions of 200, as reindexAll writes them.
    const batch = db.transaction((chunk: unknown[][]) => {
      for (const row of chunk) insert.run(...row)
    })
    for (let i = 0; i < rows.length; i += 200) batch(rows.slice(i, i + 200) as unknown[][])
  })
}
if (values.optimize)
  timed("'optimize'", () => db.prepare(`INSERT INTO ${table}(${table}) VALUES ('optimize')`).run())
if (values.automerge !== undefined) {
  db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('automerge', ?)`).run(Number(values.automerge))
}

const insert = db.prepare(
  `INSERT INTO ${table}(rowid, headline, dek, body, tags, authors, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
)
const body = `KABUL – water market prices northern clinic ${'words of a story about the river and the market '.repeat(60)}`
const firstRowid = 10_000_000
const ms: number[] = []
for (let i = 0; i < Number(values.writes); i++) {
  const started = performance.now()
  insert.run(firstRowid + i, `Probe headline ${i}`, '', `${body} ${i}`, '', '', 'published')
  ms.push(performance.now() - started)
}
const stalls = ms.flatMap((m, i) => (m > 20 ? [`#${i} ${Math.round(m)} ms`] : []))
const sorted = [...ms].sort((a, b) => a - b)
console.log(
  `${ms.length} single-story writes: median ${sorted[Math.floor(ms.length / 2)]?.toFixed(2)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms; over 20 ms: ${stalls.length}`,
)
if (stalls.length > 0) console.log(`  ${stalls.join(', ')}`)
const rank = db.prepare(
  `SELECT rowid, bm25(${table}, 10.0, 4.0, 1.0, 4.0, 4.0) AS score FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT 1001`,
)
for (const query of ['water', 'market prices', 'northern clinic', 'pomegr*']) {
  rank.all(query)
  const started = performance.now()
  for (let i = 0; i < 20; i++) rank.all(query)
  console.log(`rank window "${query}": ${((performance.now() - started) / 20).toFixed(2)} ms`)
}
db.close()
fs.rmSync(path.dirname(copy), { recursive: true, force: true })
