import { recordAudit } from '../audit/audit.service.ts'
import { assertCan } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { SectionRow } from '../db/tables.ts'
import { AppError, ConflictError, ValidationError } from '../errors.ts'
import { isSiteLanguage, LANGUAGES, localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { isPlausibleSlug, slugify } from '../lib/slugify.ts'
import { addRedirect } from '../redirects/redirects.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import type { StoredSections } from './sections-cache.ts'

export interface SectionView {
  id: number
  slug: string
  name: string
  description: string
  parentId: number | null
  url: string
}

/**
 * Slugs a section may not take: they are the site's own top-level paths, and every language code
 * (a non-default language lives under /{code}/, so a section there would be unreachable).
 */
export const RESERVED_SECTION_SLUGS = new Set([
  ...SITE_LANGUAGES,
  'admin',
  'api',
  'assets',
  'author',
  'authors',
  'feed',
  'feeds',
  'latest',
  'lite',
  'media',
  'mirrors',
  'offline',
  'page',
  'search',
  'section',
  'sitemap',
  'sitemaps',
  'tag',
  'tags',
  'robots',
  'static',
  'preview',
])

export function sectionUrl(slug: string): string {
  return `/${encodeURIComponent(slug)}/`
}

function toView(row: SectionRow): SectionView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parent_id,
    url: sectionUrl(row.slug),
  }
}

/** A section's name and description in the languages other than its own row's (admin → Sections). */
export type SectionTranslations = Partial<Record<string, { name: string; description: string }>>

async function loadSections(ctx: AppContext): Promise<StoredSections> {
  const [rows, translationRows] = await Promise.all([
    ctx.db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute(),
    ctx.db
      .selectFrom('section_translations')
      .select(['section_id', 'language', 'name', 'description'])
      .execute(),
  ])
  const translations = new Map<string, Map<number, { name: string; description: string }>>()
  for (const row of translationRows) {
    const own = translations.get(row.language) ?? new Map<number, { name: string; description: string }>()
    own.set(row.section_id, { name: row.name, description: row.description })
    translations.set(row.language, own)
  }
  return { rows, translations }
}

/** Every section and its translations, from the per-app memory when there is one. */
function storedSections(ctx: AppContext): Promise<StoredSections> {
  return ctx.sectionsCache ? ctx.sectionsCache.get(() => loadSections(ctx)) : loadSections(ctx)
}

/** After any write to sections or their translations, once it is committed. */
function forgetSections(ctx: AppContext): void {
  ctx.sectionsCache?.clear()
}

/**
 * Section views as readers of a language see them: the language's name and description where the
 * newsroom gave one, else the default name; the address under the language's prefix (/fa/society/).
 */
async function inLanguage(
  ctx: AppContext,
  stored: StoredSections,
  views: SectionView[],
  language: string,
): Promise<SectionView[]> {
  const settings = await getSiteSettings(ctx)
  const own = stored.translations.get(language)
  return views.map((view) => {
    const translation = own?.get(view.id)
    return {
      ...view,
      name: translation?.name || view.name,
      description: translation ? translation.description : view.description,
      url: localizedPath(view.url, language, settings.defaultLanguage),
    }
  })
}

/**
 * All sections in display order: parents first by position, each followed by its children. With a
 * language, as its readers see them (names and addresses); without, as stored (the admin).
 *
 * Every public page asks for this (the navigation, each summary's section), so the ordered list is
 * kept per stored read, language and default language: an uncached story page made it 50 objects
 * and a 50 × 50 walk anew each time, and what a page allocates decides how often every reader
 * waits for the young-generation GC (docs/performance.md). A write to sections makes a new read.
 * The list is shared: callers must not change it (the readonly type says so).
 */
export async function listSections(ctx: AppContext, language?: string): Promise<readonly SectionView[]> {
  const stored = await storedSections(ctx)
  const { defaultLanguage } = await getSiteSettings(ctx)
  const key = `${language ?? ''}|${defaultLanguage}`
  let lists = orderedLists.get(stored)
  if (!lists) {
    lists = new Map<string, readonly SectionView[]>()
    orderedLists.set(stored, lists)
  }
  const remembered = lists.get(key)
  if (remembered) return remembered
  const asStored = stored.rows.map(toView)
  const views = language === undefined ? asStored : await inLanguage(ctx, stored, asStored, language)
  const childrenOf = new Map<number | null, SectionView[]>()
  for (const view of views) {
    const siblings = childrenOf.get(view.parentId) ?? []
    siblings.push(view)
    childrenOf.set(view.parentId, siblings)
  }
  const ordered: SectionView[] = []
  const visit = (section: SectionView, depth: number): void => {
    ordered.push(section)
    if (depth > 8) return
    for (const child of childrenOf.get(section.id) ?? []) visit(child, depth + 1)
  }
  for (const root of childrenOf.get(null) ?? []) visit(root, 0)
  lists.set(key, ordered)
  return ordered
}

