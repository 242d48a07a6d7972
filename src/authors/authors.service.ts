import { recordAudit } from '../audit/audit.service.ts'
import { assertCan, can } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { AuthorKind, AuthorRow } from '../db/tables.ts'
import { AppError, ConflictError, ForbiddenError, ValidationError } from '../errors.ts'
import { isPlausibleSlug, slugify } from '../lib/slugify.ts'
import { getMediaByIds, type MediaView } from '../media/media.service.ts'
import { addRedirect } from '../redirects/redirects.service.ts'

export interface AuthorView {
  id: number
  slug: string
  name: string
  kind: AuthorKind
  jobTitle: string
  bio: string
  avatar: MediaView | undefined
  url: string
}

export function authorUrl(slug: string): string {
  return `/author/${encodeURIComponent(slug)}/`
}

/**
 * Every field a public surface (pages, feeds, the content API) may show of a byline. user_id and
 * is_pseudonym are deliberately absent: the account behind a byline, above all a pseudonymous
 * one, must never be revealed. A test holds AuthorView to exactly this list.
 */
export const PUBLIC_AUTHOR_FIELDS = [
  'id',
  'slug',
  'name',
  'kind',
  'jobTitle',
  'bio',
  'avatar',
  'url',
] as const

// Only public fields leave this module: user_id (the account behind a byline) never does, so a
// pseudonymous byline cannot reveal who wrote it.
function toView(row: AuthorRow, avatars: Map<number, MediaView>): AuthorView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    jobTitle: row.job_title,
    bio: row.bio,
    avatar: row.avatar_media_id === null ? undefined : avatars.get(row.avatar_media_id),
    url: authorUrl(row.slug),
  }
}

export async function findAuthorBySlug(ctx: AppContext, slug: string): Promise<AuthorView | undefined> {
  const row = await ctx.db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst()
  if (!row) return undefined
  const avatars = await getMediaByIds(ctx, row.avatar_media_id === null ? [] : [row.avatar_media_id])
  return toView(row, avatars)
}

/** The byline of each article, in byline order. */
export async function authorsForArticles(
  ctx: AppContext,
  articleIds: readonly number[],
): Promise<Map<number, AuthorView[]>> {
  const result = new Map<number, AuthorView[]>()
  if (articleIds.length === 0) return result
  const rows = await ctx.db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .selectAll('authors')
    .select(['article_authors.article_id as article_id'])
    .where('article_authors.article_id', 'in', [...new Set(articleIds)])
    .orderBy('article_authors.position')
    .execute()
  const avatarIds = rows.flatMap((r) => (r.avatar_media_id === null ? [] : [r.avatar_media_id]))
  const avatars = await getMediaByIds(ctx, avatarIds)
  for (const row of rows) {
    const list = result.get(row.article_id) ?? []
    list.push(toView(row, avatars))
    result.set(row.article_id, list)
  }
  return result
}

export interface NewAuthor {
  slug: string
  name: string
  kind?: AuthorKind
  jobTitle?: string
  bio?: string
  avatarMediaId?: number | null
  isPseudonym?: boolean
  userId?: number | null
}

