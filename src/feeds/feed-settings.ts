// Whether feeds carry whole stories or excerpts: a site setting (admin → Site settings), kept with
// the others so a change purges every cached page and feed through the site.changed event.
import type { AppContext } from '../context.ts'
import { getSiteSettings } from '../settings/settings.service.ts'

/** Whether feeds carry whole stories (content:encoded, content_html) or excerpts only. */
export async function isFeedFullContent(ctx: AppContext): Promise<boolean> {
  return (await getSiteSettings(ctx)).feedsFullContent
}
