import type { FastifyReply } from 'fastify'
import { latestSummariesForEach } from '../articles/articles.service.ts'
import { HOME_KEY } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { mostRead } from '../most-read/most-read.service.ts'
import { withDescendantIds } from '../sections/sections.service.ts'
import { listingAlternates } from '../seo/hreflang.ts'
import { homePageMeta } from '../seo/page-meta.ts'
import { sitePublisher } from '../seo/publisher.ts'
import { HomePage } from './home-page.tsx'

const LATEST_COUNT = 8
const BLOCK_SIZE = 4

/** GET / (/fa/, /ps/): the lead story, the latest list, and a block per top-level section, in the language. */
export async function showHome(
  ctx: AppContext,
  reply: FastifyReply,
  language: string,
): Promise<FastifyReply> {
  const chrome = await buildChrome(ctx, language, reply.request)
  const topSections = chrome.sections.filter((s) => s.parentId === null)
  // The latest list and every section block in one batch (articles.service latestSummariesForEach).
  // A block asks for one story more than it shows, since the lead story is not repeated in it.
  const [latest = [], ...blockStories] = await latestSummariesForEach(ctx, [
    { filter: { language }, limit: LATEST_COUNT + 1 },
    ...topSections.map((section) => ({
      filter: { language, sectionIds: withDescendantIds(chrome.sections, section.id) },
      limit: BLOCK_SIZE + 1,
    })),
  ])
  const lead = latest.find((s) => s.image) ?? latest[0]
  const blocks = topSections.map((section, i) => ({
    section,
    stories: (blockStories[i] ?? []).filter((s) => s.id !== lead?.id).slice(0, BLOCK_SIZE),
  }))
  const mostReadItems = await mostRead(ctx, { language })
  const publisher = await sitePublisher(ctx, language)
  const alternates = listingAlternates(ctx.config.siteUrl, '/', chrome.locale.defaultLanguage)
  const description = chrome.locale.t('site.homeDescription', { siteName: chrome.siteName })
  return sendPage(
    reply,
    <HomePage
      chrome={chrome}
      lead={lead}
      latest={latest.filter((s) => s.id !== lead?.id).slice(0, LATEST_COUNT)}
      blocks={blocks.filter((b) => b.stories.length > 0)}
      canonicalUrl={absoluteUrl(ctx, chrome.locale.path('/'))}
      // Most read lists stories of this language: their addresses take its prefix.
      mostRead={mostReadItems.map((item) => ({ ...item, url: chrome.locale.path(item.url) }))}
      description={description}
      meta={homePageMeta({ publisher, siteUrl: ctx.config.siteUrl, alternates }, description, lead)}
    />,
    { surrogateKeys: [HOME_KEY] },
  )
}
