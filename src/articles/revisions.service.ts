// Revisions of published stories: listing them, the difference between two, and restoring one.
// Restoring is itself a save (version-checked, sanitized, a new revision, article.updated), so
// nothing is ever lost by restoring the wrong one.
import { diffLines, diffWords } from 'diff'
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import type { ArticleRevisionRow } from '../db/tables.ts'
import { NotFoundError, StoryConflictError } from '../errors.ts'
import { autoExcerpt } from '../lib/excerpt.ts'
import { countWords, htmlToText } from '../lib/html-text.ts'
import { sanitizeBody } from '../lib/sanitize-body.ts'
import {
  findRevisionRow,
  findStoryById,
  insertRevision,
  listRevisionRows,
  type RevisionListRow,
  updateStoryAtRevision,
} from './editorial.queries.ts'
import { loadStory, storyResource } from './editorial.service.ts'

export type RevisionSummary = RevisionListRow

export async function listRevisions(
  ctx: AppContext,
  actor: Actor,
  articleId: number,
): Promise<RevisionSummary[]> {
  const row = await loadStory(ctx, articleId)
  assertCan(actor, 'story.edit', await storyResource(ctx, row))
  return listRevisionRows(ctx.db, articleId)
}

/** A piece of a difference: unchanged, added or removed text (plain strings: the page escapes them). */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

export interface FieldDiff {
  field: string
  label: string
  parts: DiffPart[]
  isChanged: boolean
}

function toParts(changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] {
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }))
}

/** One block element per line, so the body's difference reads paragraph by paragraph. */
export function htmlByBlock(html: string): string {
  return `${html.replace(/(<\/(?:p|h[1-6]|li|blockquote|figure|ul|ol|table|tr)>|<br\s*\/?>)\s*/gi, '$1\n').trim()}\n`
}

export interface Comparable {
  headline: string
  dek: string
  dateline: string
  excerpt: string | null
  correction_note: string
  body_html: string
}

/** The difference from `older` to `newer`, field by field. */
export function compareVersions(older: Comparable, newer: Comparable): FieldDiff[] {
  const words = (field: keyof Comparable, label: string): FieldDiff => {
    const parts = toParts(diffWords(older[field] ?? '', newer[field] ?? ''))
    return { field, label, parts, isChanged: parts.some((p) => p.kind !== 'same') }
  }
  const bodyParts = toParts(diffLines(htmlByBlock(older.body_html), htmlByBlock(newer.body_html)))
  return [
    words('headline', 'Headline'),
    words('dek', 'Dek'),
    words('dateline', 'Dateline'),
    words('excerpt', 'Excerpt'),
    words('correction_note', 'Update note'),
    {
      field: 'body_html',
      label: 'Story (HTML)',
      parts: bodyParts,
      isChanged: bodyParts.some((p) => p.kind !== 'same'),
    },
  ]
}

async function revisionOf(
  ctx: AppContext,
  articleId: number,
  revisionId: number,
): Promise<ArticleRevisionRow> {
  const revision = await findRevisionRow(ctx.db, articleId, revisionId)
  if (!revision) throw new NotFoundError('There is no such revision of this story.')
  return revision
}

export async function diffRevisions(
  ctx: AppContext,
  actor: Actor,
  articleId: number,
  fromId: number,
  toId: number,
): Promise<{ from: ArticleRevisionRow; to: ArticleRevisionRow; fields: FieldDiff[] }> {
  const row = await loadStory(ctx, articleId)
  assertCan(actor, 'story.edit', await storyResource(ctx, row))
  const [from, to] = await Promise.all([revisionOf(ctx, articleId, fromId), revisionOf(ctx, articleId, toId)])
  return { from, to, fields: compareVersions(from, to) }
}

/** Puts a revision's words back as a new save; returns the story's new revision number. */
export async function restoreRevision(
  ctx: AppContext,
  actor: Actor,
  articleId: number,
  revisionId: number,
  expectedRevision: number,
): Promise<number> {
  const row = await loadStory(ctx, articleId)
  assertCan(actor, 'story.restore-revision', await storyResource(ctx, row))
  if (row.revision !== expectedRevision) throw new StoryConflictError(row.revision)
  const revision = await revisionOf(ctx, articleId, revisionId)
  const now = ctx.clock.now().toISOString()
  // Sanitized again: the allowlist may have been tightened since the revision was kept.
  const bodyHtml = sanitizeBody(revision.body_html)
  await ctx.db.transaction().execute(async (trx) => {
    const isSaved = await updateStoryAtRevision(
      trx,
      articleId,
      { revision: expectedRevision },
      {
        headline: revision.headline,
        dek: revision.dek,
        body_html: bodyHtml,
        excerpt: revision.excerpt,
        dateline: revision.dateline,
        correction_note: revision.correction_note,
        updated_at: now,
        auto_excerpt: autoExcerpt(bodyHtml, revision.dateline),
        word_count: countWords(htmlToText(bodyHtml)),
      },
    )
    if (!isSaved)
      throw new StoryConflictError((await findStoryById(trx, articleId))?.revision ?? expectedRevision + 1)
    const saved = await findStoryById(trx, articleId)
    if (saved) {
      await insertRevision(trx, saved, {
        reason: `restored from revision ${revision.revision}`,
        userId: actor.kind === 'user' ? actor.userId : null,
        at: now,
      })
    }
  })
  await recordAudit(
    ctx,
    actor,
    'story.revision-restored',
    { type: 'story', id: articleId },
    {
      restored: revision.revision,
      revision: expectedRevision + 1,
    },
  )
  if (row.status === 'published') await ctx.events.emit({ type: 'article.updated', articleId, at: now })
  return expectedRevision + 1
}
