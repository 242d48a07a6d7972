// The newsroom's story pages under /admin: the list, the editor (new and existing), autosave,
// the workflow buttons, staff preview, revisions, and the editor's small JSON helpers. Handlers
// stay thin: every rule lives in editorial/workflow/revisions services.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminMessageKey, adminT } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, type FormBody, formField } from '../admin/form-body.ts'
import { translateErrorMessage, translateProblems } from '../admin/problem-messages.ts'
import { can } from '../auth/capabilities.ts'
import { requireActor } from '../auth/route-access.ts'
import { listBylineChoices } from '../authors/byline-choices.service.ts'
import type { AppContext, UserActor } from '../context.ts'
import type { ArticleRow, ArticleStatus } from '../db/tables.ts'
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  StoryConflictError,
  ValidationError,
} from '../errors.ts'
import { absoluteUrl } from '../http/site-pages.ts'
import { parsePageNumber } from '../lib/pagination.ts'
import { listSections, type SectionView } from '../sections/sections.service.ts'
import { articleUrl } from './articles.service.ts'
import { registerEditorAssets } from './editor-assets.ts'
import {
  createStory,
  listStoriesForAdmin,
  loadStory,
  loadStoryForEdit,
  type SaveResult,
  type StoredStory,
  saveStory,
  storyResource,
} from './editorial.service.ts'
import { compareVersions } from './revisions.service.ts'
import { siteLocalToUtc, utcToSiteLocal } from './schedule-time.ts'
import { registerStoryApiRoutes } from './story-api.admin.ts'
import { type ConflictView, StoryEditorPage } from './story-editor-page.tsx'
import {
  EMPTY_STORY_FORM,
  parseStoryForm,
  readStoryForm,
  STORY_REQUEST_LIMIT,
  type StoryForm,
} from './story-input.ts'
import { STATUS_LABELS, StoryListPage } from './story-list-page.tsx'
import { queryOf, storyId } from './story-request.ts'
import { registerStoryRevisionRoutes } from './story-revisions.admin.tsx'
import {
  setTranslationOf,
  translationChoices,
  translationOfField,
  translationProblem,
} from './translations.service.ts'
import {
  applyWorkflowStep,
  isWorkflowAction,
  WORKFLOW_STEPS,
  type WorkflowAction,
} from './workflow.service.ts'

const NOTICES: Record<string, AdminMessageKey> = {
  created: 'admin.editor.noticeCreated',
  saved: 'admin.editor.noticeSaved',
  submit: 'admin.editor.noticeSubmit',
  publish: 'admin.editor.noticePublish',
  schedule: 'admin.editor.noticeSchedule',
  unpublish: 'admin.editor.noticeUnpublish',
  'to-draft': 'admin.editor.noticeToDraft',
}

function formFromStored(stored: StoredStory, timeZone: string): StoryForm {
  const { row } = stored
  return {
    headline: row.headline,
    dek: row.dek,
    slug: row.slug,
    sectionId: String(row.section_id),
    tags: stored.tagNames.join(', '),
    authorIds: stored.authorIds.map(String),
    dateline: row.dateline,
    excerpt: row.excerpt ?? '',
    featuredMediaId: row.featured_media_id === null ? '' : String(row.featured_media_id),
    featuredCaption: row.featured_caption,
    featuredCredit: row.featured_credit,
    language: row.language,
    bodyHtml: row.body_html,
    correctionNote: row.correction_note,
    scheduleAt:
      row.status === 'scheduled' && row.published_at ? utcToSiteLocal(row.published_at, timeZone) : '',
  }
}

function finalUrlOf(
  ctx: AppContext,
  sections: readonly SectionView[],
  sectionId: number,
  slug: string,
): string | undefined {
  const section = sections.find((s) => s.id === sectionId)
  return section ? absoluteUrl(ctx, articleUrl(section.slug, slug)) : undefined
}

