// The thread that writes SQLite's full-text index (sqlite-index-writer.ts starts it). It owns the
// only writing connection to the search database, so FTS5's segment merges, which take hundreds of
// milliseconds at 100,000 stories, run here and never on the thread that answers readers; the
// main connection only reads the index (attached, in WAL mode, so it never waits for this one).
// Plain JavaScript so that it loads as it is under Node, tsx, the compiled bundle and the tests.
// Each message is a batch of compiled statements, run in one transaction, in the order received;
// the reply carries the batch's id, and an error's message and code when it failed.
import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'

const db = new SQLite(workerData.filename)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('busy_timeout = 5000')

// Prepared statements by their text. The texts vary with the number of rows a batch writes (a
// story, a rebuild's 200, a list of orphans), so the cache is emptied when it grows past a bound.
const MAX_STATEMENTS = 64
/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map()
function prepared(sql) {
  let statement = statements.get(sql)
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear()
    statement = db.prepare(sql)
    statements.set(sql, statement)
  }
  return statement
}

const runBatch = db.transaction((queries) => {
  for (const query of queries) prepared(query.sql).run(query.parameters)
})

parentPort.on('message', (message) => {
  if (message.close) {
    db.close()
    parentPort.postMessage({ id: message.id })
    parentPort.close()
    return
  }
  try {
    runBatch(message.queries)
    parentPort.postMessage({ id: message.id })
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: String(error?.message), code: error?.code } })
  }
})
