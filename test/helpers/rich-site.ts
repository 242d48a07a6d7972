// A newsroom with every kind of content an export must carry, made through the app's own services:
// settings with a logo, staff accounts, images with alt text, caption and credit, a section tree
// with Dari and Pashto names, a person, an agency (organisation) and a pseudonym bylined in order,
// stories in every status and in three languages (one pair linked as translations), with dek,
// dateline, excerpt, featured image with its own caption and credit, tags, SEO text, revisions and
// a correction note, and redirects. Text is written for the project.
import sharp from 'sharp'
import { recordCorrection } from '../../src/articles/articles.service.ts'
import { loadStoryForEdit, saveStory } from '../../src/articles/editorial.service.ts'
import { type AppContext, systemActor } from '../../src/context.ts'
import { uploadMedia } from '../../src/media/media.service.ts'
import { addRedirect } from '../../src/redirects/redirects.service.ts'
import { getSiteSettings, saveSiteSettings } from '../../src/settings/settings.service.ts'
import { registerUser } from '../../src/users/users.service.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './factories.ts'

const actor = systemActor('test')

export interface RichSite {
  /** Published stories readers can open, as [section slug, story slug]. */
  publicStories: [string, string][]
  pseudonymUserEmail: string
  storyIds: Record<
    'wells' | 'budget' | 'budgetFa' | 'pashto' | 'pseudonymous' | 'draft' | 'scheduled',
    number
  >
}

async function image(ctx: AppContext, color: string, alt: string, caption: string, credit: string) {
  const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: color } })
    .jpeg()
    .toBuffer()
  return uploadMedia(ctx, actor, { data, fileName: `${alt}.jpg`, alt, caption, credit })
}

