// /admin/sections: the section tree in order; create, rename (and re-slug, leaving redirects),
// move up and down, nest under a parent, delete an empty one. Plain forms: no JavaScript needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import {
  type AdminMessageKey,
  type AdminTranslate,
  adminT,
  adminTranslate,
  useAdminT,
} from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, type FormBody, formField } from '../admin/form-body.ts'
import {
  type FieldErrors,
  formLevelProblems,
  SelectField,
  TextAreaField,
  TextField,
} from '../admin/form-fields.tsx'
import { translateErrorMessage, translateFieldErrors, translateProblems } from '../admin/problem-messages.ts'
import { idParam, queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, ValidationError } from '../errors.ts'
import { LANGUAGES, SITE_LANGUAGES, type SiteLanguage } from '../i18n/languages.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { readerLanguage } from '../settings/settings.service.ts'
import {
  addSection,
  deleteSection,
  getSection,
  getSectionTranslations,
  listSectionTree,
  MAX_SECTION_NAME_LENGTH,
  moveSection,
  type SectionInput,
  type SectionTreeItem,
  type SectionView,
  updateSection,
} from './sections.service.ts'

const ACCESS = { config: { capability: 'sections.manage' } } as const

const NOTICES: Record<string, AdminMessageKey> = {
  created: 'admin.sections.noticeCreated',
  saved: 'admin.sections.noticeSaved',
  moved: 'admin.sections.noticeMoved',
  deleted: 'admin.sections.noticeDeleted',
}

interface SectionFormValues {
  name: string
  slug: string
  description: string
  parentId: string
  /** Name and description per other language, as typed (fields name_fa, description_fa…). */
  translations: Record<string, { name: string; description: string }>
}

const EMPTY_FORM: SectionFormValues = { name: '', slug: '', description: '', parentId: '', translations: {} }

/** The languages whose names the form asks for: all but the default (its name is the main one). */
function translatedLanguages(defaultLanguage: string): SiteLanguage[] {
  return SITE_LANGUAGES.filter((language) => language !== defaultLanguage)
}

function noticeOf(request: FastifyRequest): string | undefined {
  const key = NOTICES[queryParam(request, 'notice')]
  return key && adminT(request)(key)
}

/** Name and description fields for each language other than the default. */
function SectionTranslationFields(props: {
  values: SectionFormValues
  errors: FieldErrors
  idPrefix: string
  languages: readonly SiteLanguage[]
}) {
  const locale = useLocale()
  const { t } = locale
  return (
    <fieldset class="section-translations">
      <legend>{t('languages.sections.translationsLegend')}</legend>
      <p class="hint">{t('languages.sections.translationsHint')}</p>
      {props.languages.map((language) => {
        const label = adminTranslate(locale)(`admin.language.${language}`)
        const value = props.values.translations[language] ?? { name: '', description: '' }
        return (
          <div key={language} lang={language} dir={LANGUAGES[language].dir}>
            <TextField
              name={`name_${language}`}
              label={t('languages.sections.nameIn', { language: label })}
              value={value.name}
              errors={props.errors}
              idPrefix={props.idPrefix}
              maxLength={MAX_SECTION_NAME_LENGTH}
              dir="auto"
            />
            <TextAreaField
              name={`description_${language}`}
              label={t('languages.sections.descriptionIn', { language: label })}
              value={value.description}
              errors={props.errors}
              idPrefix={props.idPrefix}
              rows={2}
              maxLength={500}
            />
          </div>
        )
      })}
    </fieldset>
  )
}

function indentedName(s: SectionTreeItem): string {
  return `${'— '.repeat(s.depth)}${s.name}`
}

function parentOptions(t: AdminTranslate, tree: SectionTreeItem[], excludeId?: number) {
  // A section cannot go inside itself or its own subsections: those are left out of the list
  // (the server refuses them too).
  const excluded = new Set<number>()
  if (excludeId !== undefined) {
    excluded.add(excludeId)
    for (const s of tree) if (s.parentId !== null && excluded.has(s.parentId)) excluded.add(s.id)
  }
  return [
    { value: '', label: t('admin.sections.parentNone') },
    ...tree.filter((s) => !excluded.has(s.id)).map((s) => ({ value: String(s.id), label: indentedName(s) })),
  ]
}

