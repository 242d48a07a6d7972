// SQL for the newsroom's side of articles: the admin's story list, loading a story to edit, the
// version-checked writes, workflow transitions, the scheduler's claim and revisions. What readers
// may see ("published") is defined once, in articles.queries.ts, and never here.
import { type Kysely, sql } from 'kysely'
import type { ArticleRevisionRow, ArticleRow, ArticleStatus, ArticleUpdate, Database } from '../db/tables.ts'

export interface StoryListFilter {
  status?: ArticleStatus
  sectionId?: number
  authorId?: number
  /** Part of the headline (case-insensitive LIKE; full-text search is the search feature's job). */
  query?: string | undefined
  /** Only these stories (the matches of a full-text search). */
  ids?: number[]
}

export type StoryListRow = Pick<
  ArticleRow,
  | 'id'
  | 'language'
  | 'slug'
  | 'headline'
  | 'status'
  | 'section_id'
  | 'published_at'
  | 'updated_at'
  | 'created_by'
>

/** LIKE treats % and _ as wildcards: a headline search for "50%" must mean the text "50%". */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function storyListQuery(db: Kysely<Database>, filter: StoryListFilter) {
  let query = db.selectFrom('articles')
  if (filter.ids !== undefined) {
    // An empty match list matches nothing (and `IN ()` is not valid SQL).
    query = query.where('articles.id', 'in', filter.ids.length > 0 ? filter.ids : [-1])
  }
  if (filter.status !== undefined) query = query.where('articles.status', '=', filter.status)
  if (filter.sectionId !== undefined) query = query.where('articles.section_id', '=', filter.sectionId)
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId
    query = query.where('articles.id', 'in', (eb) =>
      eb
        .selectFrom('article_authors')
        .select('article_authors.article_id')
        .where('article_authors.author_id', '=', authorId),
    )
  }
  if (filter.query !== undefined && filter.query.trim() !== '') {
    const pattern = likePattern(filter.query.trim())
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's only for non-ASCII.
    query = query.where(sql<boolean>`lower(articles.headline) like ${pattern} escape '\\'`)
  }
  return query
}

export async function listStories(
  db: Kysely<Database>,
  filter: StoryListFilter,
  page: { limit: number; offset: number },
): Promise<StoryListRow[]> {
  return storyListQuery(db, filter)
    .select([
      'articles.id',
      'articles.language',
      'articles.slug',
      'articles.headline',
      'articles.status',
      'articles.section_id',
      'articles.published_at',
      'articles.updated_at',
      'articles.created_by',
    ])
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countStories(db: Kysely<Database>, filter: StoryListFilter): Promise<number> {
  const row = await storyListQuery(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst()
  return Number(row?.count ?? 0)
}

export async function findStoryById(db: Kysely<Database>, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The users who own each story: its creator and the accounts behind its byline authors. */
export async function storyOwners(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>()
  if (ids.length === 0) return result
  const unique = [...new Set(ids)]
  const [creators, bylines] = await Promise.all([
    db.selectFrom('articles').select(['id', 'created_by']).where('id', 'in', unique).execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.user_id'])
      .where('article_authors.article_id', 'in', unique)
      .where('authors.user_id', 'is not', null)
      .execute(),
  ])
  for (const row of creators) result.set(row.id, row.created_by === null ? [] : [row.created_by])
  for (const row of bylines) {
    if (row.user_id !== null) result.set(row.article_id, [...(result.get(row.article_id) ?? []), row.user_id])
  }
  return result
}

export async function bylineAuthorIds(db: Kysely<Database>, articleId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_authors')
    .select('author_id')
    .where('article_id', '=', articleId)
    .orderBy('position')
    .execute()
  return rows.map((r) => r.author_id)
}

export async function tagNamesOf(db: Kysely<Database>, articleId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', articleId)
    .orderBy('tags.name')
    .execute()
  return rows.map((r) => r.name)
}

export async function replaceBylines(
  db: Kysely<Database>,
  articleId: number,
  authorIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute()
  const unique = [...new Set(authorIds)]
  if (unique.length === 0) return
  await db
    .insertInto('article_authors')
    .values(unique.map((authorId, position) => ({ article_id: articleId, author_id: authorId, position })))
    .execute()
}

export async function replaceTags(
  db: Kysely<Database>,
  articleId: number,
  tagIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute()
  const unique = [...new Set(tagIds)]
  if (unique.length === 0) return
  await db
    .insertInto('article_tags')
    .values(unique.map((tagId) => ({ article_id: articleId, tag_id: tagId })))
    .execute()
}

/**
 * Updates a story only if it is still at the revision the writer started from (and, when given,
 * in one of the expected states), moving it to the next revision. Returns whether it happened:
 * false means someone else saved or moved it first.
 */
export async function updateStoryAtRevision(
  db: Kysely<Database>,
  id: number,
  expected: { revision: number; statuses?: readonly ArticleStatus[] },
  changes: ArticleUpdate,
): Promise<boolean> {
  let query = db
    .updateTable('articles')
    .set((eb) => ({ ...changes, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('revision', '=', expected.revision)
  if (expected.statuses !== undefined) query = query.where('status', 'in', [...expected.statuses])
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The scheduler's claim: every scheduled story whose time has come becomes published in ONE
 * conditional UPDATE, so two instances (or a restart half-way) can never publish a story twice —
 * whoever updates the row owns the announcement.
 */
export async function claimDueStories(db: Kysely<Database>, now: string): Promise<number[]> {
  const rows = await db
    .updateTable('articles')
    .set((eb) => ({
      status: 'published',
      // published_at is never null here (the WHERE below), but the column type does not know it.
      updated_at: sql<string>`coalesce(published_at, ${now})`,
      revision: eb('revision', '+', 1),
    }))
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

export async function insertRevision(
  db: Kysely<Database>,
  row: ArticleRow,
  meta: { reason: string; userId: number | null; at: string },
): Promise<void> {
  await db
    .insertInto('article_revisions')
    .values({
      article_id: row.id,
      revision: row.revision,
      headline: row.headline,
      dek: row.dek,
      body_html: row.body_html,
      excerpt: row.excerpt,
      dateline: row.dateline,
      correction_note: row.correction_note,
      status: row.status,
      reason: meta.reason,
      created_by: meta.userId,
      created_at: meta.at,
    })
    .execute()
}

export type RevisionListRow = Omit<ArticleRevisionRow, 'body_html'> & { author_name: string | null }

export async function listRevisionRows(db: Kysely<Database>, articleId: number): Promise<RevisionListRow[]> {
  return db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.created_by')
    .select([
      'article_revisions.id',
      'article_revisions.article_id',
      'article_revisions.revision',
      'article_revisions.headline',
      'article_revisions.dek',
      'article_revisions.excerpt',
      'article_revisions.dateline',
      'article_revisions.correction_note',
      'article_revisions.status',
      'article_revisions.reason',
      'article_revisions.created_by',
      'article_revisions.created_at',
      'users.display_name as author_name',
    ])
    .where('article_revisions.article_id', '=', articleId)
    .orderBy('article_revisions.id', 'desc')
    .execute()
}

export async function findRevisionRow(
  db: Kysely<Database>,
  articleId: number,
  revisionId: number,
): Promise<ArticleRevisionRow | undefined> {
  return db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('id', '=', revisionId)
    .executeTakeFirst()
}
