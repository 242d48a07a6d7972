import { sql } from 'kysely'
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import { AppError, ConflictError, ValidationError } from '../errors.ts'
import { PAGE_SIZE, type Page, pageCount } from '../lib/pagination.ts'
import { isPlausibleSlug, slugify } from '../lib/slugify.ts'
import { addRedirect } from '../redirects/redirects.service.ts'

export interface TagView {
  id: number
  slug: string
  name: string
  url: string
}

export function tagUrl(slug: string): string {
  return `/tag/${encodeURIComponent(slug)}/`
}

export async function findTagBySlug(ctx: AppContext, slug: string): Promise<TagView | undefined> {
  const row = await ctx.db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst()
  return row ? { id: row.id, slug: row.slug, name: row.name, url: tagUrl(row.slug) } : undefined
}

/** Tags of each article, in name order. */
export async function tagsForArticles(
  ctx: AppContext,
  articleIds: readonly number[],
): Promise<Map<number, TagView[]>> {
  const result = new Map<number, TagView[]>()
  if (articleIds.length === 0) return result
  const rows = await ctx.db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', [...new Set(articleIds)])
    .orderBy('tags.name')
    .execute()
  for (const row of rows) {
    const list = result.get(row.article_id) ?? []
    list.push({ id: row.id, slug: row.slug, name: row.name, url: tagUrl(row.slug) })
    result.set(row.article_id, list)
  }
  return result
}

/** Finds each tag by name (case-insensitively by slug) or creates it; returns ids in input order. */
export async function ensureTags(ctx: AppContext, names: readonly string[]): Promise<number[]> {
  const ids: number[] = []
  for (const name of names) {
    const slug = slugify(name)
    if (slug === '') continue
    const existing = await ctx.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()
    if (existing) {
      ids.push(existing.id)
      continue
    }
    const row = await ctx.db
      .insertInto('tags')
      .values({ slug, name: name.trim(), created_at: ctx.clock.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.push(row.id)
  }
  return [...new Set(ids)]
}

// ——— Managing tags (the admin; every surface uses these operations) ———

export const MAX_TAG_NAME_LENGTH = 80

export interface TagListItem extends TagView {
  /** Stories of every status with this tag. */
  storyCount: number
}

/** Tags in name order with their story counts; `search` matches names and slugs. */
export async function listTagsWithCounts(
  ctx: AppContext,
  options: { search?: string; page?: number } = {},
): Promise<Page<TagListItem>> {
  const page = options.page ?? 1
  const search = (options.search ?? '').trim().toLowerCase().slice(0, 100)
  let base = ctx.db.selectFrom('tags')
  if (search !== '') {
    // LIKE wildcards typed by a person are matched literally (ESCAPE works on both engines).
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    base = base.where(
      sql<boolean>`(lower(tags.name) like ${pattern} escape '\\' or tags.slug like ${pattern} escape '\\')`,
    )
  }
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst()
  const total = Number(countRow?.count ?? 0)
  const rows = await base
    .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select([
      'tags.id',
      'tags.slug',
      'tags.name',
      (eb) => eb.fn.count<number>('article_tags.article_id').as('count'),
    ])
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('tags.name')
    .orderBy('tags.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
  const items = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    url: tagUrl(r.slug),
    storyCount: Number(r.count),
  }))
  return { items, page, pageCount: pageCount(total), total }
}

export async function getTag(ctx: AppContext, id: number): Promise<TagView> {
  const row = await ctx.db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row)
    throw new AppError(
      'TAG_NOT_FOUND',
      'That tag no longer exists (it may have been merged into another).',
      404,
    )
  return { id: row.id, slug: row.slug, name: row.name, url: tagUrl(row.slug) }
}

export async function countTagStories(ctx: AppContext, id: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('article_tags')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tag_id', '=', id)
    .executeTakeFirst()
  return Number(row?.count ?? 0)
}

function slugProblem(slug: string): string | undefined {
  if (slug === '') return 'The slug needs at least one letter or digit'
  if (slugify(slug) !== slug || !isPlausibleSlug(slug))
    return `"${slug}" cannot be a slug: use lowercase letters, digits and single hyphens (for example "${slugify(slug) || 'elections'}")`
  return undefined
}

