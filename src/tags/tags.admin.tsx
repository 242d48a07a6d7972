// /admin/tags: every tag with its story count, searchable; rename (a new slug redirects the old tag
// page) and merge one tag into another. Plain forms: no JavaScript needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { type FieldErrors, formLevelProblems, TextField } from '../admin/form-fields.tsx'
import { idParam, queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, NotFoundError, ValidationError } from '../errors.ts'
import { parsePageNumber } from '../lib/pagination.ts'
import { slugify } from '../lib/slugify.ts'
import {
  countTagStories,
  findTagBySlug,
  getTag,
  listTagsWithCounts,
  MAX_TAG_NAME_LENGTH,
  mergeTags,
  renameTag,
  type TagListItem,
  type TagView,
} from './tags.service.ts'

const ACCESS = { config: { capability: 'tags.manage' } } as const

const NOTICES: Record<string, string> = {
  saved: 'The tag is saved.',
  merged: 'The tags are merged. The old tag’s page now redirects to this one.',
}

function listUrl(search: string, page: number): string {
  const params = new URLSearchParams()
  if (search) params.set('q', search)
  if (page > 1) params.set('page', String(page))
  const text = params.toString()
  return text ? `/admin/tags?${text}` : '/admin/tags'
}

export function TagsPage(props: {
  chrome: AdminChrome
  tags: TagListItem[]
  search: string
  page: number
  pageCount: number
  total: number
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Tags">
      <h1>Tags</h1>
      <form method="get" action="/admin/tags" class="search-form" aria-label="Find a tag">
        <label for="tag-search">Find a tag</label>
        <div class="search-row">
          <input id="tag-search" name="q" type="search" value={props.search} dir="auto" />
          <button type="submit">Search</button>
        </div>
      </form>
      <p>
        {props.total} tag{props.total === 1 ? '' : 's'}
        {props.search ? ` matching “${props.search}”` : ''}.
      </p>
      {props.tags.length > 0 ? (
        <div class="table-scroll">
          <table class="manage-table">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Address</th>
                <th scope="col">Stories</th>
              </tr>
            </thead>
            <tbody>
              {props.tags.map((t) => (
                <tr key={t.id}>
                  <td>
                    <a href={`/admin/tags/${t.id}`}>{t.name}</a>
                  </td>
                  <td>
                    <code>{t.url}</code>
                  </td>
                  <td class="number" data-label="Stories">
                    {t.storyCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.pageCount > 1 ? (
        <nav class="pager" aria-label="Pages">
          {props.page > 1 ? (
            <a rel="prev" href={listUrl(props.search, props.page - 1)}>
              Previous
            </a>
          ) : null}
          <span>
            Page {props.page} of {props.pageCount}
          </span>
          {props.page < props.pageCount ? (
            <a rel="next" href={listUrl(props.search, props.page + 1)}>
              Next
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminLayout>
  )
}

export function TagEditPage(props: {
  chrome: AdminChrome
  tag: TagView
  storyCount: number
  notice?: string
  problems: string[]
  errors: FieldErrors
  form: { name: string; slug: string }
  expected: { name: string; slug: string }
  mergeProblems: string[]
  mergeErrors: FieldErrors
  into: string
}) {
  const { chrome, tag } = props
  return (
    <AdminLayout chrome={chrome} title={`Tag: ${tag.name}`}>
      <p>
        <a href="/admin/tags">← All tags</a>
      </p>
      <h1>Tag: {tag.name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        On the site: <a href={tag.url}>{tag.url}</a> · {props.storyCount}{' '}
        {props.storyCount === 1 ? 'story' : 'stories'}
      </p>
      <section class="panel" aria-labelledby="rename-heading">
        <h2 id="rename-heading">Rename</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action={`/admin/tags/${tag.id}`} class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="expectedName" value={props.expected.name} />
          <input type="hidden" name="expectedSlug" value={props.expected.slug} />
          <TextField
            name="name"
            label="Name"
            value={props.form.name}
            errors={props.errors}
            maxLength={MAX_TAG_NAME_LENGTH}
            dir="auto"
            isRequired
          />
          <TextField
            name="slug"
            label="Slug (the address)"
            value={props.form.slug}
            errors={props.errors}
            dir="auto"
            hint="Changing it keeps the old address working: it redirects here."
          />
          <button type="submit">Save tag</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="merge-heading">
        <h2 id="merge-heading">Merge into another tag</h2>
        <p>
          Every story tagged “{tag.name}” gets the other tag instead; “{tag.name}” is then removed and its
          address redirects to the other tag’s page.
        </p>
        <ProblemList problems={props.mergeProblems} />
        <form method="post" action={`/admin/tags/${tag.id}/merge`} class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <TextField
            name="into"
            label="Merge into (the other tag’s name or slug)"
            value={props.into}
            errors={props.mergeErrors}
            dir="auto"
            isRequired
          />
          <button type="submit" class="danger">
            Merge “{tag.name}” into it
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}

interface EditOptions {
  notice?: string
  problems?: string[]
  errors?: FieldErrors
  form?: { name: string; slug: string }
  expected?: { name: string; slug: string }
  mergeProblems?: string[]
  mergeErrors?: FieldErrors
  into?: string
  status?: number
}

async function showEdit(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  options: EditOptions = {},
): Promise<FastifyReply> {
  const [tag, storyCount] = await Promise.all([getTag(ctx, id), countTagStories(ctx, id)])
  const current = { name: tag.name, slug: tag.slug }
  const page = (
    <TagEditPage
      chrome={adminChrome(ctx, request, reply)}
      tag={tag}
      storyCount={storyCount}
      notice={options.notice}
      problems={options.problems ?? []}
      errors={options.errors ?? {}}
      form={options.form ?? current}
      expected={options.expected ?? current}
      mergeProblems={options.mergeProblems ?? []}
      mergeErrors={options.mergeErrors ?? {}}
      into={options.into ?? ''}
    />
  )
  return sendAdminPage(reply, page, options.status ?? 200)
}

export function registerTagRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/tags', ACCESS, async (request, reply) => {
    const search = queryParam(request, 'q').trim().slice(0, 100)
    const page = parsePageNumber(queryParam(request, 'page') || undefined)
    const result = await listTagsWithCounts(ctx, { search, page })
    if (page > result.pageCount) throw new NotFoundError('There are not that many pages of tags.')
    const view = (
      <TagsPage
        chrome={adminChrome(ctx, request, reply)}
        tags={result.items}
        search={search}
        page={page}
        pageCount={result.pageCount}
        total={result.total}
      />
    )
    return sendAdminPage(reply, view)
  })

  admin.get('/tags/:id', ACCESS, async (request, reply) =>
    showEdit(ctx, request, reply, idParam(request), { notice: NOTICES[queryParam(request, 'notice')] }),
  )

  admin.post('/tags/:id', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const id = idParam(request)
    const body = asFormBody(request.body)
    const form = { name: formField(body, 'name'), slug: formField(body, 'slug') }
    const expected = { name: formField(body, 'expectedName'), slug: formField(body, 'expectedSlug') }
    try {
      await renameTag(ctx, actor, id, form, expected)
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
    return reply.redirect(`/admin/tags/${id}?notice=saved`, 303)
  })

  admin.post('/tags/:id/merge', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const id = idParam(request)
    const into = formField(asFormBody(request.body), 'into').trim()
    const target = into === '' ? undefined : await findTagBySlug(ctx, slugify(into))
    if (!target) {
      const message =
        into === '' ? 'Type the name or slug of the tag to merge into' : `There is no tag “${into}”`
      return showEdit(ctx, request, reply, id, { mergeErrors: { into: message }, into, status: 422 })
    }
    try {
      await mergeTags(ctx, actor, id, target.id)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showEdit(ctx, request, reply, id, {
        mergeErrors: { into: error.problems.join(' ') },
        into,
        status: 422,
      })
    }
    return reply.redirect(`/admin/tags/${target.id}?notice=merged`, 303)
  })
}
