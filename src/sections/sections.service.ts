import type { AppContext } from '../context.ts'
import type { SectionRow } from '../db/tables.ts'

export interface SectionView {
  id: number
  slug: string
  name: string
  description: string
  parentId: number | null
  url: string
}

/** Slugs a section may not take: they are the site's own top-level paths. */
export const RESERVED_SECTION_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'author',
  'authors',
  'feed',
  'feeds',
  'latest',
  'lite',
  'media',
  'page',
  'search',
  'section',
  'sitemap',
  'sitemaps',
  'tag',
  'tags',
  'robots',
  'fa',
  'ps',
  'en',
  'static',
  'preview',
])

export function sectionUrl(slug: string): string {
  return `/${encodeURIComponent(slug)}/`
}

function toView(row: SectionRow): SectionView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parent_id,
    url: sectionUrl(row.slug),
  }
}

/** All sections in display order: parents first by position, each followed by its children. */
export async function listSections(ctx: AppContext): Promise<SectionView[]> {
  const rows = await ctx.db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute()
  const views = rows.map(toView)
  const roots = views.filter((s) => s.parentId === null)
  const ordered: SectionView[] = []
  const visit = (section: SectionView, depth: number): void => {
    ordered.push(section)
    if (depth > 8) return
    for (const child of views.filter((s) => s.parentId === section.id)) visit(child, depth + 1)
  }
  for (const root of roots) visit(root, 0)
  return ordered
}

export async function findSectionBySlug(ctx: AppContext, slug: string): Promise<SectionView | undefined> {
  const row = await ctx.db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst()
  return row ? toView(row) : undefined
}

/** The section and its descendants' ids: a parent section's page lists its children's stories too. */
export async function sectionWithDescendantIds(ctx: AppContext, sectionId: number): Promise<number[]> {
  const rows = await ctx.db.selectFrom('sections').select(['id', 'parent_id']).execute()
  const ids = [sectionId]
  for (let i = 0; i < ids.length; i++) {
    for (const row of rows) if (row.parent_id === ids[i] && !ids.includes(row.id)) ids.push(row.id)
  }
  return ids
}

export interface NewSection {
  slug: string
  name: string
  description?: string
  parentId?: number | null
  position?: number
}

export async function createSection(ctx: AppContext, input: NewSection): Promise<number> {
  const row = await ctx.db
    .insertInto('sections')
    .values({
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      parent_id: input.parentId ?? null,
      position: input.position ?? 0,
      created_at: ctx.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