const orderedLists = new WeakMap<StoredSections, Map<string, readonly SectionView[]>>()

export async function findSectionBySlug(
  ctx: AppContext,
  slug: string,
  language?: string,
): Promise<SectionView | undefined> {
  const stored = await storedSections(ctx)
  const row = stored.rows.find((r) => r.slug === slug)
  if (!row) return undefined
  return language === undefined ? toView(row) : (await inLanguage(ctx, stored, [toView(row)], language))[0]
}

/** The names and descriptions a section has in other languages, keyed by language code. */
export async function getSectionTranslations(ctx: AppContext, id: number): Promise<SectionTranslations> {
  const rows = await ctx.db
    .selectFrom('section_translations')
    .select(['language', 'name', 'description'])
    .where('section_id', '=', id)
    .execute()
  return Object.fromEntries(rows.map((r) => [r.language, { name: r.name, description: r.description }]))
}

/** The section and its descendants' ids: a parent section's page lists its children's stories too. */
export async function sectionWithDescendantIds(ctx: AppContext, sectionId: number): Promise<number[]> {
  const { rows } = await storedSections(ctx)
  return withDescendantIds(
    rows.map((r) => ({ id: r.id, parentId: r.parent_id })),
    sectionId,
  )
}

/** A section's id and its descendants' ids, from a list of sections already read (one page's chrome). */
export function withDescendantIds(
  sections: readonly { id: number; parentId: number | null }[],
  sectionId: number,
): number[] {
  const ids = [sectionId]
  for (let i = 0; i < ids.length; i++) {
    for (const section of sections)
      if (section.parentId === ids[i] && !ids.includes(section.id)) ids.push(section.id)
  }
  return ids
}

export interface NewSection {
  slug: string
  name: string
  description?: string
  parentId?: number | null
  position?: number
  /** Names and descriptions in other languages (the demo seed, importers). */
  translations?: SectionTranslations
}