export async function buildRichSite(ctx: AppContext): Promise<RichSite> {
  const editorId = await registerUser(ctx, actor, {
    email: 'mina.editor@news.example',
    displayName: 'Mina Rahimi',
    role: 'editor',
    password: 'correct horse battery staple',
  })
  const writerId = await registerUser(ctx, actor, {
    email: 'hidden.writer@news.example',
    displayName: 'Real Name Of The Writer',
    role: 'author',
    password: 'another long passphrase here',
  })

  const wellsImage = await image(
    ctx,
    '#2878c8',
    'A new well in Paghman',
    'The first of six wells',
    'Photo: Zarghuna Amiri',
  )
  const logo = await image(ctx, '#c87814', 'صدای کابل', 'لوگو', '')
  const budgetImage = await image(ctx, '#6a8f3c', 'بودجه آب شهر', 'جلسه بودجه', 'عکس: نویسنده')

  const settings = await getSiteSettings(ctx)
  await saveSiteSettings(ctx, actor, {
    siteName: 'صدای کابل — Kabul Voice',
    logoMediaId: String(logo),
    defaultLanguage: 'en',
    timeZone: 'Asia/Kabul',
    feedsFullContent: '',
    version: settings.version,
  })

  const news = await makeSection(ctx, {
    slug: 'news',
    name: 'News',
    description: 'What happened today',
    position: 1,
  })
  const politics = await makeSection(ctx, { slug: 'politics', name: 'Politics', parentId: news, position: 2 })
  const city = await makeSection(ctx, { slug: 'city-council', name: 'City council', parentId: politics })
  const culture = await makeSection(ctx, { slug: 'culture', name: 'Culture', position: 3 })
  await ctx.db
    .insertInto('section_translations')
    .values([
      { section_id: news, language: 'fa', name: 'خبرها', description: 'آنچه امروز رخ داد' },
      { section_id: news, language: 'ps', name: 'خبرونه', description: 'هغه څه چې نن پېښ شول' },
      { section_id: culture, language: 'fa', name: 'فرهنگ', description: '' },
    ])
    .execute()

  const reporter = await makeAuthor(ctx, {
    slug: 'zarghuna-amiri',
    name: 'Zarghuna Amiri',
    jobTitle: 'City reporter',
    bio: 'Covers water, roads and the city council.',
    userId: editorId,
    avatarMediaId: wellsImage,
  })
  const agency = await makeAuthor(ctx, {
    slug: 'dateline-news',
    name: 'Dateline News',
    kind: 'organization',
    bio: 'The newsroom’s own desk.',
  })
  const pseudonym = await makeAuthor(ctx, {
    slug: 'kabul-observer',
    name: 'Kabul Observer',
    bio: 'A pseudonym: this writer’s name is withheld for their safety.',
    isPseudonym: true,
    userId: writerId,
  })
  const dariWriter = await makeAuthor(ctx, { slug: 'فریبا-احمدی', name: 'فریبا احمدی' })

  const wells = await makeArticle(ctx, {
    headline: 'Water board opens six new wells in Paghman',
    slug: 'water-board-opens-wells',
    dek: 'The first of twenty planned before spring',
    dateline: 'KABUL',
    excerpt: 'Six wells open in Paghman.',
    bodyHtml: paragraphs(
      'Six new wells opened in Paghman on Thursday, the water board said.',
      'Residents said the queue at the old well had grown to <strong>two hours</strong>.',
    ),
    sectionId: city,
    authorIds: [agency, reporter],
    tagNames: ['Water', 'Paghman', 'آب'],
    featuredMediaId: wellsImage,
    featuredCaption: 'Residents queue at the new well',
    featuredCredit: 'Photo: Zarghuna Amiri',
    publishedAt: '2026-11-20T05:30:00.000Z',
  })
  // A published story edited twice: each save keeps a revision, the second with a correction.
  for (const [note, extra] of [
    ['', 'The board will publish the list of villages next week.'],
    ['An earlier version gave the wrong number of wells.', 'Twenty wells are planned in all.'],
  ] as const) {
    const { row, authorIds, tagNames } = await loadStoryForEdit(ctx, actor, wells)
    await saveStory(ctx, actor, wells, row.revision, {
      headline: row.headline,
      dek: row.dek,
      slug: row.slug,
      sectionId: row.section_id,
      tagNames,
      authorIds,
      dateline: row.dateline,
      excerpt: row.excerpt ?? '',
      featuredMediaId: row.featured_media_id,
      featuredCaption: row.featured_caption,
      featuredCredit: row.featured_credit,
      language: row.language,
      bodyHtml: `${row.body_html}\n<p>${extra}</p>`,
      correctionNote: note,
    })
  }
  await ctx.db
    .insertInto('article_seo')
    .values({
      article_id: wells,
      title: 'Six new wells in Paghman',
      description: 'Who built them and who keeps them running.',
    })
    .execute()

  const budget = await makeArticle(ctx, {
    headline: 'City budget puts water first',
    slug: 'city-budget-water',
    dek: 'Council votes 9 to 2',
    dateline: 'KABUL',
    bodyHtml: paragraphs('The council approved the budget on Sunday.', 'Water gets a third of it.'),
    sectionId: politics,
    authorIds: [reporter],
    tagNames: ['Budget', 'Water'],
    featuredMediaId: budgetImage,
    publishedAt: '2026-11-21T07:00:00.000Z',
  })
  const budgetFa = await makeArticle(ctx, {
    headline: 'بودجه شهر آب را در اولویت گذاشت',
    slug: 'بودجه-شهر-آب',
    language: 'fa',
    dek: 'شورا با ۹ رای موافق تصویب کرد',
    dateline: 'کابل',
    bodyHtml: paragraphs('شورای شهر روز یکشنبه بودجه را تصویب کرد.', 'یک سوم آن برای آب است.'),
    sectionId: politics,
    authorIds: [dariWriter, agency],
    tagNames: ['بودجه', 'آب'],
    publishedAt: '2026-11-21T08:00:00.000Z',
  })
  await ctx.db
    .updateTable('articles')
    .set({ translation_group_id: budget })
    .where('id', 'in', [budget, budgetFa])
    .execute()
  const pashto = await makeArticle(ctx, {
    headline: 'په پغمان کې نوي څاګانې پرانیستل شوې',
    slug: 'پغمان-څاګانې',
    language: 'ps',
    dateline: 'کابل',
    bodyHtml: paragraphs('د اوبو بورډ وویل چې شپږ نوې څاګانې پرانیستل شوې.'),
    sectionId: news,
    authorIds: [agency],
    tagNames: ['اوبه'],
    publishedAt: '2026-11-22T06:00:00.000Z',
  })
  const pseudonymous = await makeArticle(ctx, {
    headline: 'Inside the queue for water',
    slug: 'inside-the-queue',
    bodyHtml: paragraphs('A resident describes the night queue at the old well.'),
    sectionId: culture,
    authorIds: [pseudonym],
    featuredMediaId: budgetImage,
    publishedAt: '2026-11-23T06:00:00.000Z',
  })
  await recordCorrection(
    ctx,
    actor,
    pseudonymous,
    'Corrected the name of the village.',
    '2026-11-24T06:00:00.000Z',
  )
  const draft = await makeArticle(ctx, {
    headline: 'Draft: roads after the rain',
    slug: 'roads-after-rain',
    bodyHtml: paragraphs('Not finished yet.'),
    sectionId: news,
    authorIds: [reporter],
    status: 'draft',
    publishedAt: null,
  })
  const scheduled = await makeArticle(ctx, {
    headline: 'Scheduled: the market reopens',
    slug: 'market-reopens',
    bodyHtml: paragraphs('The old market reopens on Monday.'),
    sectionId: culture,
    authorIds: [agency],
    status: 'scheduled',
    publishedAt: '2026-12-01T05:00:00.000Z',
  })
  await makeArticle(ctx, {
    headline: 'Under review: new bus lines',
    slug: 'new-bus-lines',
    bodyHtml: paragraphs('Two new bus lines from next month.'),
    sectionId: news,
    authorIds: [reporter, agency],
    status: 'review',
    publishedAt: null,
  })
  await makeArticle(ctx, {
    headline: 'Withdrawn: a story taken down',
    slug: 'withdrawn-story',
    bodyHtml: paragraphs('This story was unpublished.'),
    sectionId: news,
    authorIds: [agency],
    status: 'unpublished',
    publishedAt: '2026-11-19T05:00:00.000Z',
  })

  await addRedirect(ctx, '/2025/03/01/old-wells-story/', '/politics/city-budget-water')
  await addRedirect(ctx, '/category/city/', '/city-council/')

  return {
    publicStories: [
      ['city-council', 'water-board-opens-wells'],
      ['politics', 'city-budget-water'],
      ['culture', 'inside-the-queue'],
    ],
    pseudonymUserEmail: 'hidden.writer@news.example',
    storyIds: { wells, budget, budgetFa, pashto, pseudonymous, draft, scheduled },
  }
}