function SectionFields(props: {
  values: SectionFormValues
  errors: FieldErrors
  tree: SectionTreeItem[]
  excludeId?: number
  idPrefix: string
  languages?: readonly SiteLanguage[]
}) {
  const { values, errors, idPrefix } = props
  const t = useAdminT()
  return (
    <>
      <TextField
        name="name"
        label={t('admin.apiKeys.colName')}
        value={values.name}
        errors={errors}
        idPrefix={idPrefix}
        maxLength={MAX_SECTION_NAME_LENGTH}
        isRequired
      />
      <TextField
        name="slug"
        label={t('admin.common.slug')}
        value={values.slug}
        errors={errors}
        idPrefix={idPrefix}
        dir="auto"
        hint={t('admin.sections.slugHint')}
      />
      <TextAreaField
        name="description"
        label={t('admin.sections.description')}
        value={values.description}
        errors={errors}
        idPrefix={idPrefix}
        rows={2}
        maxLength={500}
      />
      <SelectField
        name="parentId"
        label={t('admin.sections.parent')}
        value={values.parentId}
        errors={errors}
        idPrefix={idPrefix}
        options={parentOptions(t, props.tree, props.excludeId)}
        hint={t('admin.sections.parentHint')}
      />
      <SectionTranslationFields
        values={values}
        errors={errors}
        idPrefix={idPrefix}
        languages={props.languages ?? []}
      />
    </>
  )
}