export async function createSection(ctx: AppContext, input: NewSection): Promise<number> {
  const row = await ctx.db
    .insertInto('sections')
    .values({
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      parent_id: input.parentId ?? null,
      position: input.position ?? 0,
      created_at: ctx.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.translations) await saveTranslations(ctx, row.id, input.translations)
  forgetSections(ctx)
  return row.id
}

// ——— Managing sections (the admin; every surface uses these operations) ———

/** Deeper trees are refused: readers cannot find their way through them, and nav shows two levels. */
export const MAX_SECTION_DEPTH = 3
export const MAX_SECTION_NAME_LENGTH = 80

export interface SectionTreeItem extends SectionView {
  depth: number
  position: number
  /** Stories of every status filed directly in this section. */
  storyCount: number
  childCount: number
  isFirstSibling: boolean
  isLastSibling: boolean
}

/** Every section in display order (each parent followed by its children), with counts. */
export async function listSectionTree(ctx: AppContext): Promise<SectionTreeItem[]> {
  const [sections, rows, counts] = await Promise.all([
    listSections(ctx),
    ctx.db.selectFrom('sections').select(['id', 'position']).execute(),
    ctx.db
      .selectFrom('articles')
      .select(['section_id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('section_id')
      .execute(),
  ])
  const positionOf = new Map(rows.map((r) => [r.id, r.position]))
  const storiesOf = new Map(counts.map((c) => [c.section_id, Number(c.count)]))
  const depthOf = new Map<number, number>()
  for (const s of sections) depthOf.set(s.id, s.parentId === null ? 0 : (depthOf.get(s.parentId) ?? 0) + 1)
  return sections.map((s) => {
    const siblings = sections.filter((o) => o.parentId === s.parentId)
    return {
      ...s,
      depth: depthOf.get(s.id) ?? 0,
      position: positionOf.get(s.id) ?? 0,
      storyCount: storiesOf.get(s.id) ?? 0,
      childCount: sections.filter((o) => o.parentId === s.id).length,
      isFirstSibling: siblings[0]?.id === s.id,
      isLastSibling: siblings.at(-1)?.id === s.id,
    }
  })
}

export async function getSection(ctx: AppContext, id: number): Promise<SectionView> {
  const row = await ctx.db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('SECTION_NOT_FOUND', 'That section no longer exists.', 404)
  return toView(row)
}

/**
 * Problems with a section slug, for the field. Reserved words are the site's own top-level paths;
 * four digits would shadow a year's archive (/2026/).
 */
export function sectionSlugProblem(slug: string): string | undefined {
  if (slug === '') return 'The slug needs at least one letter or digit'
  if (slugify(slug) !== slug || !isPlausibleSlug(slug))
    return `"${slug}" cannot be a slug: use lowercase letters, digits and single hyphens (for example "${slugify(slug) || 'world-news'}")`
  if (RESERVED_SECTION_SLUGS.has(slug))
    return `"${slug}" is reserved for the site’s own pages: choose another slug`
  if (/^\d{4}$/.test(slug)) return 'A slug of four digits would hide that year’s archive: choose another slug'
  return undefined
}

export interface SectionInput {
  name: string
  /** Empty: made from the name. */
  slug: string
  description: string
  /** null: a top-level section. */
  parentId: number | null
  /**
   * Names and descriptions in other languages (form fields name_fa, description_fa…). A language
   * left out is not touched; one with an empty name is removed (readers see the default name).
   */
  translations?: SectionTranslations
}

/** What the edit form was opened at: a save over a newer change is refused, not applied blindly. */
export interface SectionExpected {
  name: string
  slug: string
  parentId: number | null
}

function checkSectionInput(input: SectionInput): {
  fields: Record<string, string>
  slug: string
  name: string
} {
  const fields: Record<string, string> = {}
  const name = input.name.trim()
  if (name === '') fields.name = 'The section needs a name'
  else if (name.length > MAX_SECTION_NAME_LENGTH)
    fields.name = `The name must be at most ${MAX_SECTION_NAME_LENGTH} characters`
  const slug = input.slug.trim() === '' ? slugify(name) : input.slug.trim()
  const slugProblem = name === '' && input.slug.trim() === '' ? undefined : sectionSlugProblem(slug)
  if (slugProblem) fields.slug = slugProblem
  if (input.description.length > 500) fields.description = 'The description must be at most 500 characters'
  for (const [language, translation] of Object.entries(input.translations ?? {})) {
    if (!translation) continue
    const label = isSiteLanguage(language) ? LANGUAGES[language].englishName : language
    if (!isSiteLanguage(language))
      fields[`name_${language}`] = `"${language}" is not one of the site's languages`
    else if (translation.name.trim().length > MAX_SECTION_NAME_LENGTH)
      fields[`name_${language}`] = `The ${label} name must be at most ${MAX_SECTION_NAME_LENGTH} characters`
    if (translation.description.length > 500)
      fields[`description_${language}`] = `The ${label} description must be at most 500 characters`
    if (translation.name.trim() === '' && translation.description.trim() !== '')
      fields[`name_${language}`] = `A ${label} description needs a ${label} name too`
  }
  return { fields, slug, name }
}

/** Writes the translations the input names (inside the caller's transaction). */
async function saveTranslations(
  ctx: AppContext,
  sectionId: number,
  translations: SectionTranslations,
): Promise<boolean> {
  let isChanged = false
  const current = await getSectionTranslations(ctx, sectionId)
  for (const [language, translation] of Object.entries(translations)) {
    if (!translation) continue
    const name = translation.name.trim()
    const description = translation.description.trim()
    const before = current[language]
    if (before?.name === name && before.description === description) continue
    if (before === undefined && name === '') continue
    isChanged = true
    await ctx.db
      .deleteFrom('section_translations')
      .where('section_id', '=', sectionId)
      .where('language', '=', language)
      .execute()
    if (name !== '')
      await ctx.db
        .insertInto('section_translations')
        .values({ section_id: sectionId, language, name, description })
        .execute()
  }
  return isChanged
}

/** Parent chain of `parentId` (itself first), read in one query. */
async function ancestry(ctx: AppContext, parentId: number): Promise<number[]> {
  const rows = await ctx.db.selectFrom('sections').select(['id', 'parent_id']).execute()
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]))
  const chain: number[] = []
  for (
    let id: number | null | undefined = parentId;
    id != null && !chain.includes(id);
    id = parentOf.get(id)
  ) {
    chain.push(id)
  }
  return chain
}

