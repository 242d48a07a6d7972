import type { FastifyReply } from 'fastify'
import { latestSummaries } from '../articles/articles.service.ts'
import { HOME_KEY } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { absoluteUrl, buildChrome, sendPage } from '../http/site-pages.ts'
import { mostRead } from '../most-read/most-read.service.ts'
import { sectionWithDescendantIds } from '../sections/sections.service.ts'
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
  const latest = await latestSummaries(ctx, { language }, LATEST_COUNT + 1)
  const lead = latest.find((s) => s.image) ?? latest[0]
  const shownIds = lead ? [lead.id] : []
  const topSections = chrome.sections.filter((s) => s.parentId === null)
  const blocks = await Promise.all(
    topSections.map(async (section) => ({
      section,
      stories: await latestSummaries(
        ctx,
        { language, sectionIds: await sectionWithDescendantIds(ctx, section.id), excludeIds: shownIds },
        BLOCK_SIZE,
      ),
    })),
  )
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
      mostRead={mostReadItems}
      description={description}
      meta={homePageMeta({ publisher, siteUrl: ctx.config.siteUrl, alternates }, description, lead)}
    />,
    { surrogateKeys: [HOME_KEY] },
  )
}
