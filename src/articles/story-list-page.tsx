// /admin/stories: every story in the newsroom, filtered by status, section and author, searchable
// by headline, newest change first. A plain GET form: it works the same with or without scripts.
import { type AdminChrome, AdminLayout, Notice } from '../admin/admin-layout.tsx'
import { type AdminMessageKey, useAdminT } from '../admin/admin-messages.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { textDirection } from '../i18n/languages.ts'
import { useLocale } from '../i18n/locale-context.ts'

export const STATUS_LABELS: Record<ArticleStatus, AdminMessageKey> = {
  draft: 'admin.status.draft',
  review: 'admin.status.review',
  scheduled: 'admin.status.scheduled',
  published: 'admin.status.published',
  unpublished: 'admin.status.unpublished',
}

export interface StoryListEntry {
  id: number
  headline: string
  status: ArticleStatus
  sectionName: string
  language: string
  updatedAt: string
  publishedAt: string | null
  canEdit: boolean
}

export interface StoryListFilters {
  status: string
  section: string
  author: string
  q: string
}

export interface Choice {
  id: number
  name: string
}

function pageHref(filters: StoryListFilters, page: number): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value !== '') params.set(key, value)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query === '' ? '/admin/stories' : `/admin/stories?${query}`
}

export function StoryListPage(props: {
  chrome: AdminChrome
  stylesheetUrl: string
  stories: StoryListEntry[]
  filters: StoryListFilters
  sections: Choice[]
  authors: Choice[]
  page: number
  pageCount: number
  total: number
  timeZone: string
  notice?: string | undefined
}) {
  const { filters } = props
  const t = useAdminT()
  const locale = useLocale()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.nav.stories')}>
      <link rel="stylesheet" href={props.stylesheetUrl} />
      <div class="page-heading">
        <h1>{t('admin.nav.stories')}</h1>
        <a class="button-link" href="/admin/stories/new">
          {t('admin.stories.new')}
        </a>
      </div>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <form method="get" action="/admin/stories" class="story-filters" aria-label={t('admin.stories.find')}>
        <div class="field">
          <label for="filter-q">{t('admin.stories.headlineContains')}</label>
          <input type="search" id="filter-q" name="q" value={filters.q} dir="auto" />
        </div>
        <div class="field">
          <label for="filter-status">{t('admin.stories.status')}</label>
          <select id="filter-status" name="status">
            <option value="">{t('admin.stories.anyStatus')}</option>
            {(Object.keys(STATUS_LABELS) as ArticleStatus[]).map((s) => (
              <option key={s} value={s} selected={filters.status === s}>
                {t(STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-section">{t('admin.stories.section')}</label>
          <select id="filter-section" name="section">
            <option value="">{t('admin.stories.anySection')}</option>
            {props.sections.map((s) => (
              <option key={s.id} value={String(s.id)} selected={filters.section === String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-author">{t('admin.stories.byline')}</label>
          <select id="filter-author" name="author">
            <option value="">{t('admin.stories.anyone')}</option>
            {props.authors.map((a) => (
              <option key={a.id} value={String(a.id)} selected={filters.author === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('admin.stories.findButton')}</button>
      </form>
      <p>{t('admin.stories.count', { count: props.total, timeZone: props.timeZone })}</p>
      {props.stories.length === 0 ? (
        <p>{t('admin.stories.noMatch')}</p>
      ) : (
        <div class="table-scroll">
          <table class="audit-table story-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.stories.headline')}</th>
                <th scope="col">{t('admin.stories.status')}</th>
                <th scope="col">{t('admin.stories.section')}</th>
                <th scope="col">{t('admin.stories.changed')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('admin.stories.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.stories.map((s) => (
                <tr key={s.id}>
                  <td class="story-headline" lang={s.language} dir={textDirection(s.language)}>
                    {s.canEdit ? <a href={`/admin/stories/${s.id}`}>{s.headline}</a> : s.headline}
                  </td>
                  <td>
                    <span class={`status-badge status-${s.status}`}>{t(STATUS_LABELS[s.status])}</span>
                    {s.status === 'scheduled' && s.publishedAt ? (
                      <span class="hint">
                        {' '}
                        {t('admin.stories.scheduledFor', { time: locale.formatDateTime(s.publishedAt) })}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <bdi>{s.sectionName}</bdi>
                  </td>
                  <td>
                    <time dateTime={s.updatedAt}>{locale.formatDateTime(s.updatedAt)}</time>
                  </td>
                  <td>
                    <a href={`/admin/stories/${s.id}/preview`}>
                      {t('admin.stories.preview')}
                      <span class="visually-hidden">
                        {' '}
                        <bdi lang={s.language}>{s.headline}</bdi>
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={t('admin.pager.label')}>
        {props.page > 1 ? (
          <a rel="prev" href={pageHref(filters, props.page - 1)}>
            {t('admin.pager.previous')}
          </a>
        ) : null}
        <span>{t('admin.pager.status', { page: props.page, pageCount: props.pageCount })}</span>
        {props.page < props.pageCount ? (
          <a rel="next" href={pageHref(filters, props.page + 1)}>
            {t('admin.pager.next')}
          </a>
        ) : null}
      </nav>
    </AdminLayout>
  )
}