async function subtreeHeight(ctx: AppContext, sectionId: number): Promise<number> {
  const rows = await ctx.db.selectFrom('sections').select(['id', 'parent_id']).execute()
  const height = (id: number, seen: Set<number>): number => {
    let max = 0
    for (const r of rows) {
      if (r.parent_id === id && !seen.has(r.id))
        max = Math.max(max, 1 + height(r.id, new Set([...seen, r.id])))
    }
    return max
  }
  return height(sectionId, new Set([sectionId]))
}

async function parentProblem(
  ctx: AppContext,
  sectionId: number | undefined,
  parentId: number | null,
): Promise<string | undefined> {
  if (parentId === null) return undefined
  const chain = await ancestry(ctx, parentId)
  if (
    chain.length === 0 ||
    !(await ctx.db.selectFrom('sections').select('id').where('id', '=', parentId).executeTakeFirst())
  )
    return 'The chosen parent section no longer exists'
  if (sectionId !== undefined && chain.includes(sectionId))
    return 'A section cannot be placed inside itself or one of its own subsections'
  const ownHeight = sectionId === undefined ? 0 : await subtreeHeight(ctx, sectionId)
  if (chain.length + ownHeight + 1 > MAX_SECTION_DEPTH)
    return `Sections can be nested at most ${MAX_SECTION_DEPTH} levels deep`
  return undefined
}

async function nextPosition(ctx: AppContext, parentId: number | null): Promise<number> {
  let query = ctx.db.selectFrom('sections').select((eb) => eb.fn.max('position').as('max'))
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId)
  const row = await query.executeTakeFirst()
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1
}

function slugTaken(slug: string): ValidationError {
  const message = `Another section already uses the slug "${slug}"`
  return new ValidationError([message], { slug: message })
}

async function siteChanged(ctx: AppContext, what: string): Promise<void> {
  forgetSections(ctx)
  // The section navigation is on every page: every cached page may be wrong now.
  await ctx.events.emitSiteChange({ type: 'site.changed', what, at: ctx.clock.now().toISOString() })
}

export async function addSection(ctx: AppContext, actor: Actor, input: SectionInput): Promise<SectionView> {
  assertCan(actor, 'sections.manage')
  const { fields, slug, name } = checkSectionInput(input)
  const parent = await parentProblem(ctx, undefined, input.parentId)
  if (parent) fields.parentId = parent
  if (Object.keys(fields).length > 0) throw new ValidationError(Object.values(fields), fields)
  let id: number
  const position = await nextPosition(ctx, input.parentId)
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const tx: AppContext = { ...ctx, db: trx }
      const created = await createSection(tx, {
        slug,
        name,
        description: input.description.trim(),
        parentId: input.parentId,
        position,
      })
      await saveTranslations(tx, created, input.translations ?? {})
      return created
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug)
    throw error
  }
  await recordAudit(
    ctx,
    actor,
    'section.created',
    { type: 'section', id },
    { name, slug, parentId: input.parentId },
  )
  await siteChanged(ctx, 'sections')
  return getSection(ctx, id)
}

/**
 * Renames, re-slugs, re-describes or moves a section under another parent. A new slug leaves a
 * redirect behind: the old section page and its further pages answer 301 to the new ones (story
 * pages under the old slug already redirect to their canonical address).
 */
