// Stories, a batch at a time: one transaction per batch holds every story of the batch together
// with its bylines, tags, map row and redirects, written with multi-row inserts. A run killed at
// any moment leaves whole batches or nothing of one, and the map tells the next run where to
// resume. The body rules are the editor's: sanitized (in mapBody), the automatic excerpt and word
// count from the same functions createArticle uses.

import type { Insertable, Kysely } from 'kysely'
import { articleUrl } from '../../articles/articles.service.ts'
import type { ArticleRevisionsTable, Database, NewArticleRow } from '../../db/tables.ts'
import { excerptFromText, stripLeadingDateline } from '../../lib/excerpt.ts'
import { countWords, htmlToText } from '../../lib/html-text.ts'
import { slugify } from '../../lib/slugify.ts'
import { skip, warn } from './import-report.ts'
import { addRedirects, type ImportState } from './import-state.ts'
import type { MappedStory } from './map-post.ts'

const ROW_CHUNK = 200

function label(story: MappedStory): string {
  const title = story.headline.length > 60 ? `${story.headline.slice(0, 59)}…` : story.headline
  return `${story.postType} ${story.wpId} “${title}”`
}

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROW_CHUNK) await insert(rows.slice(i, i + ROW_CHUNK))
}

/** Tag ids for names, creating the missing ones (inside the batch's transaction). */
async function tagIds(trx: Kysely<Database>, state: ImportState, names: readonly string[]): Promise<void> {
  const missing = [
    ...new Set(names.map(slugify).filter((slug) => slug !== '' && !state.tagIdBySlug.has(slug))),
  ]
  if (missing.length === 0) return
  const nameBySlug = new Map(names.map((name) => [slugify(name), name.trim()]))
  if (state.isDryRun) {
    for (const slug of missing) state.tagIdBySlug.set(slug, -1)
    state.report.imported.tags += missing.length
    return
  }
  const find = async () => {
    for (let i = 0; i < missing.length; i += ROW_CHUNK) {
      const rows = await trx
        .selectFrom('tags')
        .select(['id', 'slug'])
        .where('slug', 'in', missing.slice(i, i + ROW_CHUNK))
        .execute()
      for (const row of rows) state.tagIdBySlug.set(row.slug, row.id)
    }
  }
  await find()
  const toCreate = missing.filter((slug) => !state.tagIdBySlug.has(slug))
  await insertChunked(toCreate, (chunk) =>
    trx
      .insertInto('tags')
      .values(chunk.map((slug) => ({ slug, name: nameBySlug.get(slug) || slug, created_at: state.now })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute(),
  )
  state.report.imported.tags += toCreate.length
  await find()
}

/** Which of these stories an earlier run imported (matched on WordPress ID or GUID). */
async function alreadyImported(state: ImportState, stories: readonly MappedStory[]): Promise<Set<string>> {
  const ids = stories.map((s) => s.wpId)
  const guids = stories.map((s) => s.guid).filter((g) => g !== '')
  // Two queries, not one with "wp_id IN … OR guid IN …": on a database that has never been
  // ANALYZEd (every fresh import) SQLite plans that OR as a scan of every post of the source,
  // which made each batch slower than the last (quadratic over 100,000 posts).
  const doneIds = new Set<string>()
  const doneGuids = new Set<string>()
  const mapped = state.ctx.db
    .selectFrom('wp_import_map')
    .select(['wp_id', 'guid'])
    .where('source', '=', state.source)
    .where('kind', '=', 'post')
  for (let i = 0; i < ids.length; i += ROW_CHUNK) {
    for (const row of await mapped.where('wp_id', 'in', ids.slice(i, i + ROW_CHUNK)).execute())
      doneIds.add(row.wp_id)
  }
  for (let i = 0; i < guids.length; i += ROW_CHUNK) {
    for (const row of await mapped.where('guid', 'in', guids.slice(i, i + ROW_CHUNK)).execute())
      doneGuids.add(row.guid)
  }
  const done = new Set<string>()
  for (const story of stories) {
    if (doneIds.has(story.wpId) || (story.guid !== '' && doneGuids.has(story.guid))) done.add(story.wpId)
  }
  return done
}

export async function writeStoryBatch(state: ImportState, batch: readonly MappedStory[]): Promise<void> {
  if (batch.length === 0) return
  const report = state.report
  const done = await alreadyImported(state, batch)
  const seen = new Set<string>()
  const stories = batch.filter((story) => {
    if (done.has(story.wpId) || seen.has(story.wpId)) {
      report.alreadyImported.stories += 1
      return false
    }
    seen.add(story.wpId)
    return true
  })
  if (stories.length === 0) return

  // Slugs: unique per language. A clash (two WordPress post types, or a story already on the
  // site) gets the WordPress ID appended, which no other imported story can have.
  const { db } = state.ctx
  const taken = new Set<string>()
  for (const language of new Set(stories.map((s) => s.language))) {
    const slugs = stories.filter((s) => s.language === language).map((s) => s.slug)
    for (let i = 0; i < slugs.length; i += ROW_CHUNK) {
      const rows = await db
        .selectFrom('articles')
        .select('slug')
        .where('language', '=', language)
        .where('slug', 'in', slugs.slice(i, i + ROW_CHUNK))
        .execute()
      for (const row of rows) taken.add(`${language}/${row.slug}`)
    }
  }
  const rows: NewArticleRow[] = []
  const ready: { story: MappedStory; slug: string; sectionId: number; authorIds: number[] }[] = []
  for (const story of stories) {
    let slug = story.slug
    if (taken.has(`${story.language}/${slug}`)) {
      slug = `${slug}-${story.wpId}`.slice(0, 100)
      warn(report, label(story), `slug "${story.slug}" was taken: stored as "${slug}"`)
    }
    taken.add(`${story.language}/${slug}`)
    const sectionId =
      (story.sectionKey === undefined ? undefined : state.sectionIdByWpSlug.get(story.sectionKey)) ??
      state.sectionIdByWpSlug.get('uncategorized')
    if (sectionId === undefined) {
      skip(report, 'without a section')
      continue
    }
    const authorIds = story.bylines.flatMap((byline) => {
      const id =
        byline.kind === 'login'
          ? state.authorIdByLogin.get(byline.login)
          : state.authorIdByCoauthor.get(byline.slug)
      return id === undefined ? [] : [id]
    })
    if (authorIds.length === 0 && state.siteAuthorId !== undefined) authorIds.push(state.siteAuthorId)
    if (authorIds.length === 0) {
      skip(report, 'without any byline')
      warn(report, label(story), 'has no author that could be imported')
      continue
    }
    const featured = story.featuredWpId === undefined ? undefined : state.mediaByWpId.get(story.featuredWpId)
    if (story.featuredWpId !== undefined && !featured)
      warn(report, label(story), `featured image (attachment ${story.featuredWpId}) was not imported`)
    for (const message of story.warnings) warn(report, label(story), message)
    for (const name of story.unknownShortcodes)
      report.unknownShortcodes[name] = (report.unknownShortcodes[name] ?? 0) + 1
    ready.push({ story, slug, sectionId, authorIds: [...new Set(authorIds)] })
    // The text once for both derived columns: exactly autoExcerpt and createArticle's word count.
    const text = htmlToText(story.bodyHtml)
    rows.push({
      language: story.language,
      slug,
      headline: story.headline,
      dek: story.dek,
      body_html: story.bodyHtml,
      excerpt: story.excerpt,
      auto_excerpt: excerptFromText(stripLeadingDateline(text, story.dateline)),
      dateline: story.dateline,
      section_id: sectionId,
      featured_media_id: featured?.id ?? null,
      featured_caption: story.featuredCaption,
      featured_credit: story.featuredCredit,
      status: story.status,
      published_at: story.publishedAt,
      updated_at: story.updatedAt,
      created_at: story.createdAt,
      correction_note: story.correctionNote,
      word_count: countWords(text),
      ...(story.revisionNumber === undefined ? {} : { revision: story.revisionNumber }),
      created_by: null,
    })
  }
  const count = (story: MappedStory) => {
    if (story.postType === 'page') report.imported.pages += 1
    else report.imported.stories += 1
  }
  if (state.isDryRun) {
    for (const { story } of ready) {
      count(story)
      report.imported.revisions += story.revisions.length
    }
    report.imported.redirects += ready.reduce((n, r) => n + r.story.oldPaths.length, 0)
    return
  }
  await db.transaction().execute(async (trx) => {
    await tagIds(
      trx,
      state,
      ready.flatMap((r) => r.story.tagNames),
    )
    const idByKey = new Map<string, number>()
    await insertChunked(rows, async (chunk) => {
      const inserted = await trx
        .insertInto('articles')
        .values(chunk)
        .returning(['id', 'language', 'slug'])
        .execute()
      for (const row of inserted) idByKey.set(`${row.language}/${row.slug}`, row.id)
    })
    const bylines: { article_id: number; author_id: number; position: number }[] = []
    const tags: { article_id: number; tag_id: number }[] = []
    const maps: Database['wp_import_map'][] = []
    const seo: Database['article_seo'][] = []
    const redirects: { from: string; to: string }[] = []
    const revisions: Insertable<ArticleRevisionsTable>[] = []
    for (const { story, slug, sectionId, authorIds } of ready) {
      const id = idByKey.get(`${story.language}/${slug}`)
      if (id === undefined) throw new Error(`story ${story.wpId} was not stored`)
      for (const [position, authorId] of authorIds.entries()) {
        bylines.push({ article_id: id, author_id: authorId, position })
      }
      const tagIdsOfStory = new Set(
        story.tagNames.flatMap((name) => {
          const tagId = state.tagIdBySlug.get(slugify(name))
          return tagId === undefined ? [] : [tagId]
        }),
      )
      for (const tagId of tagIdsOfStory) tags.push({ article_id: id, tag_id: tagId })
      if (story.seoTitle !== '' || story.seoDescription !== '')
        seo.push({ article_id: id, title: story.seoTitle, description: story.seoDescription })
      maps.push({
        source: state.source,
        kind: 'post',
        wp_id: story.wpId,
        guid: story.guid,
        local_id: id,
        created_at: state.now,
      })
      const to = articleUrl(state.sectionSlugById.get(sectionId) ?? '', slug)
      for (const from of story.oldPaths) redirects.push({ from, to })
      for (const revision of story.revisions) {
        revisions.push({
          article_id: id,
          revision: revision.revision,
          headline: revision.headline,
          dek: revision.dek,
          body_html: revision.bodyHtml,
          excerpt: revision.excerpt,
          dateline: revision.dateline,
          correction_note: revision.correctionNote,
          status: revision.status,
          reason: revision.reason,
          created_by: null,
          created_at: revision.createdAt,
        })
      }
      report.imported.revisions += story.revisions.length
      count(story)
    }
    await insertChunked(bylines, (chunk) => trx.insertInto('article_authors').values(chunk).execute())
    await insertChunked(tags, (chunk) => trx.insertInto('article_tags').values(chunk).execute())
    await insertChunked(seo, (chunk) => trx.insertInto('article_seo').values(chunk).execute())
    await insertChunked(maps, (chunk) => trx.insertInto('wp_import_map').values(chunk).execute())
    await insertChunked(revisions, (chunk) => trx.insertInto('article_revisions').values(chunk).execute())
    report.imported.redirects += await addRedirects(trx, state, redirects)
  })
}

/**
 * Puts Dateline's translation groups back together once every story is in: each member (by its
 * WordPress ID) joins the group of the story the group began with, or of its first member when
 * that story is not in the site. Members are looked up in the map, so a run after a crash links
 * the stories an earlier run imported too; a story already in a group keeps it.
 */
export async function linkTranslations(
  state: ImportState,
  members: readonly [string, string][],
): Promise<void> {
  if (members.length === 0) return
  if (state.isDryRun) {
    state.report.imported.translationLinks += members.length
    return
  }
  const { db } = state.ctx
  const wpIds = [...new Set(members.flatMap(([member, group]) => [member, group]))]
  const local = new Map<string, number>()
  for (let i = 0; i < wpIds.length; i += ROW_CHUNK) {
    const rows = await db
      .selectFrom('wp_import_map')
      .select(['wp_id', 'local_id'])
      .where('source', '=', state.source)
      .where('kind', '=', 'post')
      .where('wp_id', 'in', wpIds.slice(i, i + ROW_CHUNK))
      .execute()
    for (const row of rows) local.set(row.wp_id, row.local_id)
  }
  const groups = new Map<string, number[]>()
  for (const [member, group] of members) {
    const id = local.get(member)
    if (id !== undefined) groups.set(group, [...(groups.get(group) ?? []), id])
  }
  await db.transaction().execute(async (trx) => {
    for (const [group, ids] of groups) {
      const result = await trx
        .updateTable('articles')
        .set({ translation_group_id: local.get(group) ?? Math.min(...ids) })
        .where('id', 'in', ids)
        .where('translation_group_id', 'is', null)
        .executeTakeFirst()
      state.report.imported.translationLinks += Number(result.numUpdatedRows ?? 0)
    }
  })
}
