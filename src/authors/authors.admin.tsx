// /admin/authors: bylines — people and agencies — with their public profile (name, slug, job
// title, biography, avatar) and, for administrators only, the staff account behind them. A
// pseudonymous byline never shows that account anywhere public.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { type AdminMessageKey, adminT, useAdminT } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, type FormBody, formField } from '../admin/form-body.ts'
import {
  CheckboxField,
  type FieldErrors,
  formLevelProblems,
  SelectField,
  TextAreaField,
  TextField,
} from '../admin/form-fields.tsx'
import { translateErrorMessage, translateFieldErrors, translateProblems } from '../admin/problem-messages.ts'
import { idParam, queryParam } from '../admin/route-params.ts'
import { can } from '../auth/capabilities.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, ValidationError } from '../errors.ts'
import { listUsers } from '../users/users.service.ts'
import {
  type AuthorAdminView,
  type AuthorInput,
  addAuthor,
  getAuthorForAdmin,
  listAuthorsForAdmin,
  updateAuthor,
} from './authors.service.ts'

const ACCESS = { config: { capability: 'authors.manage' } } as const

const NOTICES: Record<string, AdminMessageKey> = {
  created: 'admin.authors.noticeCreated',
  saved: 'admin.authors.noticeSaved',
}

function noticeOf(request: FastifyRequest): string | undefined {
  const key = NOTICES[queryParam(request, 'notice')]
  return key && adminT(request)(key)
}

interface AuthorFormValues {
  name: string
  slug: string
  kind: string
  jobTitle: string
  bio: string
  avatarMediaId: string
  isPseudonym: boolean
  userId: string
}

const EMPTY_FORM: AuthorFormValues = {
  name: '',
  slug: '',
  kind: 'person',
  jobTitle: '',
  bio: '',
  avatarMediaId: '',
  isPseudonym: false,
  userId: '',
}

interface StaffOption {
  value: string
  label: string
}

function AuthorFields(props: {
  values: AuthorFormValues
  errors: FieldErrors
  idPrefix: string
  /** Present for administrators only: who may link a byline to a staff account. */
  staff?: StaffOption[]
  avatarUrl?: string
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
        dir="auto"
        isRequired
      />
      <TextField
        name="slug"
        label={t('admin.common.slug')}
        value={values.slug}
        errors={errors}
        idPrefix={idPrefix}
        dir="auto"
        hint={t('admin.authors.slugHint')}
      />
      <SelectField
        name="kind"
        label={t('admin.authors.kind')}
        value={values.kind}
        errors={errors}
        idPrefix={idPrefix}
        options={[
          { value: 'person', label: t('admin.authors.kindPerson') },
          { value: 'organization', label: t('admin.authors.kindOrganisation') },
        ]}
      />
      <TextField
        name="jobTitle"
        label={t('admin.authors.jobTitle')}
        value={values.jobTitle}
        errors={errors}
        idPrefix={idPrefix}
        dir="auto"
      />
      <TextAreaField
        name="bio"
        label={t('admin.authors.bio')}
        value={values.bio}
        errors={errors}
        idPrefix={idPrefix}
      />
      {props.avatarUrl ? (
        <img class="avatar-preview" src={props.avatarUrl} alt="The current avatar" width={64} height={64} />
      ) : null}
      <TextField
        name="avatarMediaId"
        label={t('admin.authors.avatar')}
        value={values.avatarMediaId}
        errors={errors}
        idPrefix={idPrefix}
        inputMode="numeric"
        hint={t('admin.authors.avatarHint')}
      />
      <CheckboxField
        name="isPseudonym"
        label={t('admin.authors.pseudonym')}
        isChecked={values.isPseudonym}
        idPrefix={idPrefix}
        hint={t('admin.authors.pseudonymHint')}
      />
      {props.staff ? (
        <SelectField
          name="userId"
          label={t('admin.authors.staffAccount')}
          value={values.userId}
          errors={errors}
          idPrefix={idPrefix}
          options={[{ value: '', label: t('admin.authors.none') }, ...props.staff]}
          hint={t('admin.authors.staffHint')}
        />
      ) : null}
    </>
  )
}