export async function updateSection(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: SectionInput,
  expected: SectionExpected,
): Promise<SectionView> {
  assertCan(actor, 'sections.manage')
  const current = await getSection(ctx, id)
  if (
    current.name !== expected.name ||
    current.slug !== expected.slug ||
    current.parentId !== expected.parentId
  ) {
    throw new ConflictError(
      'STALE_FORM',
      'Someone else changed this section while you had the form open. Your changes are still in the form: check them against the section as it is now and save again.',
    )
  }
  const { fields, slug, name } = checkSectionInput(input)
  const parent =
    input.parentId === current.parentId ? undefined : await parentProblem(ctx, id, input.parentId)
  if (input.parentId === id)
    fields.parentId = 'A section cannot be placed inside itself or one of its own subsections'
  else if (parent) fields.parentId = parent
  if (Object.keys(fields).length > 0) throw new ValidationError(Object.values(fields), fields)
  const isMoved = input.parentId !== current.parentId
  const position = isMoved ? await nextPosition(ctx, input.parentId) : undefined
  let isTranslationChanged = false
  try {
    await ctx.db.transaction().execute(async (trx) => {
      isTranslationChanged = await saveTranslations({ ...ctx, db: trx }, id, input.translations ?? {})
      await trx
        .updateTable('sections')
        .set({
          name,
          slug,
          description: input.description.trim(),
          parent_id: input.parentId,
          ...(position === undefined ? {} : { position }),
        })
        .where('id', '=', id)
        .execute()
      if (slug !== current.slug)
        await addRedirect({ ...ctx, db: trx }, sectionUrl(current.slug), sectionUrl(slug))
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug)
    throw error
  }
  const changes: Record<string, string | number | null> = {}
  if (name !== current.name) Object.assign(changes, { fromName: current.name, name })
  if (slug !== current.slug) Object.assign(changes, { fromSlug: current.slug, slug })
  if (isMoved) Object.assign(changes, { fromParentId: current.parentId, parentId: input.parentId })
  if (input.description.trim() !== current.description) changes.description = 'changed'
  if (isTranslationChanged) changes.translations = 'changed'
  if (Object.keys(changes).length > 0) {
    await recordAudit(ctx, actor, 'section.updated', { type: 'section', id }, changes)
    await siteChanged(ctx, 'sections')
  }
  return getSection(ctx, id)
}

/** Moves a section one place up or down among its siblings (the order of the site's navigation). */
export async function moveSection(
  ctx: AppContext,
  actor: Actor,
  id: number,
  direction: 'up' | 'down',
): Promise<void> {
  assertCan(actor, 'sections.manage')
  const section = await getSection(ctx, id)
  const isMoved = await ctx.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('sections').select(['id', 'position']).orderBy('position').orderBy('id')
    query =
      section.parentId === null
        ? query.where('parent_id', 'is', null)
        : query.where('parent_id', '=', section.parentId)
    const siblings = (await query.execute()).map((r) => r.id)
    const from = siblings.indexOf(id)
    const to = direction === 'up' ? from - 1 : from + 1
    if (from === -1 || to < 0 || to >= siblings.length) return false
    siblings.splice(from, 1)
    siblings.splice(to, 0, id)
    // Positions are rewritten 0…n-1: older rows may share a position, which made the order arbitrary.
    for (const [position, siblingId] of siblings.entries()) {
      await trx.updateTable('sections').set({ position }).where('id', '=', siblingId).execute()
    }
    return true
  })
  if (!isMoved) return
  await recordAudit(ctx, actor, 'section.moved', { type: 'section', id }, { direction, name: section.name })
  await siteChanged(ctx, 'sections')
}

/** Deletes an empty section. One that stories or subsections use is refused with the reason. */
export async function deleteSection(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'sections.manage')
  const section = await getSection(ctx, id)
  const [stories, children] = await Promise.all([
    ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('section_id', '=', id)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('sections')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('parent_id', '=', id)
      .executeTakeFirst(),
  ])
  const storyCount = Number(stories?.count ?? 0)
  const childCount = Number(children?.count ?? 0)
  if (storyCount > 0) {
    throw new ConflictError(
      'SECTION_IN_USE',
      `“${section.name}” still has ${storyCount} ${storyCount === 1 ? 'story' : 'stories'} (of any status). Move them to another section first, then delete it.`,
    )
  }
  if (childCount > 0) {
    throw new ConflictError(
      'SECTION_IN_USE',
      `“${section.name}” still has ${childCount} subsection${childCount === 1 ? '' : 's'}. Move or delete them first.`,
    )
  }
  try {
    await ctx.db.deleteFrom('sections').where('id', '=', id).execute()
  } catch (error) {
    // A story filed in it between the check and the delete: the foreign key refuses.
    ctx.log.warn({ err: error, sectionId: id }, 'section delete refused by the database')
    throw new ConflictError('SECTION_IN_USE', `“${section.name}” is in use. Move its stories first.`)
  }
  await recordAudit(
    ctx,
    actor,
    'section.deleted',
    { type: 'section', id },
    { name: section.name, slug: section.slug },
  )
  await siteChanged(ctx, 'sections')
}