/**
 * Renames a tag. A new slug leaves a redirect from the old tag page (and its further pages) to
 * the new one. `expected` is what the form showed: a save over someone else's change is refused.
 */
export async function renameTag(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { name: string; slug: string },
  expected: { name: string; slug: string },
): Promise<TagView> {
  assertCan(actor, 'tags.manage')
  const current = await getTag(ctx, id)
  if (current.name !== expected.name || current.slug !== expected.slug) {
    throw new ConflictError(
      'STALE_FORM',
      'Someone else changed this tag while you had the form open. Your changes are still in the form: check them and save again.',
    )
  }
  const fields: Record<string, string> = {}
  const name = input.name.trim()
  if (name === '') fields.name = 'The tag needs a name'
  else if (name.length > MAX_TAG_NAME_LENGTH)
    fields.name = `The name must be at most ${MAX_TAG_NAME_LENGTH} characters`
  const slug = input.slug.trim() === '' ? slugify(name) : input.slug.trim()
  const problem = name === '' && input.slug.trim() === '' ? undefined : slugProblem(slug)
  if (problem) fields.slug = problem
  if (Object.keys(fields).length > 0) throw new ValidationError(Object.values(fields), fields)
  if (name === current.name && slug === current.slug) return current
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('tags').set({ name, slug }).where('id', '=', id).execute()
      if (slug !== current.slug) await addRedirect({ ...ctx, db: trx }, tagUrl(current.slug), tagUrl(slug))
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `Another tag already uses the slug "${slug}": to combine the two, merge them instead`
      throw new ValidationError([message], { slug: message })
    }
    throw error
  }
  await recordAudit(
    ctx,
    actor,
    'tag.renamed',
    { type: 'tag', id },
    {
      fromName: current.name,
      name,
      fromSlug: current.slug,
      slug,
    },
  )
  // Tag names appear on every story that carries them.
  await ctx.events.emitSiteChange({
    type: 'site.changed',
    what: `tag ${id}`,
    at: ctx.clock.now().toISOString(),
  })
  return getTag(ctx, id)
}

/**
 * Merges tag `sourceId` into `targetId`: every story of the source gets the target, the source
 * is deleted, and its page redirects to the target's. One transaction.
 */
export async function mergeTags(
  ctx: AppContext,
  actor: Actor,
  sourceId: number,
  targetId: number,
): Promise<{ moved: number }> {
  assertCan(actor, 'tags.manage')
  if (sourceId === targetId) {
    const message = 'Choose a different tag to merge into'
    throw new ValidationError([message], { targetId: message })
  }
  const [source, target] = await Promise.all([getTag(ctx, sourceId), getTag(ctx, targetId)])
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const sourceArticles = await trx
      .selectFrom('article_tags')
      .select('article_id')
      .where('tag_id', '=', sourceId)
      .execute()
    const targetArticles = new Set(
      (
        await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', targetId).execute()
      ).map((r) => r.article_id),
    )
    const toAdd = sourceArticles.map((r) => r.article_id).filter((id) => !targetArticles.has(id))
    if (toAdd.length > 0) {
      await trx
        .insertInto('article_tags')
        .values(toAdd.map((articleId) => ({ article_id: articleId, tag_id: targetId })))
        .execute()
    }
    await trx.deleteFrom('article_tags').where('tag_id', '=', sourceId).execute()
    await trx.deleteFrom('tags').where('id', '=', sourceId).execute()
    await addRedirect({ ...ctx, db: trx }, tagUrl(source.slug), tagUrl(target.slug))
    return sourceArticles.length
  })
  await recordAudit(
    ctx,
    actor,
    'tag.merged',
    { type: 'tag', id: targetId },
    {
      fromTagId: sourceId,
      fromName: source.name,
      fromSlug: source.slug,
      into: target.name,
      stories: moved,
    },
  )
  await ctx.events.emitSiteChange({
    type: 'site.changed',
    what: `tag ${targetId}`,
    at: ctx.clock.now().toISOString(),
  })
  return { moved }
}
