import type { AppContext } from '../context.ts'
import type { AuthorKind, AuthorRow } from '../db/tables.ts'
import { getMediaByIds, type MediaView } from '../media/media.service.ts'

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