/** The workflow buttons this person may press for a story in this state. */
async function allowedActions(
  ctx: AppContext,
  actor: UserActor,
  row: Pick<ArticleRow, 'id' | 'status'> | undefined,
): Promise<WorkflowAction[]> {
  const resource = row
    ? await storyResource(ctx, row)
    : { ownerUserIds: [actor.userId], status: 'draft' as const }
  return (Object.keys(WORKFLOW_STEPS) as WorkflowAction[]).filter((action) => {
    const step = WORKFLOW_STEPS[action]
    return (
      resource.status !== undefined &&
      step.from.includes(resource.status) &&
      can(actor, step.capability, resource)
    )
  })
}

interface EditorState {
  row: ArticleRow | undefined
  form: StoryForm
  revision: number
  problems?: string[]
  notice?: string | undefined
  conflict?: ConflictView
  status?: number
}

export function registerStoryAdminRoutes(admin: FastifyInstance, ctx: AppContext): void {
  const assets = registerEditorAssets(admin, ctx)
  const tz = ctx.config.timeZone

  async function showEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    state: EditorState,
  ): Promise<FastifyReply> {
    const actor = requireActor(request)
    const [sections, bylines, urls, actions, translations] = await Promise.all([
      listSections(ctx),
      listBylineChoices(ctx),
      assets.urls(),
      allowedActions(ctx, actor, state.row),
      // Stories in every language but this one's, for "Translation of".
      translationChoices(ctx, state.form.language, state.row?.id),
    ])
    const form =
      state.form.sectionId === '' ? { ...state.form, sectionId: String(sections[0]?.id ?? '') } : state.form
    const { row } = state
    const hasRevisions = row !== undefined && row.published_at !== null
    const page = (
      <StoryEditorPage
        chrome={adminChrome(ctx, request, reply)}
        assets={urls}
        storyId={row?.id}
        revision={state.revision}
        status={row?.status ?? 'draft'}
        form={form}
        sections={sections.map((s) => ({ id: s.id, name: s.name, slug: s.slug }))}
        bylines={bylines}
        translationChoices={translations}
        finalUrl={row ? finalUrlOf(ctx, sections, row.section_id, row.slug) : undefined}
        siteUrl={ctx.config.siteUrl}
        publishedAt={row?.published_at ?? null}
        updatedAt={row?.updated_at}
        timeZone={tz}
        actions={actions}
        hasRevisions={hasRevisions}
        problems={state.problems ?? []}
        notice={state.notice}
        conflict={state.conflict}
      />
    )
    return sendAdminPage(reply, page, state.status ?? 200)
  }

  /** A refused save: the form comes back with exactly what the person typed and why. */
  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | undefined,
    form: StoryForm,
    error: unknown,
    revision: number,
  ): Promise<FastifyReply> {
    const row = id === undefined ? undefined : await loadStory(ctx, id)
    if (error instanceof StoryConflictError && row) {
      const conflict: ConflictView = {
        storedRevision: row.revision,
        storedAt: row.updated_at,
        stored: { headline: row.headline, dek: row.dek, bodyHtml: row.body_html },
        fields: compareVersions(row, {
          headline: form.headline,
          dek: form.dek,
          dateline: form.dateline,
          excerpt: form.excerpt,
          correction_note: form.correctionNote,
          body_html: form.bodyHtml,
        }),
      }
      // The form now carries the stored revision: pressing Save again is a deliberate choice.
      return showEditor(request, reply, {
        row,
        form,
        revision: row.revision,
        problems: [translateErrorMessage(request, error)],
        conflict,
        status: 409,
      })
    }
    if (error instanceof ValidationError)
      return showEditor(request, reply, {
        row,
        form,
        revision,
        problems: translateProblems(request, error),
        status: error.status,
      })
    if (error instanceof AppError && (error.status === 409 || error.status === 422 || error.status === 404))
      return showEditor(request, reply, {
        row,
        form,
        revision,
        problems: [translateErrorMessage(request, error)],
        status: error.status,
      })
    throw error
  }

  /** Reads the action and, for scheduling, the time; problems are found before anything is saved. */
  function readAction(
    body: FormBody,
    form: StoryForm,
  ): { action: WorkflowAction | 'save'; scheduleAt?: string; problems: string[] } {
    const value = formField(body, 'action') || 'save'
    if (value !== 'save' && !isWorkflowAction(value)) throw new BadRequestError('Unknown action.')
    if (value !== 'schedule') return { action: value, problems: [] }
    const scheduleAt = siteLocalToUtc(form.scheduleAt, tz)
    if (scheduleAt === undefined)
      return { action: value, problems: ['Choose the date and time at which the story should be published.'] }
    if (Date.parse(scheduleAt) <= ctx.clock.now().getTime())
      return {
        action: value,
        problems: ['The publication time must be in the future; to publish now, press Publish now.'],
      }
    return { action: value, scheduleAt, problems: [] }
  }

  async function saveAndStep(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | undefined,
  ): Promise<FastifyReply> {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const form = readStoryForm(body)
    const revision = Number(formField(body, 'revision')) || 1
    const current = id === undefined ? undefined : (await loadStoryForEdit(ctx, actor, id)).row
    const { input, problems } = parseStoryForm(form)
    // Checked before anything is saved: a refused link leaves nothing half-done.
    const translation =
      input.translationOf === undefined
        ? undefined
        : await translationProblem(ctx, { id, language: input.language }, input.translationOf)
    if (translation) problems.push(translation)
    const step = readAction(body, form)
    // A step this person may not take is refused before anything is saved, so a refused
    // "Publish" never leaves half its work behind.
    if (step.action !== 'save' && !(await allowedActions(ctx, actor, current)).includes(step.action)) {
      const rule = WORKFLOW_STEPS[step.action]
      if (current && !rule.from.includes(current.status))
        return refused(request, reply, id, form, new ConflictError('STORY_STATE', rule.refusal), revision)
      throw new ForbiddenError()
    }
    if (problems.length + step.problems.length > 0)
      return refused(request, reply, id, form, new ValidationError([...problems, ...step.problems]), revision)
    let saved: SaveResult | undefined
    try {
      saved =
        id === undefined
          ? await createStory(ctx, actor, input)
          : await saveStory(ctx, actor, id, revision, input)
      if (input.translationOf !== undefined) await setTranslationOf(ctx, actor, saved.id, input.translationOf)
      if (step.action !== 'save') {
        await applyWorkflowStep(
          ctx,
          actor,
          saved.id,
          step.action,
          step.scheduleAt ? { scheduleAt: step.scheduleAt } : {},
        )
      }
    } catch (error) {
      if (saved === undefined) return refused(request, reply, id, form, error, revision)
      // The words were saved; only the step was refused. Say both, and show the saved story.
      const stored = await loadStoryForEdit(ctx, actor, saved.id)
      if (!(error instanceof AppError) || error.status >= 500) throw error
      const message =
        error instanceof ValidationError
          ? translateProblems(request, error)
          : [translateErrorMessage(request, error)]
      return showEditor(request, reply, {
        row: stored.row,
        form: {
          ...formFromStored(stored, tz),
          scheduleAt: form.scheduleAt,
          translationOf: await translationOfField(ctx, stored.row.id),
        },
        revision: stored.row.revision,
        problems: [adminT(request)('admin.editor.savedBut', { problems: message.join(' ') })],
        status: error.status,
      })
    }
    const notice = step.action === 'save' ? (id === undefined ? 'created' : 'saved') : step.action
    return reply.redirect(`/admin/stories/${saved.id}?notice=${notice}`, 303)
  }

  admin.get('/stories', { config: { capability: 'story.edit' } }, async (request, reply) => {
    const actor = requireActor(request)
    const q = queryOf(request)
    const filters = {
      status: q.status ?? '',
      section: q.section ?? '',
      author: q.author ?? '',
      q: (q.q ?? '').slice(0, 200),
    }
    const status = Object.hasOwn(STATUS_LABELS, filters.status)
      ? (filters.status as ArticleStatus)
      : undefined
    const toId = (v: string): number | undefined => (/^\d{1,9}$/.test(v) ? Number(v) : undefined)
    const sectionId = toId(filters.section)
    const authorId = toId(filters.author)
    const page = parsePageNumber(q.page)
    const result = await listStoriesForAdmin(
      ctx,
      {
        ...(status ? { status } : {}),
        ...(sectionId ? { sectionId } : {}),
        ...(authorId ? { authorId } : {}),
        ...(filters.q.trim() ? { query: filters.q } : {}),
      },
      page,
    )
    if (page > result.pageCount) throw new NotFoundError('There is no such page of stories.')
    const [sections, bylines, urls] = await Promise.all([
      listSections(ctx),
      listBylineChoices(ctx),
      assets.urls(),
    ])
    const sectionName = new Map(sections.map((s) => [s.id, s.name]))
    const view = (
      <StoryListPage
        chrome={adminChrome(ctx, request, reply)}
        stylesheetUrl={urls.stylesheetUrl}
        stories={result.items.map((s) => ({
          id: s.id,
          headline: s.headline,
          status: s.status,
          sectionName: sectionName.get(s.section_id) ?? '',
          language: s.language,
          updatedAt: s.updated_at,
          publishedAt: s.published_at,
          canEdit: can(actor, 'story.edit', { ownerUserIds: s.ownerUserIds, status: s.status }),
        }))}
        filters={filters}
        sections={sections.map((s) => ({ id: s.id, name: s.name }))}
        authors={bylines.map((b) => ({ id: b.id, name: b.name }))}
        page={page}
        pageCount={result.pageCount}
        total={result.total}
        timeZone={tz}
      />
    )
    return sendAdminPage(reply, view)
  })

  admin.get('/stories/new', { config: { capability: 'story.create' } }, async (request, reply) => {
    return showEditor(request, reply, { row: undefined, form: EMPTY_STORY_FORM, revision: 1 })
  })

  const writeRoute = (capability: 'story.create' | 'story.edit') => ({
    config: { capability },
    bodyLimit: STORY_REQUEST_LIMIT,
  })

  admin.post('/stories', writeRoute('story.create'), async (request, reply) =>
    saveAndStep(request, reply, undefined),
  )

  // Autosave speaks JSON: the island shows the answer beside the form ("Saved 12:04").
  admin.post('/stories/autosave', writeRoute('story.create'), async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const form = readStoryForm(body)
    const id = /^\d{1,9}$/.test(formField(body, 'storyId')) ? Number(formField(body, 'storyId')) : undefined
    const revision = Number(formField(body, 'revision')) || 1
    try {
      const { input, problems } = parseStoryForm(form)
      if (problems.length > 0) throw new ValidationError(problems)
      const saved =
        id === undefined
          ? await createStory(ctx, actor, input, { isAutosave: true })
          : await saveStory(ctx, actor, id, revision, input, { isAutosave: true })
      const sections = await listSections(ctx)
      return reply.send({ ...saved, finalUrl: finalUrlOf(ctx, sections, input.sectionId ?? 0, saved.slug) })
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error
      // The island shows this beside the save state, so it is in the person's admin language.
      const message =
        error instanceof ValidationError
          ? translateProblems(request, error).join('; ')
          : translateErrorMessage(request, error)
      return reply.status(error.status).send({ error: { code: error.code, message } })
    }
  })

  admin.get('/stories/:id', { config: { capability: 'story.edit' } }, async (request, reply) => {
    const actor = requireActor(request)
    const stored = await loadStoryForEdit(ctx, actor, storyId(request))
    const noticeKey = NOTICES[queryOf(request).notice ?? '']
    return showEditor(request, reply, {
      row: stored.row,
      form: { ...formFromStored(stored, tz), translationOf: await translationOfField(ctx, stored.row.id) },
      revision: stored.row.revision,
      notice: noticeKey && adminT(request)(noticeKey),
    })
  })

  admin.post('/stories/:id', writeRoute('story.edit'), async (request, reply) =>
    saveAndStep(request, reply, storyId(request)),
  )

  registerStoryRevisionRoutes(admin, ctx, assets)
  registerStoryApiRoutes(admin, ctx)
}
