// Named prepared statements for PostgreSQL's readers. Kysely sends every query unnamed, so the
// server parses and plans it each time; for the small lookups of a page (a row by slug, the bylines
// of three stories) planning costs more than running: 0.2–0.5 ms against 0.1, on every one of a
// story page's ~15 statements, on the two cores Node shares with PostgreSQL. A named statement is
// parsed once per connection and, after five runs, PostgreSQL may keep a generic plan for it.
//
// Only where that is safe:
// - SELECTs only, and never inside a transaction: an error there aborts the transaction, so the
//   retry below could not run (writes and transactions are the newsroom's, not the readers').
// - Not full-text search: its cost depends on the words asked for (a rare word against a common
//   one), which is exactly where one generic plan would be wrong for some queries.
// - Bounded: at most MAX_NAMED_STATEMENTS different texts get a name (IN lists of every length
//   are different texts); the rest run unnamed as before.
// - After another instance migrates, a connection's `SELECT *` statement fails with "cached plan
//   must not change result type". The query is run again unnamed and the connection is closed when
//   it goes back to the pool, so that its stale statements go with it.
// - Off with DATABASE_PREPARED_STATEMENTS=off, for PgBouncer in transaction mode (docs/deploy.md).
import { createHash } from 'node:crypto'
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import type pg from 'pg'

export const MAX_NAMED_STATEMENTS = 300

const READ = /^\s*(select|with)\b/i
const FULL_TEXT =
  /\b(to_tsquery|websearch_to_tsquery|plainto_tsquery|phraseto_tsquery|ts_rank|ts_rank_cd)\b|@@/i
const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i
const TRANSACTION_END = /^\s*(commit|rollback|end|abort)\b/i

/** PostgreSQL's "cached plan must not change result type" (SQLSTATE 0A000). */
function isStalePlan(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown }
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change')
}

export function withPreparedStatements(pool: pg.Pool, maxNamed = MAX_NAMED_STATEMENTS): PostgresPool {
  const names = new Map<string, string>()
  const nameFor = (text: string): string | undefined => {
    const known = names.get(text)
    if (known !== undefined) return known
    if (names.size >= maxNamed || !READ.test(text) || FULL_TEXT.test(text)) return undefined
    // 63 bytes is PostgreSQL's limit on a name; 24 hex digits of SHA-256 never collide in practice.
    const name = `dl_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`
    names.set(text, name)
    return name
  }
  // Kysely keeps one connection object per client it is given, so each pg client keeps its wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let isInTransaction = false
    let isStale = false
    const run = async <R>(
      sql: string,
      parameters: ReadonlyArray<unknown>,
    ): Promise<PostgresQueryResult<R>> => {
      if (TRANSACTION_START.test(sql)) isInTransaction = true
      else if (TRANSACTION_END.test(sql)) isInTransaction = false
      const values = [...parameters]
      const name = isInTransaction || isStale ? undefined : nameFor(sql)
      if (name === undefined) return (await client.query(sql, values)) as unknown as PostgresQueryResult<R>
      try {
        return (await client.query({ name, text: sql, values })) as unknown as PostgresQueryResult<R>
      } catch (error) {
        if (!isStalePlan(error)) throw error
        isStale = true
        return (await client.query(sql, values)) as unknown as PostgresQueryResult<R>
      }
    }
    const wrapper = {
      query: (<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>) =>
        typeof sqlOrCursor === 'string'
          ? run<R>(sqlOrCursor, parameters ?? [])
          : client.query(sqlOrCursor as never)) as PostgresPoolClient['query'],
      release(destroy?: boolean) {
        // A connection with a stale statement is closed rather than kept: its replacement starts clean.
        if (isStale || destroy) wrappers.delete(client)
        client.release(isStale || destroy)
        isInTransaction = false
      },
    }
    return wrapper
  }
  return {
    async connect() {
      const client = await pool.connect()
      let wrapper = wrappers.get(client)
      if (!wrapper) {
        wrapper = wrap(client)
        wrappers.set(client, wrapper)
      }
      return wrapper
    },
    end: () => pool.end(),
  }
}
