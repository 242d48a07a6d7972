// Translations: a story and its versions in the other languages share a translation group
// (articles.translation_group_id, migration 0010). One story per language per group, kept by a
// unique index; readers are only ever shown the published members. Every surface (editor, article
// page, sitemaps, API) reads groups through this module.
import type { Actor, AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import { ValidationError } from '../errors.ts'
import { asSiteLanguage, LANGUAGES, localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { listSections } from '../sections/sections.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import {
  findTranslationRow,
  listPublishedInGroups,
  listTranslationCandidates,
  listTranslationGroup,
  type TranslationRow,
} from './articles.queries.ts'
import { articleUrl } from './articles.service.ts'

/** A published translation as readers reach it. */
export interface TranslationLink {
  articleId: number
  language: string
  headline: string
  /** Site path with the language's prefix: /fa/society/slug. */
  url: string
}

/** A story an editor may choose as the original of a translation. */
export interface TranslationChoice {
  id: number
  language: string
  headline: string
  status: string
}

/** Candidates per language in the editor's "Translation of" list; enough for a newsroom's week. */
const CANDIDATE_LIMIT = 100

function isReadable(row: TranslationRow, now: Date): boolean {
  return row.status === 'published' && row.published_at !== null && row.published_at <= now.toISOString()
}

async function toLinks(ctx: AppContext, rows: TranslationRow[]): Promise<TranslationLink[]> {
  if (rows.length === 0) return []
  const [settings, sections] = await Promise.all([getSiteSettings(ctx), listSections(ctx)])
  const slugOf = new Map(sections.map((s) => [s.id, s.slug]))
  return rows.flatMap((row) => {
    const sectionSlug = slugOf.get(row.section_id)
    if (sectionSlug === undefined) return []
    return [
      {
        articleId: row.id,
        language: row.language,
        headline: row.headline,
        url: localizedPath(articleUrl(sectionSlug, row.slug), row.language, settings.defaultLanguage),
      },
    ]
  })
}

/** The published translations of a story (itself left out), in the site's language order. */
export async function publishedTranslations(
  ctx: AppContext,
  story: { id: number; translationGroupId: number | null },
): Promise<TranslationLink[]> {
  if (story.translationGroupId === null) return []
  const now = ctx.clock.now()
  const rows = (await listTranslationGroup(ctx.db, story.translationGroupId)).filter(
    (row) => row.id !== story.id && isReadable(row, now),
  )
  const links = await toLinks(ctx, rows)
  const order = Object.keys(LANGUAGES)
  return links.sort((a, b) => order.indexOf(a.language) - order.indexOf(b.language))
}

/** Published members of many groups at once, by group id (sitemaps' hreflang links). */
export async function publishedTranslationGroups(
  ctx: AppContext,
  groupIds: readonly number[],
): Promise<Map<number, TranslationLink[]>> {
  const result = new Map<number, TranslationLink[]>()
  const unique = [...new Set(groupIds)]
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await listPublishedInGroups(ctx.db, ctx.clock.now(), unique.slice(i, i + 500))
    const links = await toLinks(ctx, rows)
    const groupOf = new Map(rows.map((r) => [r.id, r.translation_group_id]))
    for (const link of links) {
      const group = groupOf.get(link.articleId)
      if (group == null) continue
      result.set(group, [...(result.get(group) ?? []), link])
    }
  }
  return result
}

/** Every member of a story's group but itself, whatever its status (the editor; cache purges). */
export async function translationSiblings(ctx: AppContext, articleId: number): Promise<TranslationRow[]> {
  const row = await findTranslationRow(ctx.db, articleId)
  if (!row || row.translation_group_id === null) return []
  return (await listTranslationGroup(ctx.db, row.translation_group_id)).filter((r) => r.id !== articleId)
}

/**
 * The stories the editor offers under "Translation of": the newest of each language (the story
 * itself left out). Those in the story's own language are refused on save (translationProblem),
 * since the language select may change after the page is shown.
 */
