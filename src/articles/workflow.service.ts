// The editorial workflow: draft → in review → scheduled → published → (updated) → unpublished.
// Each step is checked against the capability table with ownership, allowed only from the states
// listed below, applied with a conditional UPDATE (so two people clicking at once cannot both
// win), audited, and announced to the cache after the commit.
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan, type Capability } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { ConflictError, StoryConflictError, ValidationError } from '../errors.ts'
import { bylineAuthorIds, findStoryById, insertRevision, updateStoryAtRevision } from './editorial.queries.ts'
import { keepSearchable, loadStory, storyResource } from './editorial.service.ts'

export type WorkflowAction = 'submit' | 'publish' | 'schedule' | 'unpublish' | 'to-draft'

interface Step {
  capability: Capability
  from: readonly ArticleStatus[]
  to: ArticleStatus
  audit: string
  /** What the person is told when the story is not in a state this step starts from. */
  refusal: string
}

export const WORKFLOW_STEPS: Readonly<Record<WorkflowAction, Step>> = {
  submit: {
    capability: 'story.submit-for-review',
    from: ['draft'],
    to: 'review',
    audit: 'story.submitted',
    refusal: 'Only a draft can be sent for review.',
  },
  publish: {
    capability: 'story.publish',
    from: ['draft', 'review', 'scheduled', 'unpublished'],
    to: 'published',
    audit: 'story.published',
    refusal: 'This story is already published.',
  },
  schedule: {
    capability: 'story.schedule',
    from: ['draft', 'review', 'scheduled', 'unpublished'],
    to: 'scheduled',
    audit: 'story.scheduled',
    refusal: 'A published story cannot be scheduled; unpublish it first.',
  },
  unpublish: {
    capability: 'story.unpublish',
    from: ['published'],
    to: 'unpublished',
    audit: 'story.unpublished',
    refusal: 'Only a published story can be unpublished.',
  },
  'to-draft': {
    capability: 'story.edit',
    from: ['review', 'scheduled', 'unpublished'],
    to: 'draft',
    audit: 'story.returned-to-draft',
    refusal: 'This story cannot go back to draft from its current state.',
  },
}

export function isWorkflowAction(value: string): value is WorkflowAction {
  return Object.hasOwn(WORKFLOW_STEPS, value)
}

/**
 * Moves a story one step. `scheduleAt` (ISO UTC) is required for 'schedule' and must be in the
 * future. Returns the new status.
 */
export async function applyWorkflowStep(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: WorkflowAction,
  options: { scheduleAt?: string } = {},
): Promise<ArticleStatus> {
  const step = WORKFLOW_STEPS[action]
  const row = await loadStory(ctx, id)
  assertCan(actor, step.capability, await storyResource(ctx, row))
  if (!step.from.includes(row.status)) throw new ConflictError('STORY_STATE', step.refusal)

  const now = ctx.clock.now().toISOString()
  let publishedAt = row.published_at
  if (action === 'publish' || action === 'schedule') {
    if ((await bylineAuthorIds(ctx.db, id)).length === 0)
      throw new ValidationError(['Choose at least one author or agency for the byline before publishing.'])
  }
  if (action === 'publish') {
    // A story brought back after unpublishing keeps its first publication time.
    publishedAt = row.status === 'unpublished' && row.published_at !== null ? row.published_at : now
  }
  if (action === 'schedule') {
    const at = options.scheduleAt
    if (at === undefined || Number.isNaN(Date.parse(at)))
      throw new ValidationError(['Choose the date and time at which the story should be published.'])
    if (Date.parse(at) <= Date.parse(now))
      throw new ValidationError([
        'The publication time must be in the future; to publish now, press Publish.',
      ])
    publishedAt = new Date(at).toISOString()
  }
  if (action === 'to-draft' && row.status === 'scheduled') publishedAt = null

  const userId = actor.kind === 'user' ? actor.userId : null
  await ctx.db.transaction().execute(async (trx) => {
    const isMoved = await updateStoryAtRevision(
      trx,
      id,
      { revision: row.revision, statuses: step.from },
      {
        status: step.to,
        published_at: publishedAt,
        updated_at: action === 'publish' ? (publishedAt ?? now) : now,
      },
    )
    if (!isMoved) throw new StoryConflictError((await findStoryById(trx, id))?.revision ?? row.revision + 1)
    if (action === 'publish') {
      const saved = await findStoryById(trx, id)
      if (saved) await insertRevision(trx, saved, { reason: 'published', userId, at: now })
    }
  })
  await recordAudit(
    ctx,
    actor,
    step.audit,
    { type: 'story', id },
    {
      from: row.status,
      to: step.to,
      ...(action === 'schedule' ? { at: publishedAt } : {}),
    },
  )
  if (action === 'publish') await ctx.events.emit({ type: 'article.published', articleId: id, at: now })
  if (action === 'unpublish') await ctx.events.emit({ type: 'article.unpublished', articleId: id, at: now })
  // Steps readers do not see (submit, schedule, back to draft) still change the status staff search by.
  if (action !== 'publish' && action !== 'unpublish') await keepSearchable(ctx, id)
  return step.to
}
