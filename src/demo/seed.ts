// Fills an empty database with the demo newsroom: an admin account, sections, bylines, tags,
// illustrations and about fifty stories, all through the same services every other surface uses.
// `dateline serve` calls seedDemoIfEmpty on start (when DEMO_CONTENT is on); `dateline seed` calls
// seedDemo.
import { createArticle, recordCorrection } from '../articles/articles.service.ts'
import { setTranslationOf } from '../articles/translations.service.ts'
import { createAuthor } from '../authors/authors.service.ts'
import { type AppContext, systemActor } from '../context.ts'
import { escapeHtml } from '../lib/escape-html.ts'
import { addVariants, recordMedia } from '../media/media.service.ts'
import { createSection, listSections } from '../sections/sections.service.ts'
import { ensureTags } from '../tags/tags.service.ts'
import { generatePassword } from '../users/passwords.ts'
import { createUser } from '../users/users.service.ts'
import {
  DEMO_AGENCY,
  DEMO_IMAGES,
  DEMO_PEOPLE,
  DEMO_SECTIONS,
  DEMO_TAGS,
  IMAGE_CREDIT,
  type SectionKey,
} from './demo-content.ts'
import {
  avatarSvg,
  ILLUSTRATION_WIDTH,
  illustrationSvg,
  type RenderedFile,
  writeDemoJpeg,
} from './demo-images.ts'
import { DEMO_SEED, planArticles } from './demo-plan.ts'
import { DEMO_SECTION_TRANSLATIONS, TRANSLATED_STORIES } from './demo-stories-translated.ts'

export interface SeedResult {
  adminEmail: string
  adminPassword: string
  /** Stories created, including the drafts and the one scheduled ahead. */
  articles: number
}

export const DEMO_ADMIN_EMAIL = 'admin@dateline.local'

const DEMO_VARIANTS = { widths: [360, 720, ILLUSTRATION_WIDTH], formats: ['webp', 'jpeg'] } as const

/** Seeds only a database with no sections and no stories; otherwise leaves it alone. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<SeedResult | undefined> {
  if ((await listSections(ctx)).length > 0) return undefined
  // No article service counts stories of every status (drafts included); one row is enough to know.
  const anyArticle = await ctx.db.selectFrom('articles').select('id').limit(1).executeTakeFirst()
  if (anyArticle) return undefined
  return seedDemo(ctx)
}

/** Seeds the demo newsroom; refuses a database that already has content. */
export async function seedDemo(ctx: AppContext): Promise<SeedResult> {
  if ((await listSections(ctx)).length > 0) {
    throw new Error(
      'This database already has sections, so the demo newsroom was not added: the seed only fills an empty ' +
        'database. Point DATABASE_URL at a new database to try the demo.',
    )
  }
  const startedAt = performance.now()
  const actor = systemActor('demo-seed')
  // Files first: a media folder we cannot write to then fails the seed before the database has an
  // account whose password nobody saw, and before sections exist that would stop a retry.
  const files = await renderFiles(ctx.config.mediaDir)
  const adminPassword = generatePassword()
  // The account comes next: if it already exists, the seed stops before writing anything else.
  await createUser(ctx, {
    email: DEMO_ADMIN_EMAIL,
    displayName: 'Site Admin',
    role: 'admin',
    password: adminPassword,
  })

  const sectionIds = await createSections(ctx)
  await ensureTags(ctx, DEMO_TAGS)
  const imageIds = await recordIllustrations(ctx, files.illustrations)
  // Copies for srcset, so phones load a 360 px picture. WebP and JPEG only: AVIF would add seconds
  // to every first start, and the demo's illustrations are small already.
  await Promise.all([...imageIds.values()].map((id) => addVariants(ctx, id, DEMO_VARIANTS)))
  const authorIds = await createAuthors(ctx, files.avatars)

  const plan = planArticles(ctx.clock.now(), DEMO_SEED)
  const englishIds = new Map<string, { id: number; publishedAt: string | null }>()
  for (const article of plan) {
    const image = article.image === undefined ? undefined : DEMO_IMAGES.find((i) => i.name === article.image)
    const id = await createArticle(ctx, actor, {
      // Written in English whatever the default language is (DEFAULT_LANGUAGE=fa still gets
      // English stories, at /en/, and their Dari translations at the root).
      language: 'en',
      headline: article.headline,
      dek: article.dek,
      bodyHtml: article.bodyHtml,
      dateline: article.dateline,
      sectionId: lookup(sectionIds, article.section),
      authorIds: article.bylines.map((slug) => lookup(authorIds, slug)),
      tagNames: article.tagNames,
      featuredMediaId: image ? lookup(imageIds, image.name) : null,
      featuredCaption: image?.caption ?? '',
      featuredCredit: image ? IMAGE_CREDIT : '',
      status: article.status,
      publishedAt: article.publishedAt,
    })
    if (article.correction)
      await recordCorrection(ctx, actor, id, article.correction.note, article.correction.at)
    englishIds.set(article.headline, { id, publishedAt: article.publishedAt })
  }
  const translated = await createTranslatedStories(ctx, sectionIds, authorIds, englishIds)

  ctx.log.info(
    { articles: plan.length + translated, ms: Math.round(performance.now() - startedAt) },
    'Seeded the demo newsroom',
  )
  return { adminEmail: DEMO_ADMIN_EMAIL, adminPassword, articles: plan.length + translated }
}

