// The newsroom's story operations: the admin list, loading a story to edit, and saving it (new or
// existing, by hand or by autosave). Workflow steps live in workflow.service.ts, revisions in
// revisions.service.ts. Every save sanitizes the body, checks the capability table with ownership,
// refuses a stale form, runs in one transaction, is audited, and announces itself after the commit.
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan, type OwnedResource } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { ArticleRow, ArticleStatus } from '../db/tables.ts'
import { ConflictError, NotFoundError, StoryConflictError, ValidationError } from '../errors.ts'
import { autoExcerpt } from '../lib/excerpt.ts'
import { countWords, htmlToText } from '../lib/html-text.ts'
import { PAGE_SIZE, type Page, pageCount } from '../lib/pagination.ts'
import { sanitizeBody } from '../lib/sanitize-body.ts'
import { slugify } from '../lib/slugify.ts'
import { usableMediaProblem } from '../media/media.service.ts'
import { indexStory, searchStories } from '../search/search.service.ts'
import { listSections } from '../sections/sections.service.ts'
import { ensureTags } from '../tags/tags.service.ts'
import { isSlugTaken } from './articles.queries.ts'
import {
  bylineAuthorIds,
  countStories,
  findStoryById,
  insertRevision,
  listStories,
  replaceBylines,
  replaceTags,
  type StoryListFilter,
  type StoryListRow,
  storyOwners,
  tagNamesOf,
  updateStoryAtRevision,
} from './editorial.queries.ts'
import type { StoryInput } from './story-input.ts'

/** What the capability table needs to judge an action on this story. */
export async function storyResource(
  ctx: AppContext,
  row: Pick<ArticleRow, 'id' | 'status'>,
): Promise<OwnedResource> {
  const owners = (await storyOwners(ctx.db, [row.id])).get(row.id) ?? []
  return { ownerUserIds: owners, status: row.status }
}

export async function loadStory(ctx: AppContext, id: number): Promise<ArticleRow> {
  const row = await findStoryById(ctx.db, id)
  if (!row) throw new NotFoundError('There is no story with this number.')
  return row
}

export interface StoryListItem extends StoryListRow {
  ownerUserIds: number[]
}

/** How many best matches of a story search the admin's list pages through. */
const ADMIN_SEARCH_MATCHES = 500

