// Content API keys: created by administrators to let a program read drafts and scheduled stories.
// A key is shown once; only its SHA-256 is stored, so a leaked database does not leak keys.
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan } from '../auth/capabilities.ts'
import { randomToken, sha256Hex } from '../auth/tokens.ts'
import type { Actor, AppContext } from '../context.ts'
import type { ApiKeyRow } from '../db/tables.ts'
import { AppError, ValidationError } from '../errors.ts'

/** The one scope so far: read stories whatever their status (drafts, review, scheduled…). */
export const DRAFTS_SCOPE = 'drafts:read'
export const API_KEY_SCOPES = [DRAFTS_SCOPE] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

/** Recognisable in logs and secret scanners, so a key pasted somewhere public is spotted. */
const KEY_PREFIX = 'dtl_'
const MAX_NAME_LENGTH = 80

export interface ApiKeyView {
  id: number
  name: string
  prefix: string
  scope: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

export async function listApiKeys(ctx: AppContext, actor: Actor): Promise<ApiKeyView[]> {
  assertCan(actor, 'api-keys.manage')
  const rows = await ctx.db.selectFrom('api_keys').selectAll().orderBy('id', 'desc').execute()
  return rows.map(toView)
}

/** Creates a key and returns it in clear: the only time it is ever available. */
export async function createApiKey(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; scope: string },
): Promise<{ key: string; view: ApiKeyView }> {
  assertCan(actor, 'api-keys.manage')
  const name = input.name.trim()
  const problems: Record<string, string> = {}
  if (name === '') problems.name = 'Give the key a name (who or what uses it).'
  else if (name.length > MAX_NAME_LENGTH)
    problems.name = `The name must be at most ${MAX_NAME_LENGTH} characters.`
  if (!(API_KEY_SCOPES as readonly string[]).includes(input.scope))
    problems.scope = 'Choose what the key may do.'
  if (Object.keys(problems).length > 0) throw new ValidationError(Object.values(problems), problems)
  const key = `${KEY_PREFIX}${randomToken(32)}`
  const row = await ctx.db
    .insertInto('api_keys')
    .values({
      name,
      key_hash: sha256Hex(key),
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      scope: input.scope,
      created_by: actor.kind === 'user' ? actor.userId : null,
      created_at: ctx.clock.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(
    ctx,
    actor,
    'api-key.created',
    { type: 'api-key', id: row.id },
    { name, scope: input.scope },
  )
  return { key, view: toView(row) }
}

export async function revokeApiKey(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'api-keys.manage')
  const row = await ctx.db
    .selectFrom('api_keys')
    .select(['id', 'name', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new AppError('API_KEY_NOT_FOUND', 'There is no API key with this number.', 404)
  if (row.revoked_at !== null) return
  await ctx.db
    .updateTable('api_keys')
    .set({ revoked_at: ctx.clock.now().toISOString() })
    .where('id', '=', id)
    .execute()
  await recordAudit(ctx, actor, 'api-key.revoked', { type: 'api-key', id }, { name: row.name })
}

/** How often last_used_at is written: a busy integration must not cost a write per request. */
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000

/**
 * The key's grant, or undefined when the key is unknown or revoked. Compared by hash lookup: the
 * hash of an attacker's guess reveals nothing about stored hashes.
 */
export async function authenticateApiKey(
  ctx: AppContext,
  key: string,
): Promise<{ id: number; scope: string } | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined
  const row = await ctx.db
    .selectFrom('api_keys')
    .select(['id', 'scope', 'last_used_at', 'revoked_at'])
    .where('key_hash', '=', sha256Hex(key))
    .executeTakeFirst()
  if (!row || row.revoked_at !== null) return undefined
  const now = ctx.clock.now()
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
    await ctx.db
      .updateTable('api_keys')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute()
  }
  return { id: row.id, scope: row.scope }
}
