// Permanent redirects from addresses that used to work (a renamed section, tag or byline; an
// imported site's old URLs) to where the thing lives now. They are looked up only when a public
// request would otherwise be a 404, with one indexed query (from_path is unique).
import type { AppContext } from '../context.ts'

/** A listing's further pages ("/x/page/3/") follow the listing's own redirect. */
const PAGED = /^(\/.*\/)page\/(\d{1,5})\/$/

/**
 * Records that `fromPath` now lives at `toPath`. Earlier redirects that led to `fromPath` are
 * pointed at `toPath` too, so a renamed-twice section never sends readers through a chain, and a
 * redirect away from the new address (a slug given back to its old owner) is dropped.
 * Run it inside the caller's transaction so the rename and its redirects commit together.
 */
export async function addRedirect(ctx: AppContext, fromPath: string, toPath: string): Promise<void> {
  if (fromPath === toPath) return
  const now = ctx.clock.now().toISOString()
  await ctx.db.deleteFrom('redirects').where('from_path', '=', toPath).execute()
  await ctx.db.updateTable('redirects').set({ to_path: toPath }).where('to_path', '=', fromPath).execute()
  await ctx.db.deleteFrom('redirects').where('from_path', '=', fromPath).execute()
  await ctx.db
    .insertInto('redirects')
    .values({ from_path: fromPath, to_path: toPath, status_code: 301, created_at: now })
    .execute()
}

/** Where a would-be 404 should go, if anywhere: the path of a redirect, with the query kept. */
export async function findRedirect(
  ctx: AppContext,
  url: string,
): Promise<{ location: string; status: 301 | 302 | 308 } | undefined> {
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const query = queryAt === -1 ? '' : url.slice(queryAt)
  if (!path.startsWith('/') || path.startsWith('//') || path.length > 1000) return undefined
  const paged = PAGED.exec(path)
  const candidates = paged?.[1] ? [path, paged[1]] : [path]
  const rows = await ctx.db
    .selectFrom('redirects')
    .select(['from_path', 'to_path', 'status_code'])
    .where('from_path', 'in', candidates)
    .execute()
  const exact = rows.find((r) => r.from_path === path)
  const listing = rows.find((r) => r.from_path === paged?.[1])
  let target: string | undefined
  let status = exact?.status_code ?? listing?.status_code ?? 301
  if (exact) target = exact.to_path
  else if (listing && paged && listing.to_path.endsWith('/')) target = `${listing.to_path}page/${paged[2]}/`
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined
  if (status !== 302 && status !== 308) status = 301
  return { location: target + query, status: status as 301 | 302 | 308 }
}