export async function listStoriesForAdmin(
  ctx: AppContext,
  filter: StoryListFilter,
  page: number,
): Promise<Page<StoryListItem>> {
  // The search box uses the full-text index (drafts included), the same one readers search; the
  // other filters then narrow its best matches.
  const text = filter.query?.trim() ?? ''
  const listFilter: StoryListFilter = { ...filter, query: undefined }
  if (text !== '') {
    const found = await searchStories(ctx, text, {
      includeUnpublished: true,
      pageSize: ADMIN_SEARCH_MATCHES,
      ...(filter.sectionId === undefined ? {} : { sectionIds: [filter.sectionId] }),
      ...(filter.authorId === undefined ? {} : { authorId: filter.authorId }),
    })
    listFilter.ids = found.items.map((item) => item.id)
  }
  const [rows, total] = await Promise.all([
    listStories(ctx.db, listFilter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    countStories(ctx.db, listFilter),
  ])
  const owners = await storyOwners(
    ctx.db,
    rows.map((r) => r.id),
  )
  return {
    items: rows.map((r) => ({ ...r, ownerUserIds: owners.get(r.id) ?? [] })),
    page,
    total,
    pageCount: pageCount(total, PAGE_SIZE),
  }
}

/** The stored story as the editor's form shows it. */
export interface StoredStory {
  row: ArticleRow
  authorIds: number[]
  tagNames: string[]
}

export async function loadStoryForEdit(ctx: AppContext, actor: Actor, id: number): Promise<StoredStory> {
  const row = await loadStory(ctx, id)
  assertCan(actor, 'story.edit', await storyResource(ctx, row))
  const [authorIds, tagNames] = await Promise.all([bylineAuthorIds(ctx.db, id), tagNamesOf(ctx.db, id)])
  return { row, authorIds, tagNames }
}

function derivedFields(bodyHtml: string, dateline: string) {
  return { auto_excerpt: autoExcerpt(bodyHtml, dateline), word_count: countWords(htmlToText(bodyHtml)) }
}

/** Checks what only the database can tell: that the section, authors and image exist. */
async function lookupProblems(
  ctx: AppContext,
  input: StoryInput,
  storedMediaId?: number | null,
): Promise<string[]> {
  const problems: string[] = []
  const sections = await listSections(ctx)
  if (input.sectionId === null) problems.push('Choose a section.')
  if (input.sectionId !== null && !sections.some((s) => s.id === input.sectionId))
    problems.push('The chosen section no longer exists; choose another.')
  if (input.authorIds.length > 0) {
    const found = await ctx.db.selectFrom('authors').select('id').where('id', 'in', input.authorIds).execute()
    if (found.length !== new Set(input.authorIds).size)
      problems.push('One of the chosen bylines no longer exists.')
  }
  // Checked when chosen, not at every later save of a story whose image was accepted then.
  if (input.featuredMediaId !== null && input.featuredMediaId !== storedMediaId) {
    // The media library's own rule: it must exist and have alt text.
    const problem = await usableMediaProblem(ctx, input.featuredMediaId)
    if (problem !== undefined) problems.push(problem)
  }
  return problems
}

/**
 * The slug to store. One typed by the person must be free (they chose it; we do not change it
 * behind their back). One made from the headline gets "-2", "-3"… if needed, so that an autosave
 * never fails over a slug nobody chose.
 */
async function chooseSlug(ctx: AppContext, input: StoryInput, exceptId?: number): Promise<string> {
  const isTyped = input.slug !== ''
  const base = slugify(isTyped ? input.slug : input.headline)
  if (base === '') throw new ValidationError(['The slug must contain at least one letter or digit.'])
  if (!(await isSlugTaken(ctx.db, input.language, base, exceptId))) return base
  if (isTyped) {
    throw new ConflictError(
      'SLUG_TAKEN',
      `The address "${base}" is already used by another story in this language. Choose another slug.`,
    )
  }
  for (let n = 2; n < 100; n += 1) {
    const candidate = `${base}-${n}`
    if (!(await isSlugTaken(ctx.db, input.language, candidate, exceptId))) return candidate
  }
  throw new ConflictError('SLUG_TAKEN', `The address "${base}" is taken; type a slug of your own.`)
}

export interface SaveResult {
  id: number
  revision: number
  slug: string
  status: ArticleStatus
  savedAt: string
}

export interface SaveOptions {
  /** Autosave only ever touches drafts and stories in review: published words change by hand. */
  isAutosave?: boolean
}

function slugTakenOnRace(error: unknown, slug: string): unknown {
  return isUniqueViolation(error)
    ? new ConflictError(
        'SLUG_TAKEN',
        `The address "${slug}" was just taken by another story. Choose another slug.`,
      )
    : error
}

/** Creates a draft owned by the actor. */
export async function createStory(
  ctx: AppContext,
  actor: Actor,
  input: StoryInput,
  options: SaveOptions = {},
): Promise<SaveResult> {
  assertCan(actor, 'story.create')
  const problems = await lookupProblems(ctx, input)
  if (problems.length > 0) throw new ValidationError(problems)
  const slug = await chooseSlug(ctx, input)
  const bodyHtml = sanitizeBody(input.bodyHtml)
  const now = ctx.clock.now().toISOString()
  let id: number
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('articles')
        .values({
          language: input.language,
          slug,
          headline: input.headline,
          dek: input.dek,
          body_html: bodyHtml,
          excerpt: input.excerpt || null,
          dateline: input.dateline,
          section_id: input.sectionId ?? 0,
          featured_media_id: input.featuredMediaId,
          featured_caption: input.featuredCaption,
          featured_credit: input.featuredCredit,
          status: 'draft',
          published_at: null,
          updated_at: now,
          created_at: now,
          correction_note: '',
          created_by: actor.kind === 'user' ? actor.userId : null,
          ...derivedFields(bodyHtml, input.dateline),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await replaceBylines(trx, row.id, input.authorIds)
      await replaceTags(trx, row.id, await ensureTags({ ...ctx, db: trx }, input.tagNames))
      return row.id
    })
  } catch (error) {
    throw slugTakenOnRace(error, slug)
  }
  await recordAudit(
    ctx,
    actor,
    'story.created',
    { type: 'story', id },
    { headline: input.headline, autosave: Boolean(options.isAutosave) },
  )
  await keepSearchable(ctx, id)
  return { id, revision: 1, slug, status: 'draft', savedAt: now }
}