const HOUR_MS = 3_600_000

/**
 * The Dari and Pashto stories: a translation is published three hours after its English original
 * (never later than now) and joins its translation group; the others at their own time.
 */
async function createTranslatedStories(
  ctx: AppContext,
  sectionIds: Map<SectionKey, number>,
  authorIds: Map<string, number>,
  englishIds: Map<string, { id: number; publishedAt: string | null }>,
): Promise<number> {
  const actor = systemActor('demo-seed')
  const now = ctx.clock.now().getTime()
  let count = 0
  for (const story of TRANSLATED_STORIES) {
    const original = story.translationOf === undefined ? undefined : englishIds.get(story.translationOf)
    if (story.translationOf !== undefined && !original?.publishedAt)
      throw new Error(`demo content: no published English story "${story.translationOf}"`)
    const at = original?.publishedAt
      ? Math.min(Date.parse(original.publishedAt) + 3 * HOUR_MS, now - 10 * 60_000)
      : now - (story.hoursAgo ?? 24) * HOUR_MS
    const id = await createArticle(ctx, actor, {
      language: story.language,
      headline: story.headline,
      dek: story.dek,
      bodyHtml: story.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
      dateline: story.place,
      sectionId: lookup(sectionIds, story.section),
      authorIds: story.bylines.map((slug) => lookup(authorIds, slug)),
      tagNames: [...story.tagNames],
      status: 'published',
      publishedAt: new Date(Math.floor(at / 60_000) * 60_000).toISOString(),
    })
    if (original) await setTranslationOf(ctx, actor, id, original.id)
    count++
  }
  return count
}

function lookup<K>(ids: Map<K, number>, key: K): number {
  const id = ids.get(key)
  if (id === undefined) throw new Error(`demo content refers to an unknown item: ${String(key)}`)
  return id
}

async function createSections(ctx: AppContext): Promise<Map<SectionKey, number>> {
  const ids = new Map<SectionKey, number>()
  for (const section of DEMO_SECTIONS) {
    const id = await createSection(ctx, {
      slug: section.key,
      name: section.name,
      description: section.description,
      position: section.position,
      parentId: section.parent === undefined ? null : lookup(ids, section.parent),
      translations: DEMO_SECTION_TRANSLATIONS[section.key],
    })
    ids.set(section.key, id)
  }
  return ids
}

/** Renders every picture at once (the slow part); the results are in DEMO_IMAGES and DEMO_PEOPLE order. */
async function renderFiles(
  mediaDir: string,
): Promise<{ illustrations: RenderedFile[]; avatars: RenderedFile[] }> {
  const [illustrations, avatars] = await Promise.all([
    Promise.all(
      DEMO_IMAGES.map((image, i) =>
        writeDemoJpeg(mediaDir, image.name, illustrationSvg(image, DEMO_SEED + i)),
      ),
    ),
    Promise.all(
      DEMO_PEOPLE.map((person) => writeDemoJpeg(mediaDir, `avatar-${person.slug}`, avatarSvg(person))),
    ),
  ])
  return { illustrations, avatars }
}

/** Records the illustrations in a fixed order, so ids come out the same on every run. */
async function recordIllustrations(
  ctx: AppContext,
  files: readonly RenderedFile[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const [i, image] of DEMO_IMAGES.entries()) {
    const file = files[i]
    if (!file) continue
    const id = await recordMedia(ctx, {
      path: file.path,
      mimeType: 'image/jpeg',
      width: file.width,
      height: file.height,
      bytes: file.bytes,
      alt: image.alt,
      caption: image.caption,
      credit: IMAGE_CREDIT,
    })
    ids.set(image.name, id)
  }
  return ids
}

/** The five reporters, each with an initials avatar, and the agency credit. */
async function createAuthors(ctx: AppContext, files: readonly RenderedFile[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const [i, person] of DEMO_PEOPLE.entries()) {
    const file = files[i]
    const avatarMediaId = file
      ? await recordMedia(ctx, {
          path: file.path,
          mimeType: 'image/jpeg',
          width: file.width,
          height: file.height,
          bytes: file.bytes,
          alt: `The initials ${person.initials} in white on a coloured circle`,
          credit: 'Dateline Daily',
        })
      : null
    const id = await createAuthor(ctx, {
      slug: person.slug,
      name: person.name,
      kind: 'person',
      jobTitle: person.jobTitle,
      bio: person.bio,
      avatarMediaId,
    })
    ids.set(person.slug, id)
  }
  const agencyId = await createAuthor(ctx, {
    slug: DEMO_AGENCY.slug,
    name: DEMO_AGENCY.name,
    kind: 'organization',
    bio: DEMO_AGENCY.bio,
  })
  ids.set(DEMO_AGENCY.slug, agencyId)
  return ids
}
