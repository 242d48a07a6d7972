// The dashboard's one query. It reads articles directly because the articles feature has no
// count-by-status operation yet; move it into articles.service when the story list brings one.
import type { AppContext } from '../context.ts'
import type { ArticleStatus } from '../db/tables.ts'

export const STATUS_ORDER: readonly ArticleStatus[] = [
  'draft',
  'review',
  'scheduled',
  'published',
  'unpublished',
]

export async function countStoriesByStatus(ctx: AppContext): Promise<Record<ArticleStatus, number>> {
  const rows = await ctx.db
    .selectFrom('articles')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute()
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ArticleStatus, number>
  for (const row of rows) counts[row.status] = Number(row.count)
  return counts
}
