import type { AppContext } from '../context.ts'
import { slugify } from '../lib/slugify.ts'

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
