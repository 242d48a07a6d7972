// /admin/authors: bylines — people and agencies — with their public profile (name, slug, job
// title, biography, avatar) and, for administrators only, the staff account behind them. A
// pseudonymous byline never shows that account anywhere public.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
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

const NOTICES: Record<string, string> = {
  created: 'The byline is created.',
  saved: 'The byline is saved.',
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
  return (
    <>
      <TextField
        name="name"
        label="Name"
        value={values.name}
        errors={errors}
        idPrefix={idPrefix}
        dir="auto"
        isRequired
      />
      <TextField
        name="slug"
        label="Slug (the address)"
        value={values.slug}
        errors={errors}
        idPrefix={idPrefix}
        dir="auto"
        hint="Left empty, it is made from the name. Changing it keeps the old author page working (it redirects)."
      />
      <SelectField
        name="kind"
        label="Kind"
        value={values.kind}
        errors={errors}
        idPrefix={idPrefix}
        options={[
          { value: 'person', label: 'A person' },
          { value: 'organization', label: 'An organisation (an agency credit such as a news agency)' },
        ]}
      />
      <TextField
        name="jobTitle"
        label="Job title (optional)"
        value={values.jobTitle}
        errors={errors}
        idPrefix={idPrefix}
        dir="auto"
      />
      <TextAreaField
        name="bio"
        label="Biography (optional)"
        value={values.bio}
        errors={errors}
        idPrefix={idPrefix}
      />
      {props.avatarUrl ? (
        <img class="avatar-preview" src={props.avatarUrl} alt="The current avatar" width={64} height={64} />
      ) : null}
      <TextField
        name="avatarMediaId"
        label="Avatar: media item number (optional)"
        value={values.avatarMediaId}
        errors={errors}
        idPrefix={idPrefix}
        inputMode="numeric"
        hint="Find the image in the media library (Media, in the menu); its number is in its address. Empty for no avatar."
      />
      <CheckboxField
        name="isPseudonym"
        label="This is a pseudonym"
        isChecked={values.isPseudonym}
        idPrefix={idPrefix}
        hint="A pen name protects the writer: the public site never shows or links the account behind it."
      />
      {props.staff ? (
        <SelectField
          name="userId"
          label="Staff account behind this byline (administrators only)"
          value={values.userId}
          errors={errors}
          idPrefix={idPrefix}
          options={[{ value: '', label: 'None' }, ...props.staff]}
          hint="Lets that person edit the stories this byline signs. Never shown to readers."
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
  return (
    <AdminLayout chrome={props.chrome} title="Authors">
      <h1>Authors and bylines</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.authors.length === 0 ? (
        <p>No bylines yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="manage-table">
            <thead>
              <tr>
                <th scope="col">Byline</th>
                <th scope="col">Kind</th>
                <th scope="col">Stories</th>
                {props.canSeeAccounts ? <th scope="col">Staff account</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.authors.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/admin/authors/${a.id}`}>{a.name}</a>
                    {a.isPseudonym ? <span class="badge">pseudonym</span> : null}
                    <br />
                    <code>{a.url}</code>
                  </td>
                  <td data-label="Kind">{a.kind === 'organization' ? 'organisation' : 'person'}</td>
                  <td class="number" data-label="Stories">
                    {a.storyCount}
                  </td>
                  {props.canSeeAccounts ? (
                    <td data-label="Staff account">{a.linkedUser ? a.linkedUser.displayName : '—'}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="new-author-heading">
        <h2 id="new-author-heading">New byline</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/authors" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <AuthorFields values={props.form} errors={props.errors} idPrefix="new-" staff={props.staff} />
          <button type="submit">Create byline</button>
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
  return (
    <AdminLayout chrome={props.chrome} title={`Byline: ${author.name}`}>
      <p>
        <a href="/admin/authors">← All bylines</a>
      </p>
      <h1>Byline: {author.name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        On the site: <a href={author.url}>{author.url}</a> · {author.storyCount}{' '}
        {author.storyCount === 1 ? 'story' : 'stories'}
      </p>
      <section class="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
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
          <button type="submit">Save byline</button>
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
    showList(ctx, request, reply, { notice: NOTICES[queryParam(request, 'notice')] }),
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
      const problems = formLevelProblems(error.problems, error.fields)
      return showList(ctx, request, reply, { problems, errors: error.fields, form, status: 422 })
    }
    return reply.redirect(`/admin/authors/${id}?notice=created`, 303)
  })

  admin.get('/authors/:id', ACCESS, async (request, reply) =>
    showEdit(ctx, request, reply, idParam(request), { notice: NOTICES[queryParam(request, 'notice')] }),
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
        const problems = formLevelProblems(error.problems, error.fields)
        return showEdit(ctx, request, reply, id, {
          problems,
          errors: error.fields,
          form,
          expected,
          status: 422,
        })
      }
      if (error instanceof AppError && error.code === 'STALE_FORM')
        return showEdit(ctx, request, reply, id, { problems: [error.message], form, status: 409 })
      throw error
    }
    return reply.redirect(`/admin/authors/${id}?notice=saved`, 303)
  })
}