export async function translationChoices(
  ctx: AppContext,
  language: string,
  exceptId?: number,
): Promise<TranslationChoice[]> {
  const order = [
    ...SITE_LANGUAGES.filter((l) => l !== language),
    ...SITE_LANGUAGES.filter((l) => l === language),
  ]
  const lists = await Promise.all(
    order.map((code) => listTranslationCandidates(ctx.db, code, CANDIDATE_LIMIT)),
  )
  return lists
    .flat()
    .filter((r) => r.id !== exceptId)
    .map((r) => ({ id: r.id, language: r.language, headline: r.headline, status: r.status }))
}

/**
 * What is wrong with linking a story in `language` to `originalId`, for the editor's field; checked
 * before the story is saved, so a refused link never leaves a half-saved form behind.
 */
export async function translationProblem(
  ctx: AppContext,
  story: { id: number | undefined; language: string },
  originalId: number | null,
): Promise<string | undefined> {
  if (originalId === null) return undefined
  if (originalId === story.id) return 'A story cannot be a translation of itself.'
  const original = await findTranslationRow(ctx.db, originalId)
  if (!original) return 'The story chosen under “Translation of” no longer exists; choose another.'
  if (original.language === story.language)
    return `“${original.headline}” is in ${LANGUAGES[asSiteLanguage(story.language)].englishName} too: a translation must be in another language.`
  const group = original.translation_group_id ?? original.id
  const members =
    original.translation_group_id === null ? [original] : await listTranslationGroup(ctx.db, group)
  const clash = members.find((m) => m.language === story.language && m.id !== story.id)
  if (clash)
    return `“${original.headline}” already has a ${LANGUAGES[asSiteLanguage(story.language)].englishName} translation: “${clash.headline}”. A story has one translation per language.`
  return undefined
}

/**
 * Makes a story a translation of `originalId` (joining its group, which begins with the original
 * when it had none), or, with null, takes it out of its group. Published stories whose "Read this
 * in …" links change are announced, so caches forget their pages.
 */
export async function setTranslationOf(
  ctx: AppContext,
  _actor: Actor,
  articleId: number,
  originalId: number | null,
): Promise<void> {
  const story = await findTranslationRow(ctx.db, articleId)
  if (!story) return
  const problem = await translationProblem(ctx, { id: articleId, language: story.language }, originalId)
  if (problem) throw new ValidationError([problem], { translationOf: problem })
  const before = story.translation_group_id
  let after: number | null = null
  if (originalId !== null) {
    const original = await findTranslationRow(ctx.db, originalId)
    after = original?.translation_group_id ?? original?.id ?? null
  }
  if (before === after) return
  const formerSiblings = await translationSiblings(ctx, articleId)
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (after !== null)
        await trx
          .updateTable('articles')
          .set({ translation_group_id: after })
          .where('id', '=', after)
          .where('translation_group_id', 'is', null)
          .execute()
      await trx
        .updateTable('articles')
        .set({ translation_group_id: after })
        .where('id', '=', articleId)
        .execute()
    })
  } catch (error) {
    // Someone linked another story of this language at the same moment: the index refused ours.
    if (isUniqueViolation(error)) {
      const message = 'That story already has a translation in this language. Reload and choose again.'
      throw new ValidationError([message], { translationOf: message })
    }
    throw error
  }
  const now = ctx.clock.now()
  const newSiblings = await translationSiblings(ctx, articleId)
  const touched = new Map<number, TranslationRow>()
  for (const row of [story, ...formerSiblings, ...newSiblings]) touched.set(row.id, row)
  const at = now.toISOString()
  for (const row of touched.values()) {
    if (isReadable(row, now)) await ctx.events.emit({ type: 'article.updated', articleId: row.id, at })
  }
}

/** The id the editor's "Translation of" field shows for a stored story: its group's other first member. */
export async function translationOfField(ctx: AppContext, articleId: number): Promise<string> {
  const siblings = await translationSiblings(ctx, articleId)
  const story = await findTranslationRow(ctx.db, articleId)
  const first = siblings.find((s) => s.id === story?.translation_group_id) ?? siblings[0]
  return first ? String(first.id) : ''
}
