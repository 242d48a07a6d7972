// Who writes SQLite's full-text index. FTS5 merges its segments as part of an ordinary write, and
// at 100,000 stories about one story's write in sixteen ran into a merge of 0.3–1.5 s; SQLite's
// calls are synchronous, so on the main thread every reader waited for it (docs/performance.md).
// A site on a database file therefore writes its index from a worker thread
// (sqlite-index-worker.mjs) into a database file of its own (sqlite-search-database.ts): a merge
// then holds neither the event loop nor the main database's write lock. An in-memory database
// cannot be shared with a thread, and a hand-made context has no worker: both write inline.
import { Worker } from 'node:worker_threads'
import type { CompiledQuery, Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

export interface SearchIndexWriter {
  /** Runs the statements in one transaction, after every batch written before it. */
  write(queries: readonly CompiledQuery[]): Promise<void>
  /** Resolves once every batch written so far is in the index (read-your-writes for searches). */
  settled(): Promise<void>
  /**
   * Starts the thread now instead of at the first write (the server, once it listens): starting
   * it costs ~100 ms of CPU, which the first publication and the first search would otherwise share.
   */
  warmUp(): void
  /** Waits for the writes under way, then stops the thread (when there is one). */
  close(): Promise<void>
}

/** Writes on the caller's connection, in a transaction of its own. */
export function createInlineIndexWriter(db: Kysely<Database>): SearchIndexWriter {
  let last: Promise<void> = Promise.resolve()
  return {
    write(queries) {
      const done = db.transaction().execute(async (trx) => {
        for (const query of queries) await trx.executeQuery(query)
      })
      last = done.catch(() => undefined)
      return done
    },
    settled: () => last,
    warmUp: () => undefined,
    close: () => last,
  }
}

interface Reply {
  id: number
  error?: { message: string; code?: string }
}

const WORKER_URL = new URL('./sqlite-index-worker.mjs', import.meta.url)

/**
 * Writes through a worker thread with its own connection to `filename`, started by warmUp or the
 * first write. A worker that dies fails the batches it held; the next write starts another.
 */
export function createWorkerIndexWriter(filename: string): SearchIndexWriter {
  let worker: Worker | undefined
  let nextId = 1
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()
  // The last batch's outcome, never rejected: batches run in order, so when it is done all are.
  let last: Promise<void> = Promise.resolve()

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
    worker = undefined
  }

  const started = (): Worker => {
    if (worker) return worker
    // Plain JavaScript: no tsx loader in the thread, whatever the main thread was started with.
    const thread = new Worker(WORKER_URL, { workerData: { filename }, execArgv: [] })
    thread.on('message', (reply: Reply) => {
      const waiter = pending.get(reply.id)
      if (!waiter) return
      pending.delete(reply.id)
      if (reply.error) {
        const error = new Error(`search index write failed: ${reply.error.message}`)
        Object.assign(error, { code: reply.error.code })
        waiter.reject(error)
      } else waiter.resolve()
      // An idle thread does not keep the process alive (a CLI command that forgot to close).
      if (pending.size === 0) thread.unref()
    })
    thread.on('error', (error) => {
      if (worker === thread) failAll(error)
    })
    thread.on('exit', (code) => {
      if (worker === thread) failAll(new Error(`the search index thread stopped (exit code ${code})`))
    })
    worker = thread
    return thread
  }

  const send = (message: { queries?: { sql: string; parameters: readonly unknown[] }[]; close?: true }) => {
    const thread = started()
    const id = nextId++
    const done = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }))
    thread.ref()
    thread.postMessage({ id, ...message })
    return done
  }

  return {
    write(queries) {
      // Only the text and the values cross to the thread (Kysely's query tree is not needed there).
      const done = send({ queries: queries.map((q) => ({ sql: q.sql, parameters: q.parameters })) })
      last = done.catch(() => undefined)
      return done
    },
    settled: () => last,
    warmUp() {
      const thread = started()
      // Idle, it does not keep the process alive (with writes under way, it does).
      if (pending.size === 0) thread.unref()
    },
    async close() {
      await last
      const thread = worker
      if (!thread) return
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()))
      await send({ close: true })
      worker = undefined
      thread.ref() // the reply unref'd it; the process must live until the thread has closed
      await exited
    },
  }
}
