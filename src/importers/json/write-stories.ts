// Stories, a batch at a time: one transaction holds every story of the batch with its bylines (in
// their order), tags, SEO text and every revision, so a run killed at any moment leaves whole
// batches. A story is matched on its language and slug: one the site already has is kept as it is
// (a rerun imports nothing twice). Bodies go through the editor's sanitizer again, and the derived
// columns (automatic excerpt, word count) are computed as createArticle computes them. Translation
// links are set once every story is in (linkTranslations), since a group may name a story that
// comes later in the file.
import type { Insertable } from 'kysely'
import type { ArticleRevisionsTable, ArticleStatus, NewArticleRow } from '../../db/tables.ts'
import type { ExportedStory } from '../../exporters/export-format.ts'
import { excerptFromText, stripLeadingDateline } from '../../lib/excerpt.ts'
import { countWords, htmlToText } from '../../lib/html-text.ts'
import { sanitizeBody } from '../../lib/sanitize-body.ts'
import { isPlausibleSlug } from '../../lib/slugify.ts'
import { SITE_LANGUAGES } from '../../settings/settings.service.ts'
import { skipJson, warnJson } from './json-import-report.ts'
import { fakeId, inChunks, type JsonImportState, mapped } from './json-import-state.ts'

const STATUSES: readonly ArticleStatus[] = ['draft', 'review', 'scheduled', 'published', 'unpublished']

function label(story: ExportedStory): string {
  const title = story.headline.length > 60 ? `${story.headline.slice(0, 59)}…` : story.headline
  return `story ${story.id} “${title}” (${story.language}/${story.slug})`
}

/** The file's stories that reach a translation group, kept for the last step: [file id, group]. */
export type TranslationMembers = [number, number][]

