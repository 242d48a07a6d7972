// The audit log: who did what, to what, when, and from which sign-in. Every state change in the
// admin and the CLI records an entry through recordAudit. Secrets never go in: details whose key
// names a password, token, secret or code are dropped before anything is written.
import type { Actor, AppContext } from '../context.ts'
import { PAGE_SIZE, type Page, pageCount } from '../lib/pagination.ts'

export interface AuditTarget {
  type: string
  id: string | number
}

export type AuditDetails = Record<string, string | number | boolean | null>

/** Key names that could carry a secret. Checked by name, since values cannot be judged. */
const SECRET_KEY = /pass(word)?|token|secret|otp|^code$|recovery_?code$|cookie|session_?id$/i

export function scrubDetails(details: AuditDetails): AuditDetails {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_KEY.test(key)))
}

/**
 * Records one entry. `actor` is null when nobody is signed in (a failed sign-in). The action is
 * named "<thing>.<what happened>", e.g. "login.failed", "story.published".
 */
export async function recordAudit(
  ctx: AppContext,
  actor: Actor | null,
  action: string,
  target: AuditTarget | null,
  details: AuditDetails = {},
): Promise<void> {
  await ctx.db
    .insertInto('audit_log')
    .values({
      at: ctx.clock.now().toISOString(),
      user_id: actor?.kind === 'user' ? actor.userId : null,
      system_name: actor?.kind === 'system' ? actor.name : null,
      session_ref: actor?.kind === 'user' && actor.sessionId ? actor.sessionId.slice(0, 16) : null,
      action,
      target_type: target?.type ?? null,
      target_id: target === null ? null : String(target.id),
      details: JSON.stringify(scrubDetails(details)),
    })
    .execute()
}

export interface AuditEntry {
  id: number
  at: string
  /** "Maryam Sadat", "system: cli", or "—" when nobody was signed in. */
  who: string
  userId: number | null
  sessionRef: string | null
  action: string
  targetType: string | null
  targetId: string | null
  details: AuditDetails
}

export const AUDIT_PAGE_SIZE = PAGE_SIZE * 2

export async function listAudit(ctx: AppContext, page: number): Promise<Page<AuditEntry>> {
  const countRow = await ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst()
  const total = Number(countRow?.count ?? 0)
  const rows = await ctx.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.user_id',
      'audit_log.system_name',
      'audit_log.session_ref',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.details',
      'users.display_name',
    ])
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute()
  const items = rows.map((row) => ({
    id: row.id,
    at: row.at,
    who: row.display_name ?? (row.system_name ? `system: ${row.system_name}` : '—'),
    userId: row.user_id,
    sessionRef: row.session_ref,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: parseDetails(row.details),
  }))
  return { items, page, pageCount: pageCount(total, AUDIT_PAGE_SIZE), total }
}

function parseDetails(json: string): AuditDetails {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditDetails) : {}
  } catch {
    return {}
  }
}
