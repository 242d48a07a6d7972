// Most read: per-story daily view counts (no cookie, no address, no user agent — only the story,
// the day and a number) and the top stories of the last days.
import { isPublished } from '../articles/articles.queries.ts'
import { articleUrl } from '../articles/articles.service.ts'
import type { AppContext } from '../context.ts'
import { toZonedIso } from '../lib/time.ts'
import { createViewCounter, type ViewCount, type ViewCounter } from './view-counter.ts'

/** The calendar day of an instant in the site's time zone: "2026-11-27". */
export function viewDay(now: Date, timeZone: string): string {
  return toZonedIso(now.toISOString(), timeZone).slice(0, 10)
}

const WRITE_CHUNK = 500

/**
 * Adds counted views. Only stories that readers may see are counted: a beacon for a draft, an
 * unknown id or a story not yet out is ignored (and cannot create rows).
 */
export async function addArticleViews(ctx: AppContext, counts: ViewCount[]): Promise<void> {
  if (counts.length === 0) return
  const ids = [...new Set(counts.map((c) => c.articleId))]
  const visible = new Set(
    (
      await ctx.db
        .selectFrom('articles')
        .select('articles.id')
        .where('articles.id', 'in', ids)
        .where(isPublished(ctx.clock.now()))
        .execute()
    ).map((r) => r.id),
  )
  const rows = counts
    .filter((c) => visible.has(c.articleId))
    .map((c) => ({ article_id: c.articleId, day: c.day, count: c.count }))
  // The remembered lists (mostRead) may have changed order: read them again next time.
  ctx.mostReadCache?.clear()
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    await ctx.db
      .insertInto('article_views')
      .values(rows.slice(i, i + WRITE_CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['article_id', 'day'])
          .doUpdateSet((eb) => ({ count: eb('article_views.count', '+', eb.ref('excluded.count')) })),
      )
      .execute()
  }
}

/** The app's counter: writes to this database every few seconds. */
export function createArticleViewCounter(ctx: AppContext, intervalMs?: number): ViewCounter {
  return createViewCounter({
    write: (counts) => addArticleViews(ctx, counts),
    onError: (error) => ctx.log.error({ err: error }, 'writing view counts failed'),
    ...(intervalMs === undefined ? {} : { intervalMs }),
  })
}

export interface MostReadItem {
  id: number
  headline: string
  url: string
  views: number
}

/** The most viewed published stories of the last `days` days (today included), in one language. */
export async function mostRead(
  ctx: AppContext,
  options: { language: string; limit?: number; days?: number },
): Promise<MostReadItem[]> {
  const now = ctx.clock.now()
  const days = options.days ?? 7
  const limit = options.limit ?? 5
  const since = viewDay(new Date(now.getTime() - (days - 1) * 86_400_000), ctx.config.timeZone)
  const key = `${options.language}|${since}|${limit}`
  const read = () => readMostRead(ctx, now, options.language, since, limit)
  return ctx.mostReadCache ? ctx.mostReadCache.get(key, now.getTime(), read) : read()
}

async function readMostRead(
  ctx: AppContext,
  now: Date,
  language: string,
  since: string,
  limit: number,
): Promise<MostReadItem[]> {
  const rows = await ctx.db
    .selectFrom('article_views')
    .innerJoin('articles', 'articles.id', 'article_views.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.headline', 'articles.slug', 'sections.slug as section_slug'])
    .select((eb) => eb.fn.sum<number>('article_views.count').as('views'))
    .where('article_views.day', '>=', since)
    .where(isPublished(now))
    .where('articles.language', '=', language)
    .groupBy(['articles.id', 'articles.headline', 'articles.slug', 'sections.slug'])
    .orderBy('views', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    url: articleUrl(r.section_slug, r.slug),
    views: Number(r.views),
  }))
}