export async function writeStoryBatch(
  state: JsonImportState,
  batch: readonly ExportedStory[],
  members: TranslationMembers,
): Promise<void> {
  if (batch.length === 0) return
  const { db } = state.ctx
  const report = state.report
  for (const story of batch)
    if (story.translation_group_id !== null) members.push([story.id, story.translation_group_id])

  // Stories the site already has (a rerun, or the same story already there), by language and slug.
  const here = new Map<string, { id: number; headline: string }>()
  for (const language of new Set(batch.map((s) => s.language))) {
    await inChunks(
      batch.filter((s) => s.language === language).map((s) => s.slug),
      async (chunk) => {
        const rows = await db
          .selectFrom('articles')
          .select(['id', 'slug', 'headline'])
          .where('language', '=', language)
          .where('slug', 'in', chunk)
          .execute()
        for (const row of rows) here.set(`${language}/${row.slug}`, row)
      },
    )
  }

  const ready: { story: ExportedStory; row: NewArticleRow; authorIds: number[]; tagIds: number[] }[] = []
  for (const story of batch) {
    const key = `${story.language}/${story.slug}`
    const existing = here.get(key)
    if (existing) {
      state.storyIds.set(story.id, existing.id)
      report.alreadyPresent.stories += 1
      if (existing.headline !== story.headline.trim())
        warnJson(
          report,
          label(story),
          `the site already has another story at this address (“${existing.headline}”): kept it, this one was not imported`,
        )
      continue
    }
    const problem = !(SITE_LANGUAGES as readonly string[]).includes(story.language)
      ? `language "${story.language}" is not one of the site's`
      : !isPlausibleSlug(story.slug)
        ? 'its slug is not a valid address'
        : !STATUSES.includes(story.status)
          ? `unknown status "${story.status}"`
          : story.headline.trim() === ''
            ? 'it has no headline'
            : undefined
    if (problem) {
      skipJson(report, 'stories that are not valid')
      warnJson(report, label(story), `${problem}: not imported`)
      continue
    }
    const sectionId = mapped(state.sectionIds, story.section_id)
    if (sectionId === null) {
      skipJson(report, 'stories whose section was not imported')
      warnJson(report, label(story), `section ${story.section_id} was not imported: story not imported`)
      continue
    }
    const authorIds = [...new Set(story.author_ids.flatMap((id) => mapped(state.authorIds, id) ?? []))]
    if (authorIds.length < story.author_ids.length)
      warnJson(report, label(story), 'a byline that was not imported was left out')
    if (authorIds.length === 0) {
      skipJson(report, 'stories without any byline')
      warnJson(report, label(story), 'none of its bylines was imported: story not imported')
      continue
    }
    const tagIds = [...new Set(story.tag_ids.flatMap((id) => mapped(state.tagIds, id) ?? []))]
    const featuredId = mapped(state.mediaIds, story.featured_media_id)
    if (story.featured_media_id !== null && featuredId === null)
      warnJson(report, label(story), 'its featured image was not imported')
    const bodyHtml = sanitizeBody(story.body_html)
    if (bodyHtml !== story.body_html)
      warnJson(
        report,
        label(story),
        'the sanitizer changed its body (markup the editor does not allow was removed)',
      )
    state.storyIds.set(story.id, 0)
    const text = htmlToText(bodyHtml)
    const published = story.status === 'published' || story.status === 'scheduled'
    // Published but dated later: scheduled, so that the scheduler publishes it at its time and
    // announces it (caches purged, webhooks sent); as "published" it would appear unannounced.
    const isDatedLater =
      story.status === 'published' &&
      story.published_at !== null &&
      Date.parse(story.published_at) > state.ctx.clock.now().getTime()
    if (isDatedLater)
      warnJson(
        report,
        label(story),
        'it is published with a time still to come: imported as scheduled for then',
      )
    ready.push({
      story,
      authorIds,
      tagIds,
      row: {
        language: story.language,
        slug: story.slug,
        headline: story.headline.trim(),
        dek: story.dek,
        body_html: bodyHtml,
        excerpt: story.excerpt?.trim() || null,
        auto_excerpt: excerptFromText(stripLeadingDateline(text, story.dateline)),
        dateline: story.dateline.trim(),
        section_id: sectionId,
        featured_media_id: featuredId,
        featured_caption: story.featured_caption,
        featured_credit: story.featured_credit,
        status: isDatedLater ? 'scheduled' : story.status,
        published_at: published && story.published_at === null ? story.updated_at : story.published_at,
        updated_at: story.updated_at,
        created_at: story.created_at,
        correction_note: story.correction_note,
        word_count: countWords(text),
        revision: Math.max(1, story.revision),
        created_by: mapped(state.userIds, story.created_by),
        translation_group_id: null,
      },
    })
  }
  report.imported.stories += ready.length
  report.imported.revisions += ready.reduce((n, r) => n + r.story.revisions.length, 0)
  if (state.isDryRun) {
    for (const { story } of ready) state.storyIds.set(story.id, fakeId(state))
    return
  }
  if (ready.length === 0) return
  await db.transaction().execute(async (trx) => {
    const idByKey = new Map<string, number>()
    await inChunks(ready, async (chunk) => {
      const inserted = await trx
        .insertInto('articles')
        .values(chunk.map((r) => r.row))
        .returning(['id', 'language', 'slug'])
        .execute()
      for (const row of inserted) idByKey.set(`${row.language}/${row.slug}`, row.id)
    })
    const bylines: { article_id: number; author_id: number; position: number }[] = []
    const tags: { article_id: number; tag_id: number }[] = []
    const seo: { article_id: number; title: string; description: string }[] = []
    const revisions: Insertable<ArticleRevisionsTable>[] = []
    for (const { story, authorIds, tagIds } of ready) {
      const id = idByKey.get(`${story.language}/${story.slug}`)
      if (id === undefined) throw new Error(`story ${story.id} was not stored`)
      state.storyIds.set(story.id, id)
      for (const [position, authorId] of authorIds.entries())
        bylines.push({ article_id: id, author_id: authorId, position })
      for (const tagId of tagIds) tags.push({ article_id: id, tag_id: tagId })
      if (story.seo && (story.seo.title !== '' || story.seo.description !== ''))
        seo.push({ article_id: id, title: story.seo.title, description: story.seo.description })
      for (const revision of story.revisions) {
        revisions.push({
          article_id: id,
          revision: revision.revision,
          headline: revision.headline,
          dek: revision.dek,
          body_html: sanitizeBody(revision.body_html),
          excerpt: revision.excerpt,
          dateline: revision.dateline,
          correction_note: revision.correction_note,
          status: STATUSES.includes(revision.status) ? revision.status : story.status,
          reason: revision.reason,
          created_by: mapped(state.userIds, revision.created_by),
          created_at: revision.created_at,
        })
      }
    }
    await inChunks(bylines, (chunk) => trx.insertInto('article_authors').values(chunk).execute())
    await inChunks(tags, (chunk) => trx.insertInto('article_tags').values(chunk).execute())
    await inChunks(seo, (chunk) => trx.insertInto('article_seo').values(chunk).execute())
    await inChunks(revisions, (chunk) => trx.insertInto('article_revisions').values(chunk).execute())
  })
}

/**
 * Puts translations back together. A group is known in the file by the id of the story it began
 * with; here it takes that story's new id, or (when that story was not exported, e.g. deleted)
 * the new id of its first member, which belongs to no other group. Stories already in a group on
 * this site keep theirs. One transaction per chunk of groups; running it again changes nothing.
 */
export async function linkTranslations(state: JsonImportState, members: TranslationMembers): Promise<void> {
  const groups = new Map<number, number[]>()
  for (const [storyId, group] of members) groups.set(group, [...(groups.get(group) ?? []), storyId])
  const updates: { group: number; ids: number[] }[] = []
  for (const [group, storyIds] of groups) {
    const ids = storyIds.flatMap((id) => {
      const local = state.storyIds.get(id)
      return local === undefined || local <= 0 ? [] : [local]
    })
    if (ids.length === 0) continue
    const founder = state.storyIds.get(group)
    updates.push({ group: founder !== undefined && founder > 0 ? founder : Math.min(...ids), ids })
  }
  if (state.isDryRun) {
    state.report.imported.translationLinks += members.length
    return
  }
  const { db } = state.ctx
  await inChunks(updates, async (chunk) => {
    await db.transaction().execute(async (trx) => {
      for (const { group, ids } of chunk) {
        const result = await trx
          .updateTable('articles')
          .set({ translation_group_id: group })
          .where('id', 'in', ids)
          .where('translation_group_id', 'is', null)
          .executeTakeFirst()
        const changed = Number(result.numUpdatedRows ?? 0)
        state.report.imported.translationLinks += changed
        state.report.alreadyPresent.translationLinks += ids.length - changed
      }
    })
  })
}
