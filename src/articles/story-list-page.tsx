// /admin/stories: every story in the newsroom, filtered by status, section and author, searchable
// by headline, newest change first. A plain GET form: it works the same with or without scripts.
import { type AdminChrome, AdminLayout, Notice } from '../admin/admin-layout.tsx'
import type { ArticleStatus } from '../db/tables.ts'
import { formatDateTime } from '../lib/time.ts'

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
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
  return (
    <AdminLayout chrome={props.chrome} title="Stories">
      <link rel="stylesheet" href={props.stylesheetUrl} />
      <div class="page-heading">
        <h1>Stories</h1>
        <a class="button-link" href="/admin/stories/new">
          New story
        </a>
      </div>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <form method="get" action="/admin/stories" class="story-filters" aria-label="Find stories">
        <div class="field">
          <label for="filter-q">Headline contains</label>
          <input type="search" id="filter-q" name="q" value={filters.q} />
        </div>
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" name="status">
            <option value="">Any status</option>
            {(Object.keys(STATUS_LABELS) as ArticleStatus[]).map((s) => (
              <option key={s} value={s} selected={filters.status === s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-section">Section</label>
          <select id="filter-section" name="section">
            <option value="">Any section</option>
            {props.sections.map((s) => (
              <option key={s.id} value={String(s.id)} selected={filters.section === String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-author">Byline</label>
          <select id="filter-author" name="author">
            <option value="">Anyone</option>
            {props.authors.map((a) => (
              <option key={a.id} value={String(a.id)} selected={filters.author === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Find</button>
      </form>
      <p>
        {props.total} stor{props.total === 1 ? 'y' : 'ies'}, most recently changed first. Times are in{' '}
        {props.timeZone}.
      </p>
      {props.stories.length === 0 ? (
        <p>No story matches. Change the filters, or write a new story.</p>
      ) : (
        <div class="table-scroll">
          <table class="audit-table story-table">
            <thead>
              <tr>
                <th scope="col">Headline</th>
                <th scope="col">Status</th>
                <th scope="col">Section</th>
                <th scope="col">Changed</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.stories.map((s) => (
                <tr key={s.id}>
                  <td class="story-headline" lang={s.language}>
                    {s.canEdit ? <a href={`/admin/stories/${s.id}`}>{s.headline}</a> : s.headline}
                  </td>
                  <td>
                    <span class={`status-badge status-${s.status}`}>{STATUS_LABELS[s.status]}</span>
                    {s.status === 'scheduled' && s.publishedAt ? (
                      <span class="hint"> for {formatDateTime(s.publishedAt, props.timeZone)}</span>
                    ) : null}
                  </td>
                  <td>{s.sectionName}</td>
                  <td>
                    <time dateTime={s.updatedAt}>{formatDateTime(s.updatedAt, props.timeZone)}</time>
                  </td>
                  <td>
                    <a href={`/admin/stories/${s.id}/preview`}>
                      Preview<span class="visually-hidden"> “{s.headline}”</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Pages">
        {props.page > 1 ? (
          <a rel="prev" href={pageHref(filters, props.page - 1)}>
            Previous
          </a>
        ) : null}
        <span>
          Page {props.page} of {props.pageCount}
        </span>
        {props.page < props.pageCount ? (
          <a rel="next" href={pageHref(filters, props.page + 1)}>
            Next
          </a>
        ) : null}
      </nav>
    </AdminLayout>
  )
}