export function SectionsPage(props: {
  chrome: AdminChrome
  tree: SectionTreeItem[]
  notice?: string
  problems: string[]
  errors: FieldErrors
  form: SectionFormValues
  /** Languages whose names the form asks for (all but the site's default). */
  languages: readonly SiteLanguage[]
}) {
  const { chrome, tree } = props
  const t = useAdminT()
  return (
    <AdminLayout chrome={chrome} title={t('admin.nav.sections')}>
      <h1>{t('admin.nav.sections')}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <section aria-labelledby="section-list-heading">
        <h2 id="section-list-heading">{t('admin.sections.order')}</h2>
        {tree.length === 0 ? (
          <p>{t('admin.sections.none')}</p>
        ) : (
          <ol class="manage-list section-tree">
            {tree.map((s) => (
              <li key={s.id} class={`manage-row depth-${Math.min(s.depth, 3)}`}>
                <div class="manage-main">
                  <a href={`/admin/sections/${s.id}`} class="manage-name">
                    {s.depth > 0 ? (
                      <span class="visually-hidden">
                        {t('admin.sections.subsectionLevel', { level: s.depth + 1 })}{' '}
                      </span>
                    ) : null}
                    <bdi>{s.name}</bdi>
                  </a>
                  <span class="manage-meta">
                    <code dir="ltr">{s.url}</code> · {t('admin.tags.storyCount', { count: s.storyCount })}
                    {s.childCount > 0
                      ? ` · ${t('admin.sections.subsectionCount', { count: s.childCount })}`
                      : ''}
                  </span>
                </div>
                <div class="manage-actions">
                  <form method="post" action={`/admin/sections/${s.id}/move`} class="inline-form">
                    <CsrfField token={chrome.csrfToken} />
                    <input type="hidden" name="direction" value="up" />
                    <button
                      type="submit"
                      class="small"
                      disabled={s.isFirstSibling}
                      aria-label={t('admin.sections.moveUpLabel', { name: s.name })}
                    >
                      ↑ {t('admin.sections.up')}
                    </button>
                  </form>
                  <form method="post" action={`/admin/sections/${s.id}/move`} class="inline-form">
                    <CsrfField token={chrome.csrfToken} />
                    <input type="hidden" name="direction" value="down" />
                    <button
                      type="submit"
                      class="small"
                      disabled={s.isLastSibling}
                      aria-label={t('admin.sections.moveDownLabel', { name: s.name })}
                    >
                      ↓ {t('admin.sections.down')}
                    </button>
                  </form>
                  <a
                    href={`/admin/sections/${s.id}`}
                    class="button-link small"
                    aria-label={t('admin.sections.editLabel', { name: s.name })}
                  >
                    {t('admin.sections.edit')}
                  </a>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section class="panel" aria-labelledby="new-section-heading">
        <h2 id="new-section-heading">{t('admin.sections.newHeading')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/sections" class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <SectionFields
            values={props.form}
            errors={props.errors}
            tree={tree}
            idPrefix="new-"
            languages={props.languages}
          />
          <button type="submit">{t('admin.sections.create')}</button>
        </form>
      </section>
    </AdminLayout>
  )
}

export function SectionEditPage(props: {
  chrome: AdminChrome
  section: SectionView
  tree: SectionTreeItem[]
  problems: string[]
  errors: FieldErrors
  form: SectionFormValues
  /** What the form was opened at (kept across a failed save, so a stale save is still caught). */
  expected: { name: string; slug: string; parentId: string }
  deleteProblem?: string
  languages: readonly SiteLanguage[]
}) {
  const { chrome, section } = props
  const item = props.tree.find((s) => s.id === section.id)
  const t = useAdminT()
  return (
    <AdminLayout chrome={chrome} title={t('admin.sections.pageTitle', { name: section.name })}>
      <p>
        <a href="/admin/sections">{t('admin.sections.back')}</a>
      </p>
      <h1>
        {t('admin.stories.section')}: <bdi>{section.name}</bdi>
      </h1>
      <p>
        {t('admin.tags.onTheSite')}{' '}
        <a href={section.url} dir="ltr">
          {section.url}
        </a>
      </p>
      <section class="panel" aria-labelledby="edit-section-heading">
        <h2 id="edit-section-heading">{t('admin.sections.editHeading')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action={`/admin/sections/${section.id}`} class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="expectedName" value={props.expected.name} />
          <input type="hidden" name="expectedSlug" value={props.expected.slug} />
          <input type="hidden" name="expectedParentId" value={props.expected.parentId} />
          <SectionFields
            values={props.form}
            errors={props.errors}
            tree={props.tree}
            excludeId={section.id}
            idPrefix="edit-"
            languages={props.languages}
          />
          <button type="submit">{t('admin.sections.save')}</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="delete-section-heading">
        <h2 id="delete-section-heading">{t('admin.common.delete')}</h2>
        {props.deleteProblem ? (
          <Notice kind="error">
            <p>{props.deleteProblem}</p>
          </Notice>
        ) : null}
        {item && (item.storyCount > 0 || item.childCount > 0) ? (
          <p>
            {t('admin.sections.cannotDelete', { stories: item.storyCount, subsections: item.childCount })}
          </p>
        ) : (
          <form method="post" action={`/admin/sections/${section.id}/delete`}>
            <CsrfField token={chrome.csrfToken} />
            <button type="submit" class="danger">
              {t('admin.sections.delete')}
            </button>
          </form>
        )}
      </section>
    </AdminLayout>
  )
}

function readForm(body: FormBody): SectionFormValues {
  const translations: SectionFormValues['translations'] = {}
  for (const language of SITE_LANGUAGES) {
    // Only languages the form showed are sent; the others are left as they are.
    if (body[`name_${language}`] === undefined && body[`description_${language}`] === undefined) continue
    translations[language] = {
      name: formField(body, `name_${language}`),
      description: formField(body, `description_${language}`),
    }
  }
  return {
    name: formField(body, 'name'),
    slug: formField(body, 'slug'),
    description: formField(body, 'description'),
    parentId: formField(body, 'parentId'),
    translations,
  }
}

function toInput(values: SectionFormValues): SectionInput {
  const parent = Number(values.parentId)
  return {
    name: values.name,
    slug: values.slug,
    description: values.description,
    parentId: /^\d{1,12}$/.test(values.parentId) && parent > 0 ? parent : null,
    translations: values.translations,
  }
}

function optionalId(value: string): number | null {
  return /^\d{1,12}$/.test(value) && Number(value) > 0 ? Number(value) : null
}

async function showList(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    notice?: string
    problems?: string[]
    errors?: FieldErrors
    form?: SectionFormValues
    status?: number
  } = {},
): Promise<FastifyReply> {
  const page = (
    <SectionsPage
      chrome={adminChrome(ctx, request, reply)}
      tree={await listSectionTree(ctx)}
      notice={options.notice}
      problems={options.problems ?? []}
      errors={options.errors ?? {}}
      form={options.form ?? EMPTY_FORM}
      languages={translatedLanguages(await readerLanguage(ctx))}
    />
  )
  return sendAdminPage(reply, page, options.status ?? 200)
}

async function showEdit(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  options: {
    problems?: string[]
    errors?: FieldErrors
    form?: SectionFormValues
    expected?: { name: string; slug: string; parentId: string }
    deleteProblem?: string
    status?: number
  } = {},
): Promise<FastifyReply> {
  const section = await getSection(ctx, id)
  const translations = await getSectionTranslations(ctx, id)
  const current = {
    name: section.name,
    slug: section.slug,
    description: section.description,
    parentId: section.parentId === null ? '' : String(section.parentId),
    translations: Object.fromEntries(
      Object.entries(translations).flatMap(([language, value]) => (value ? [[language, value]] : [])),
    ),
  }
  const page = (
    <SectionEditPage
      chrome={adminChrome(ctx, request, reply)}
      section={section}
      tree={await listSectionTree(ctx)}
      problems={options.problems ?? []}
      errors={options.errors ?? {}}
      form={options.form ?? current}
      expected={options.expected ?? current}
      deleteProblem={options.deleteProblem}
      languages={translatedLanguages(await readerLanguage(ctx))}
    />
  )
  return sendAdminPage(reply, page, options.status ?? 200)
}

export function registerSectionRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/sections', ACCESS, async (request, reply) =>
    showList(ctx, request, reply, { notice: noticeOf(request) }),
  )

  admin.post('/sections', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const form = readForm(asFormBody(request.body))
    try {
      await addSection(ctx, actor, toInput(form))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showList(ctx, request, reply, {
        problems: formLevelProblems(translateProblems(request, error), error.fields),
        errors: translateFieldErrors(request, error),
        form,
        status: 422,
      })
    }
    return reply.redirect('/admin/sections?notice=created', 303)
  })

  admin.get('/sections/:id', ACCESS, async (request, reply) =>
    showEdit(ctx, request, reply, idParam(request)),
  )

  admin.post('/sections/:id', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const id = idParam(request)
    const body = asFormBody(request.body)
    const form = readForm(body)
    const expected = {
      name: formField(body, 'expectedName'),
      slug: formField(body, 'expectedSlug'),
      parentId: formField(body, 'expectedParentId'),
    }
    try {
      await updateSection(ctx, actor, id, toInput(form), {
        name: expected.name,
        slug: expected.slug,
        parentId: optionalId(expected.parentId),
      })
    } catch (error) {
      if (error instanceof ValidationError) {
        const problems = formLevelProblems(translateProblems(request, error), error.fields)
        return showEdit(ctx, request, reply, id, {
          problems,
          errors: translateFieldErrors(request, error),
          form,
          expected,
          status: 422,
        })
      }
      if (error instanceof AppError && error.code === 'STALE_FORM') {
        // The form shows the person's input; the hidden "expected" values move on to the
        // section as it is now, so saving again (after checking) goes through.
        return showEdit(ctx, request, reply, id, {
          problems: [translateErrorMessage(request, error)],
          form,
          status: 409,
        })
      }
      throw error
    }
    return reply.redirect(`/admin/sections?notice=saved`, 303)
  })

  admin.post('/sections/:id/move', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const direction = formField(asFormBody(request.body), 'direction')
    if (direction !== 'up' && direction !== 'down') {
      const message = adminT(request)('admin.problem.moveUpOrDown')
      return showList(ctx, request, reply, { problems: [message], status: 422 })
    }
    await moveSection(ctx, actor, idParam(request), direction)
    return reply.redirect('/admin/sections?notice=moved', 303)
  })

  admin.post('/sections/:id/delete', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const id = idParam(request)
    try {
      await deleteSection(ctx, actor, id)
    } catch (error) {
      if (error instanceof AppError && error.code === 'SECTION_IN_USE')
        return showEdit(ctx, request, reply, id, {
          deleteProblem: translateErrorMessage(request, error),
          status: 409,
        })
      throw error
    }
    return reply.redirect('/admin/sections?notice=deleted', 303)
  })
}