/**
 * Saves an existing story if it is still at `expectedRevision`; otherwise throws
 * StoryConflictError and changes nothing. A save of a published story keeps a revision and
 * announces article.updated (with the correction note readers see beside "Updated").
 */
export async function saveStory(
  ctx: AppContext,
  actor: Actor,
  id: number,
  expectedRevision: number,
  input: StoryInput,
  options: SaveOptions = {},
): Promise<SaveResult> {
  const current = await loadStory(ctx, id)
  assertCan(actor, 'story.edit', await storyResource(ctx, current))
  if (options.isAutosave && current.status !== 'draft' && current.status !== 'review') {
    throw new ConflictError(
      'STORY_STATE',
      'Autosave is only for drafts; save this story with the Save button.',
    )
  }
  if (current.revision !== expectedRevision) throw new StoryConflictError(current.revision)
  const problems = await lookupProblems(ctx, input, current.featured_media_id)
  if (current.status === 'published' && input.authorIds.length === 0)
    problems.push('A published story needs a byline: choose at least one author or agency.')
  if (problems.length > 0) throw new ValidationError(problems)
  const slug = await chooseSlug(ctx, input, id)
  const bodyHtml = sanitizeBody(input.bodyHtml)
  const now = ctx.clock.now().toISOString()
  const isPublished = current.status === 'published'
  const userId = actor.kind === 'user' ? actor.userId : null
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const isSaved = await updateStoryAtRevision(
        trx,
        id,
        { revision: expectedRevision },
        {
          language: input.language,
          slug,
          headline: input.headline,
          dek: input.dek,
          body_html: bodyHtml,
          excerpt: input.excerpt || null,
          dateline: input.dateline,
          section_id: input.sectionId ?? current.section_id,
          featured_media_id: input.featuredMediaId,
          featured_caption: input.featuredCaption,
          featured_credit: input.featuredCredit,
          updated_at: now,
          // The note belongs to published stories: readers see it beside "Updated <time>".
          ...(isPublished ? { correction_note: input.correctionNote } : {}),
          ...derivedFields(bodyHtml, input.dateline),
        },
      )
      // Someone saved between our read and our write: their work stays, ours is shown back.
      if (!isSaved)
        throw new StoryConflictError((await findStoryById(trx, id))?.revision ?? expectedRevision + 1)
      await replaceBylines(trx, id, input.authorIds)
      await replaceTags(trx, id, await ensureTags({ ...ctx, db: trx }, input.tagNames))
      if (isPublished) {
        const saved = await findStoryById(trx, id)
        if (saved) await insertRevision(trx, saved, { reason: 'saved', userId, at: now })
      }
    })
  } catch (error) {
    throw slugTakenOnRace(error, slug)
  }
  if (!options.isAutosave) {
    await recordAudit(
      ctx,
      actor,
      'story.saved',
      { type: 'story', id },
      { revision: expectedRevision + 1, status: current.status },
    )
  }
  if (isPublished) await ctx.events.emit({ type: 'article.updated', articleId: id, at: now })
  else await keepSearchable(ctx, id)
  return { id, revision: expectedRevision + 1, slug, status: current.status, savedAt: now }
}

/**
 * Drafts emit no content event (readers see nothing new), but the newsroom's own story search
 * runs on the same full-text index, so every save indexes the story. A failure here is logged,
 * never thrown: the save itself has been committed.
 */
export async function keepSearchable(ctx: AppContext, id: number): Promise<void> {
  try {
    await indexStory(ctx, id)
  } catch (error) {
    ctx.log.error({ err: error, articleId: id }, 'could not index the story for search')
  }
}
