// /healthz says the process lives (no database: a slow database must not get healthy processes
// restarted); /readyz says this instance can serve: the database answers a cheap query and its
// schema is current. A load balancer sends traffic only to instances whose /readyz is 200.

import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../context.ts'
import { pendingMigrations, unknownMigrations } from '../db/migrate.ts'

export interface Readiness {
  isReady: boolean
  reason?: string
  pendingMigrations?: string[]
}

export async function checkReadiness(ctx: AppContext): Promise<Readiness> {
  try {
    await sql`select 1`.execute(ctx.db)
  } catch (error) {
    ctx.log.warn({ err: error }, 'readiness: the database does not answer')
    return { isReady: false, reason: 'database unreachable' }
  }
  try {
    const unknown = await unknownMigrations(ctx.db)
    if (unknown.length > 0) return { isReady: false, reason: 'database newer than this code' }
    const pending = await pendingMigrations(ctx.db, ctx.engine)
    if (pending.length > 0)
      return { isReady: false, reason: 'migrations pending', pendingMigrations: pending }
  } catch (error) {
    ctx.log.warn({ err: error }, 'readiness: the migrations could not be read')
    return { isReady: false, reason: 'migrations unreadable' }
  }
  return { isReady: true }
}

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return { status: 'ok' }
  })
  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    const readiness = await checkReadiness(ctx)
    if (readiness.isReady) return { status: 'ready' }
    reply.code(503)
    return {
      status: 'unavailable',
      reason: readiness.reason,
      ...(readiness.pendingMigrations ? { pendingMigrations: readiness.pendingMigrations } : {}),
    }
  })
}