export async function createAuthor(ctx: AppContext, input: NewAuthor): Promise<number> {
  const row = await ctx.db
    .insertInto('authors')
    .values({
      slug: input.slug,
      name: input.name,
      kind: input.kind ?? 'person',
      job_title: input.jobTitle ?? '',
      bio: input.bio ?? '',
      avatar_media_id: input.avatarMediaId ?? null,
      is_pseudonym: input.isPseudonym ? 1 : 0,
      user_id: input.userId ?? null,
      created_at: ctx.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

// ——— Managing bylines (the admin; every surface uses these operations) ———
// The admin view carries the linked account; it is for staff pages only and never reaches a
// public template (those receive AuthorView, above).

export const AUTHOR_KINDS: readonly AuthorKind[] = ['person', 'organization']

export interface AuthorAdminView {
  id: number
  slug: string
  name: string
  kind: AuthorKind
  jobTitle: string
  bio: string
  avatarMediaId: number | null
  avatar: MediaView | undefined
  isPseudonym: boolean
  /** Shown to administrators only (users.manage): who is behind the byline. */
  linkedUser: { id: number; displayName: string; email: string } | null
  url: string
  storyCount: number
}

export async function listAuthorsForAdmin(ctx: AppContext): Promise<AuthorAdminView[]> {
  const rows = await ctx.db
    .selectFrom('authors')
    .leftJoin('users', 'users.id', 'authors.user_id')
    .selectAll('authors')
    .select(['users.display_name as user_name', 'users.email as user_email'])
    .orderBy('authors.name')
    .orderBy('authors.id')
    .execute()
  const counts = await ctx.db
    .selectFrom('article_authors')
    .select(['author_id', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('author_id')
    .execute()
  const countOf = new Map(counts.map((c) => [c.author_id, Number(c.count)]))
  const avatars = await getMediaByIds(
    ctx,
    rows.flatMap((r) => (r.avatar_media_id === null ? [] : [r.avatar_media_id])),
  )
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    jobTitle: r.job_title,
    bio: r.bio,
    avatarMediaId: r.avatar_media_id,
    avatar: r.avatar_media_id === null ? undefined : avatars.get(r.avatar_media_id),
    isPseudonym: r.is_pseudonym === 1,
    linkedUser:
      r.user_id === null
        ? null
        : { id: r.user_id, displayName: r.user_name ?? '', email: r.user_email ?? '' },
    url: authorUrl(r.slug),
    storyCount: countOf.get(r.id) ?? 0,
  }))
}

export async function getAuthorForAdmin(ctx: AppContext, id: number): Promise<AuthorAdminView> {
  const found = (await listAuthorsForAdmin(ctx)).find((a) => a.id === id)
  if (!found) throw new AppError('AUTHOR_NOT_FOUND', 'That byline no longer exists.', 404)
  return found
}

export interface AuthorInput {
  name: string
  /** Empty: made from the name. */
  slug: string
  kind: string
  jobTitle: string
  bio: string
  /** As typed or picked; '' for none. */
  avatarMediaId: string
  isPseudonym: boolean
  /**
   * The staff account behind the byline ('' for none). Only administrators may set or change it;
   * for anyone else it is left as it is.
   */
  userId?: string
}

/** What the edit form showed: a save over someone else's change is refused. */
export interface AuthorExpected {
  name: string
  slug: string
}

interface CheckedAuthor {
  name: string
  slug: string
  kind: AuthorKind
  jobTitle: string
  bio: string
  avatarMediaId: number | null
  isPseudonym: boolean
  userId: number | null | undefined
}

async function checkAuthorInput(ctx: AppContext, actor: Actor, input: AuthorInput): Promise<CheckedAuthor> {
  const fields: Record<string, string> = {}
  const name = input.name.trim()
  if (name === '') fields.name = 'The byline needs a name'
  else if (name.length > 120) fields.name = 'The name must be at most 120 characters'
  const slug = input.slug.trim() === '' ? slugify(name) : input.slug.trim()
  if (name !== '' || input.slug.trim() !== '') {
    if (slug === '') fields.slug = 'The slug needs at least one letter or digit'
    else if (slugify(slug) !== slug || !isPlausibleSlug(slug))
      fields.slug = `"${slug}" cannot be a slug: use lowercase letters, digits and single hyphens (for example "${slugify(slug) || 'maryam-sadat'}")`
  }
  const kind = input.kind as AuthorKind
  if (!AUTHOR_KINDS.includes(kind)) fields.kind = 'Choose a person or an organisation'
  if (input.jobTitle.trim().length > 120) fields.jobTitle = 'The job title must be at most 120 characters'
  if (input.bio.length > 2000) fields.bio = 'The biography must be at most 2,000 characters'
  let avatarMediaId: number | null = null
  const avatarText = input.avatarMediaId.trim()
  if (avatarText !== '') {
    const id = Number(avatarText)
    if (!/^\d{1,12}$/.test(avatarText) || id <= 0)
      fields.avatarMediaId = 'The avatar must be a media item’s number, or empty for none'
    else if (!(await getMediaByIds(ctx, [id])).has(id))
      fields.avatarMediaId = `There is no media item number ${id}`
    else avatarMediaId = id
  }
  let userId: number | null | undefined
  if (input.userId !== undefined) {
    if (!can(actor, 'users.manage'))
      throw new ForbiddenError('Only an administrator may link a byline to a staff account.')
    const text = input.userId.trim()
    if (text === '') userId = null
    else {
      const id = Number(text)
      const user = /^\d{1,12}$/.test(text)
        ? await ctx.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()
        : undefined
      if (!user) fields.userId = 'Choose a staff account from the list'
      else userId = id
    }
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(Object.values(fields), fields)
  return {
    name,
    slug,
    kind,
    jobTitle: input.jobTitle.trim(),
    bio: input.bio.trim(),
    avatarMediaId,
    isPseudonym: input.isPseudonym,
    userId,
  }
}

function authorSlugTaken(slug: string): ValidationError {
  const message = `Another byline already uses the slug "${slug}"`
  return new ValidationError([message], { slug: message })
}

/** Audit details of a byline: never the linked account's name or e-mail, only its id. */
function auditDetails(a: CheckedAuthor): Record<string, string | number | boolean | null> {
  return {
    name: a.name,
    slug: a.slug,
    kind: a.kind,
    isPseudonym: a.isPseudonym,
    avatarMediaId: a.avatarMediaId,
    ...(a.userId === undefined ? {} : { linkedUserId: a.userId }),
  }
}

export async function addAuthor(ctx: AppContext, actor: Actor, input: AuthorInput): Promise<number> {
  assertCan(actor, 'authors.manage')
  const checked = await checkAuthorInput(ctx, actor, input)
  let id: number
  try {
    id = await createAuthor(ctx, { ...checked, userId: checked.userId ?? null })
  } catch (error) {
    if (isUniqueViolation(error)) throw authorSlugTaken(checked.slug)
    throw error
  }
  await recordAudit(ctx, actor, 'author.created', { type: 'author', id }, auditDetails(checked))
  return id
}

/** Edits a byline's profile. A new slug leaves a redirect from the old author page to the new one. */
export async function updateAuthor(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: AuthorInput,
  expected: AuthorExpected,
): Promise<void> {
  assertCan(actor, 'authors.manage')
  const current = await getAuthorForAdmin(ctx, id)
  if (current.name !== expected.name || current.slug !== expected.slug) {
    throw new ConflictError(
      'STALE_FORM',
      'Someone else changed this byline while you had the form open. Your changes are still in the form: check them and save again.',
    )
  }
  const checked = await checkAuthorInput(ctx, actor, input)
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('authors')
        .set({
          name: checked.name,
          slug: checked.slug,
          kind: checked.kind,
          job_title: checked.jobTitle,
          bio: checked.bio,
          avatar_media_id: checked.avatarMediaId,
          is_pseudonym: checked.isPseudonym ? 1 : 0,
          ...(checked.userId === undefined ? {} : { user_id: checked.userId }),
        })
        .where('id', '=', id)
        .execute()
      if (checked.slug !== current.slug)
        await addRedirect({ ...ctx, db: trx }, authorUrl(current.slug), authorUrl(checked.slug))
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw authorSlugTaken(checked.slug)
    throw error
  }
  await recordAudit(
    ctx,
    actor,
    'author.updated',
    { type: 'author', id },
    {
      ...auditDetails(checked),
      ...(checked.slug === current.slug ? {} : { fromSlug: current.slug }),
    },
  )
  // A byline's name and profile appear on every story it signs.
  await ctx.events.emitSiteChange({
    type: 'site.changed',
    what: `author ${id}`,
    at: ctx.clock.now().toISOString(),
  })
}