export function AuthorsPage(props: {
  chrome: AdminChrome
  authors: AuthorAdminView[]
  canSeeAccounts: boolean
  notice?: string
  problems: string[]
  errors: FieldErrors
  form: AuthorFormValues
  staff?: StaffOption[]
}) {
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.nav.authors')}>
      <h1>{t('admin.authors.title')}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.authors.length === 0 ? (
        <p>{t('admin.authors.noBylines')}</p>
      ) : (
        <div class="table-scroll">
          <table class="manage-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.stories.byline')}</th>
                <th scope="col">{t('admin.authors.kind')}</th>
                <th scope="col">{t('admin.nav.stories')}</th>
                {props.canSeeAccounts ? <th scope="col">{t('admin.authors.staffAccountShort')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.authors.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/admin/authors/${a.id}`} dir="auto">
                      {a.name}
                    </a>
                    {a.isPseudonym ? <span class="badge">{t('admin.authors.pseudonymBadge')}</span> : null}
                    <br />
                    <code dir="ltr">{a.url}</code>
                  </td>
                  <td data-label={t('admin.authors.kind')}>
                    {a.kind === 'organization' ? t('admin.authors.organisation') : t('admin.authors.person')}
                  </td>
                  <td class="number" data-label={t('admin.nav.stories')}>
                    {a.storyCount}
                  </td>
                  {props.canSeeAccounts ? (
                    <td data-label={t('admin.authors.staffAccountShort')}>
                      {a.linkedUser ? <bdi>{a.linkedUser.displayName}</bdi> : '—'}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="new-author-heading">
        <h2 id="new-author-heading">{t('admin.authors.newHeading')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/authors" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <AuthorFields values={props.form} errors={props.errors} idPrefix="new-" staff={props.staff} />
          <button type="submit">{t('admin.authors.create')}</button>
        </form>
      </section>
    </AdminLayout>
  )
}

export function AuthorEditPage(props: {
  chrome: AdminChrome
  author: AuthorAdminView
  notice?: string
  problems: string[]
  errors: FieldErrors
  form: AuthorFormValues
  expected: { name: string; slug: string }
  staff?: StaffOption[]
}) {
  const { author } = props
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.authors.pageTitle', { name: author.name })}>
      <p>
        <a href="/admin/authors">{t('admin.authors.back')}</a>
      </p>
      <h1>
        {t('admin.stories.byline')}: <bdi>{author.name}</bdi>
      </h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        {t('admin.tags.onTheSite')}{' '}
        <a href={author.url} dir="ltr">
          {author.url}
        </a>{' '}
        · {t('admin.tags.storyCount', { count: author.storyCount })}
      </p>
      <section class="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('admin.authors.profile')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action={`/admin/authors/${author.id}`} class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <input type="hidden" name="expectedName" value={props.expected.name} />
          <input type="hidden" name="expectedSlug" value={props.expected.slug} />
          <AuthorFields
            values={props.form}
            errors={props.errors}
            idPrefix="edit-"
            staff={props.staff}
            avatarUrl={author.avatar?.url}
          />
          <button type="submit">{t('admin.authors.save')}</button>
        </form>
      </section>
    </AdminLayout>
  )
}

function readForm(body: FormBody): AuthorFormValues {
  return {
    name: formField(body, 'name'),
    slug: formField(body, 'slug'),
    kind: formField(body, 'kind'),
    jobTitle: formField(body, 'jobTitle'),
    bio: formField(body, 'bio'),
    avatarMediaId: formField(body, 'avatarMediaId'),
    isPseudonym: formField(body, 'isPseudonym') === 'on',
    userId: formField(body, 'userId'),
  }
}

/** The account link is sent on only when the form had the field (administrators' forms do). */
function toInput(values: AuthorFormValues, body: FormBody): AuthorInput {
  return { ...values, userId: 'userId' in body ? values.userId : undefined }
}

async function staffOptions(ctx: AppContext, request: FastifyRequest): Promise<StaffOption[] | undefined> {
  if (!can(requireActor(request), 'users.manage')) return undefined
  return (await listUsers(ctx)).map((u) => ({
    value: String(u.id),
    label: `${u.displayName} (${u.email})${u.isActive ? '' : ', deactivated'}`,
  }))
}

async function showList(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    notice?: string
    problems?: string[]
    errors?: FieldErrors
    form?: AuthorFormValues
    status?: number
  } = {},
): Promise<FastifyReply> {
  const canSeeAccounts = can(requireActor(request), 'users.manage')
  const page = (
    <AuthorsPage
      chrome={adminChrome(ctx, request, reply)}
      authors={await listAuthorsForAdmin(ctx)}
      canSeeAccounts={canSeeAccounts}
      notice={options.notice}
      problems={options.problems ?? []}
      errors={options.errors ?? {}}
      form={options.form ?? EMPTY_FORM}
      staff={await staffOptions(ctx, request)}
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
    notice?: string
    problems?: string[]
    errors?: FieldErrors
    form?: AuthorFormValues
    expected?: { name: string; slug: string }
    status?: number
  } = {},
): Promise<FastifyReply> {
  const author = await getAuthorForAdmin(ctx, id)
  const staff = await staffOptions(ctx, request)
  const current: AuthorFormValues = {
    name: author.name,
    slug: author.slug,
    kind: author.kind,
    jobTitle: author.jobTitle,
    bio: author.bio,
    avatarMediaId: author.avatarMediaId === null ? '' : String(author.avatarMediaId),
    isPseudonym: author.isPseudonym,
    // Only administrators' pages carry the link, even in a hidden form value.
    userId: staff && author.linkedUser ? String(author.linkedUser.id) : '',
  }
  const page = (
    <AuthorEditPage
      chrome={adminChrome(ctx, request, reply)}
      author={author}
      notice={options.notice}
      problems={options.problems ?? []}
      errors={options.errors ?? {}}
      form={options.form ?? current}
      expected={options.expected ?? { name: author.name, slug: author.slug }}
      staff={staff}
    />
  )
  return sendAdminPage(reply, page, options.status ?? 200)
}

export function registerAuthorRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/authors', ACCESS, async (request, reply) =>
    showList(ctx, request, reply, { notice: noticeOf(request) }),
  )

  admin.post('/authors', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const form = readForm(body)
    let id: number
    try {
      id = await addAuthor(ctx, actor, toInput(form, body))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const problems = formLevelProblems(translateProblems(request, error), error.fields)
      return showList(ctx, request, reply, {
        problems,
        errors: translateFieldErrors(request, error),
        form,
        status: 422,
      })
    }
    return reply.redirect(`/admin/authors/${id}?notice=created`, 303)
  })

  admin.get('/authors/:id', ACCESS, async (request, reply) =>
    showEdit(ctx, request, reply, idParam(request), { notice: noticeOf(request) }),
  )

  admin.post('/authors/:id', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const id = idParam(request)
    const body = asFormBody(request.body)
    const form = readForm(body)
    const expected = { name: formField(body, 'expectedName'), slug: formField(body, 'expectedSlug') }
    try {
      await updateAuthor(ctx, actor, id, toInput(form, body), expected)
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
      if (error instanceof AppError && error.code === 'STALE_FORM')
        return showEdit(ctx, request, reply, id, {
          problems: [translateErrorMessage(request, error)],
          form,
          status: 409,
        })
      throw error
    }
    return reply.redirect(`/admin/authors/${id}?notice=saved`, 303)
  })
}
