// /admin/tags: every tag with its story count, searchable; rename (a new slug redirects the old tag
// page) and merge one tag into another. Plain forms: no JavaScript needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { type AdminMessageKey, adminT, useAdminT } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { type FieldErrors, formLevelProblems, TextField } from '../admin/form-fields.tsx'
import { translateErrorMessage, translateFieldErrors, translateProblems } from '../admin/problem-messages.ts'
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

const NOTICES: Record<string, AdminMessageKey> = {
  saved: 'admin.tags.noticeSaved',
  merged: 'admin.tags.noticeMerged',
}

function noticeOf(request: FastifyRequest): string | undefined {
  const key = NOTICES[queryParam(request, 'notice')]
  return key && adminT(request)(key)
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
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.nav.tags')}>
      <h1>{t('admin.nav.tags')}</h1>
      <form method="get" action="/admin/tags" class="search-form" aria-label={t('admin.tags.find')}>
        <label for="tag-search">{t('admin.tags.find')}</label>
        <div class="search-row">
          <input id="tag-search" name="q" type="search" value={props.search} dir="auto" />
          <button type="submit">{t('admin.media.search')}</button>
        </div>
      </form>
      <p>
        {props.search
          ? t('admin.tags.countMatching', { count: props.total, search: props.search })
          : t('admin.tags.count', { count: props.total })}
      </p>
      {props.tags.length > 0 ? (
        <div class="table-scroll">
          <table class="manage-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.tags.tag')}</th>
                <th scope="col">{t('admin.webhooks.colAddress')}</th>
                <th scope="col">{t('admin.nav.stories')}</th>
              </tr>
            </thead>
            <tbody>
              {props.tags.map((tag) => (
                <tr key={tag.id}>
                  <td>
                    <a href={`/admin/tags/${tag.id}`} dir="auto">
                      {tag.name}
                    </a>
                  </td>
                  <td dir="ltr">
                    <code>{tag.url}</code>
                  </td>
                  <td class="number" data-label={t('admin.nav.stories')}>
                    {tag.storyCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.pageCount > 1 ? (
        <nav class="pager" aria-label={t('admin.pager.label')}>
          {props.page > 1 ? (
            <a rel="prev" href={listUrl(props.search, props.page - 1)}>
              {t('admin.pager.previous')}
            </a>
          ) : null}
          <span>{t('admin.pager.status', { page: props.page, pageCount: props.pageCount })}</span>
          {props.page < props.pageCount ? (
            <a rel="next" href={listUrl(props.search, props.page + 1)}>
              {t('admin.pager.next')}
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
  const t = useAdminT()
  const name = <bdi>{tag.name}</bdi>
  return (
    <AdminLayout chrome={chrome} title={t('admin.tags.pageTitle', { name: tag.name })}>
      <p>
        <a href="/admin/tags">{t('admin.tags.back')}</a>
      </p>
      <h1>
        {t('admin.tags.tag')}: {name}
      </h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        {t('admin.tags.onTheSite')}{' '}
        <a href={tag.url} dir="ltr">
          {tag.url}
        </a>{' '}
        · {t('admin.tags.storyCount', { count: props.storyCount })}
      </p>
      <section class="panel" aria-labelledby="rename-heading">
        <h2 id="rename-heading">{t('admin.tags.rename')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action={`/admin/tags/${tag.id}`} class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="expectedName" value={props.expected.name} />
          <input type="hidden" name="expectedSlug" value={props.expected.slug} />
          <TextField
            name="name"
            label={t('admin.apiKeys.colName')}
            value={props.form.name}
            errors={props.errors}
            maxLength={MAX_TAG_NAME_LENGTH}
            dir="auto"
            isRequired
          />
          <TextField
            name="slug"
            label={t('admin.common.slug')}
            value={props.form.slug}
            errors={props.errors}
            dir="auto"
            hint={t('admin.common.slugHint')}
          />
          <button type="submit">{t('admin.tags.save')}</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="merge-heading">
        <h2 id="merge-heading">{t('admin.tags.mergeHeading')}</h2>
        <p>{t('admin.tags.mergeExplain', { name: tag.name })}</p>
        <ProblemList problems={props.mergeProblems} />
        <form method="post" action={`/admin/tags/${tag.id}/merge`} class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <TextField
            name="into"
            label={t('admin.tags.mergeInto')}
            value={props.into}
            errors={props.mergeErrors}
            dir="auto"
            isRequired
          />
          <button type="submit" class="danger">
            {t('admin.tags.mergeButton', { name: tag.name })}
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
    showEdit(ctx, request, reply, idParam(request), { notice: noticeOf(request) }),
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
    return reply.redirect(`/admin/tags/${id}?notice=saved`, 303)
  })

  admin.post('/tags/:id/merge', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const id = idParam(request)
    const into = formField(asFormBody(request.body), 'into').trim()
    const target = into === '' ? undefined : await findTagBySlug(ctx, slugify(into))
    if (!target) {
      const t = adminT(request)
      const message = into === '' ? t('admin.tags.typeTarget') : t('admin.tags.noSuchTag', { name: into })
      return showEdit(ctx, request, reply, id, { mergeErrors: { into: message }, into, status: 422 })
    }
    try {
      await mergeTags(ctx, actor, id, target.id)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showEdit(ctx, request, reply, id, {
        mergeErrors: { into: translateProblems(request, error).join(' ') },
        into,
        status: 422,
      })
    }
    return reply.redirect(`/admin/tags/${target.id}?notice=merged`, 303)
  })
}
