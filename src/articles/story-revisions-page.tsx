// /admin/stories/:id/revisions: the kept versions of a published story, the difference between
// two of them (every piece escaped: it is shown as text, never as HTML), and restoring one.
import { type AdminChrome, AdminLayout, CsrfField, Notice } from '../admin/admin-layout.tsx'
import { formatDateTime } from '../lib/time.ts'
import type { FieldDiff, RevisionSummary } from './revisions.service.ts'
import { DiffView, type EditorAssetUrls } from './story-editor-page.tsx'

export function StoryRevisionsPage(props: {
  chrome: AdminChrome
  assets: EditorAssetUrls
  storyId: number
  headline: string
  currentRevision: number
  revisions: RevisionSummary[]
  timeZone: string
  comparison?: { fromLabel: string; toLabel: string; fields: FieldDiff[] } | undefined
  fromId?: number | undefined
  toId?: number | undefined
  canRestore: boolean
  notice?: string | undefined
}) {
  const { revisions } = props
  return (
    <AdminLayout chrome={props.chrome} title={`Revisions: ${props.headline}`}>
      <link rel="stylesheet" href={props.assets.stylesheetUrl} />
      <h1>Revisions</h1>
      <p>
        <a href={`/admin/stories/${props.storyId}`}>Back to “{props.headline}”</a> · The story is at revision{' '}
        {props.currentRevision}. Times are in {props.timeZone}.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {revisions.length === 0 ? (
        <p>No revision is kept yet: revisions are kept from the story's first publication on.</p>
      ) : (
        <form method="get" action={`/admin/stories/${props.storyId}/revisions`}>
          <div class="table-scroll">
            <table class="audit-table">
              <thead>
                <tr>
                  <th scope="col">Compare from</th>
                  <th scope="col">to</th>
                  <th scope="col">Revision</th>
                  <th scope="col">Kept</th>
                  <th scope="col">By</th>
                  <th scope="col">Why</th>
                  <th scope="col">Headline</th>
                </tr>
              </thead>
              <tbody>
                {revisions.map((r, index) => (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="radio"
                        name="from"
                        value={String(r.id)}
                        aria-label={`Compare from revision ${r.revision}`}
                        checked={props.fromId === undefined ? index === 1 : props.fromId === r.id}
                      />
                    </td>
                    <td>
                      <input
                        type="radio"
                        name="to"
                        value={String(r.id)}
                        aria-label={`Compare to revision ${r.revision}`}
                        checked={props.toId === undefined ? index === 0 : props.toId === r.id}
                      />
                    </td>
                    <td>{r.revision}</td>
                    <td>
                      <time dateTime={r.created_at}>{formatDateTime(r.created_at, props.timeZone)}</time>
                    </td>
                    <td>{r.author_name ?? 'the system'}</td>
                    <td>{r.reason}</td>
                    <td>{r.headline}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit">Show the difference</button>
        </form>
      )}
      {props.comparison ? (
        <section class="panel" aria-labelledby="diff-heading">
          <h2 id="diff-heading">
            From {props.comparison.fromLabel} to {props.comparison.toLabel}
          </h2>
          <p class="hint">Added words are underlined, removed words struck through.</p>
          <DiffView fields={props.comparison.fields} />
        </section>
      ) : null}
      {props.canRestore && revisions.length > 0 ? (
        <section class="panel" aria-labelledby="restore-heading">
          <h2 id="restore-heading">Restore a revision</h2>
          <p>Restoring saves that revision's words as a new revision; the current words stay in the list.</p>
          <ul class="restore-list">
            {revisions.map((r) => (
              <li key={r.id}>
                <form
                  method="post"
                  action={`/admin/stories/${props.storyId}/revisions/${r.id}/restore`}
                  class="inline-form"
                >
                  <CsrfField token={props.chrome.csrfToken} />
                  <input type="hidden" name="revision" value={String(props.currentRevision)} />
                  <button type="submit" class="secondary">
                    Restore revision {r.revision}
                  </button>{' '}
                  <span class="hint">
                    {formatDateTime(r.created_at, props.timeZone)} · {r.reason}
                  </span>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AdminLayout>
  )
}
