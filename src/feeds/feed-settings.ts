// The feeds' own site setting. It lives in the settings table beside the site's name and logo
// (key `feeds_full_content`), owned by this feature because only feeds read it. Absent means full
// content: readers on cut-off connections read whole stories in their feed reader.
import type { AppContext } from '../context.ts'

export const FEEDS_FULL_CONTENT_KEY = 'feeds_full_content'

/** Whether feeds carry whole stories (content:encoded, content_html) or excerpts only. */
export async function isFeedFullContent(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', FEEDS_FULL_CONTENT_KEY)
    .executeTakeFirst()
  return !(row && ['0', 'false', 'no', 'off'].includes(row.value.trim().toLowerCase()))
}
