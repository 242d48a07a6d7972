// Content events → surrogate keys → purges. A story's change reaches exactly the pages that show
// it: its own page, its translations' pages (their "Read this in …" links and hreflang name it),
// its section and the sections above it, its tags, its bylines, the home page, /latest/, its
// month archive, and the feeds and sitemaps. Nothing else is touched.
//
// Listing keys (home, section:3…) name a listing in every language at once: a Dari story purges
// the English home page too. That costs a few renders per event and keeps the keys simple for
// every purger (CDN, static files); the page cache's own key keeps each language's copy apart.
import { articlePlacement } from '../articles/articles.service.ts'
import { translationSiblings } from '../articles/translations.service.ts'
import type { AppContext } from '../context.ts'
import type { ContentEvent } from '../events/content-events.ts'
import { zonedYearMonth } from '../lib/time.ts'
import { listSections } from '../sections/sections.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import type { CachePurger } from './page-cache.ts'
import {
  archiveKey,
  articleKey,
  authorKey,
  FEEDS_KEY,
  HOME_KEY,
  LATEST_KEY,
  SITEMAPS_KEY,
  sectionKey,
  tagKey,
} from './surrogate-keys.ts'

/** The keys to purge when a story changes, or undefined when the story is gone and its reach unknown. */
export async function surrogateKeysForArticle(
  ctx: AppContext,
  articleId: number,
): Promise<string[] | undefined> {
  const placement = await articlePlacement(ctx, articleId)
  if (!placement) return undefined
  const keys = [articleKey(articleId), HOME_KEY, LATEST_KEY, FEEDS_KEY, SITEMAPS_KEY]
  if (placement.translationGroupId !== null)
    for (const sibling of await translationSiblings(ctx, articleId)) keys.push(articleKey(sibling.id))
  // A parent section's page lists its children's stories, so the chain up to the top is purged.
  const parentOf = new Map((await listSections(ctx)).map((s) => [s.id, s.parentId]))
  const seen = new Set<number>()
  for (
    let id: number | null | undefined = placement.sectionId;
    id != null && !seen.has(id);
    id = parentOf.get(id)
  ) {
    seen.add(id)
    keys.push(sectionKey(id))
  }
  for (const id of placement.tagIds) keys.push(tagKey(id))
  for (const id of placement.authorIds) keys.push(authorKey(id))
  if (placement.publishedAt !== null) {
    // Month archives follow the site's time zone setting (src/settings), like the pages themselves.
    const { year, month } = zonedYearMonth(placement.publishedAt, (await getSiteSettings(ctx)).timeZone)
    keys.push(archiveKey(year, month))
  }
  return keys
}

/** Purges every purger on every content event. Returns a function that stops listening. */
export function purgeOnContentEvents(ctx: AppContext, purgers: readonly CachePurger[]): () => void {
  // A site-wide change (settings, the section navigation, a tag's or byline's name) reaches every page.
  const stopSite = ctx.events.onSiteChange(async (change) => {
    const results = await Promise.allSettled(purgers.map((p) => p.purgeAll()))
    for (const result of results) {
      if (result.status === 'rejected') ctx.log.error({ err: result.reason, change }, 'cache purge failed')
    }
  })
  const stopContent = ctx.events.on(async (event: ContentEvent) => {
    const keys = await surrogateKeysForArticle(ctx, event.articleId)
    // Purgers are independent (memory, CDN): one failing must not keep the others stale.
    const results = await Promise.allSettled(purgers.map((p) => (keys ? p.purge(keys) : p.purgeAll())))
    for (const result of results) {
      if (result.status === 'rejected') ctx.log.error({ err: result.reason, event }, 'cache purge failed')
    }
  })
  return () => {
    stopSite()
    stopContent()
  }
}
