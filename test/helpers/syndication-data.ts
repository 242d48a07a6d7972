// The newsroom the feed, sitemap and metadata tests read: published stories in a parent section,
// its subsection and another; a person and an agency byline; a story with a lead image and a
// hostile headline; and a draft, a story scheduled for later and a withdrawn one that must appear
// nowhere.
import type { AppContext } from '../../src/context.ts'
import { recordMedia } from '../../src/media/media.service.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './factories.ts'

export const HOSTILE_HEADLINE = 'Water & power: "</script><script>alert(1)</script>" in Kabul'

/** Words that only hidden stories carry: none may appear in any feed, sitemap or page metadata. */
export const HIDDEN_MARKERS = [
  'Secret draft',
  'Scheduled later',
  'Withdrawn story',
  'draftonlytag',
  'Hidden Byline',
]

export interface SyndicationIds {
  politics: number
  elections: number
  sport: number
  maryam: number
  agency: number
  hiddenAuthor: number
  image: number
  lead: number
  agencyStory: number
  october: number
  draft: number
  scheduled: number
  withdrawn: number
}

export async function seedSyndication(ctx: AppContext): Promise<SyndicationIds> {
  const politics = await makeSection(ctx, { slug: 'politics', name: 'Politics', position: 1 })
  const elections = await makeSection(ctx, { slug: 'elections', name: 'Elections', parentId: politics })
  const sport = await makeSection(ctx, { slug: 'sport', name: 'Sport', position: 2 })
  const maryam = await makeAuthor(ctx, {
    slug: 'maryam-sadat',
    name: 'Maryam Sadat',
    jobTitle: 'Political correspondent',
    bio: 'Maryam Sadat covers politics.',
  })
  const agency = await makeAuthor(ctx, { slug: 'at-news', name: 'AT News', kind: 'organization', bio: '' })
  const hiddenAuthor = await makeAuthor(ctx, { slug: 'hidden-byline', name: 'Hidden Byline' })
  const image = await recordMedia(ctx, {
    path: 'demo/council.jpg',
    mimeType: 'image/jpeg',
    width: 1600,
    height: 900,
    bytes: 123_456,
    alt: 'Council members at a long table',
  })
  const lead = await makeArticle(ctx, {
    headline: HOSTILE_HEADLINE,
    slug: 'water-and-power',
    dek: 'A dek',
    excerpt: 'The council argued about water & power until late.',
    bodyHtml: paragraphs(
      'The city council met on Wednesday to discuss the <a href="/politics/">water supply</a>.',
      'Members voted 9 to 4 for new wells.',
    ),
    dateline: 'Kabul',
    sectionId: politics,
    authorIds: [maryam, agency],
    tagNames: ['Water', 'Kabul'],
    featuredMediaId: image,
    publishedAt: '2026-11-26T05:30:00.000Z',
  })
  const agencyStory = await makeArticle(ctx, {
    headline: 'Election commission sets a date',
    slug: 'election-commission-sets-a-date',
    bodyHtml: paragraphs('The election commission said the vote will be held in spring.'),
    sectionId: elections,
    authorIds: [agency],
    publishedAt: '2026-11-10T09:00:00.000Z',
  })
  const october = await makeArticle(ctx, {
    headline: 'Cricket team wins at home',
    slug: 'cricket-team-wins-at-home',
    bodyHtml: paragraphs('The national cricket team won by six wickets.'),
    sectionId: sport,
    authorIds: [maryam],
    tagNames: ['Kabul'],
    publishedAt: '2026-10-15T12:00:00.000Z',
  })
  const hidden = { sectionId: politics, authorIds: [hiddenAuthor], tagNames: ['draftonlytag'] }
  const draft = await makeArticle(ctx, {
    ...hidden,
    headline: 'Secret draft about the budget',
    slug: 'secret-draft',
    status: 'draft',
    publishedAt: null,
  })
  const scheduled = await makeArticle(ctx, {
    ...hidden,
    headline: 'Scheduled later: the budget',
    slug: 'scheduled-later',
    status: 'published',
    publishedAt: '2026-11-28T06:00:00.000Z',
  })
  const withdrawn = await makeArticle(ctx, {
    ...hidden,
    headline: 'Withdrawn story about a minister',
    slug: 'withdrawn-story',
    status: 'unpublished',
    publishedAt: '2026-11-26T07:00:00.000Z',
  })
  return {
    politics,
    elections,
    sport,
    maryam,
    agency,
    hiddenAuthor,
    image,
    lead,
    agencyStory,
    october,
    draft,
    scheduled,
    withdrawn,
  }
}

/** What the database says readers may see, asked directly (not through the code under test). */
export async function publishedRows(ctx: AppContext, now: Date) {
  return ctx.db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.headline',
      'articles.slug',
      'articles.published_at',
      'articles.updated_at',
      'articles.excerpt',
      'articles.auto_excerpt',
      'sections.slug as section_slug',
      'sections.name as section_name',
    ])
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString())
    .orderBy('articles.published_at', 'desc')
    .execute()
}
