// /admin/stories/:id/revisions: the kept versions of a published story, the difference between
// two of them (every piece escaped: it is shown as text, never as HTML), and restoring one.
import { type AdminChrome, AdminLayout, CsrfField, Notice } from '../admin/admin-layout.tsx'
import { type AdminTranslate, useAdminT } from '../admin/admin-messages.ts'
import { textDirection } from '../i18n/languages.ts'
import { useLocale } from '../i18n/locale-context.ts'
import type { FieldDiff, RevisionSummary } from './revisions.service.ts'
import { DiffView, type EditorAssetUrls } from './story-editor-page.tsx'

/** Why a revision was kept, as stored ("saved", "published", "restored from revision 3"), in words. */
export function revisionReason(t: AdminTranslate, reason: string): string {
  if (reason === 'saved') return t('admin.revisions.reasonSaved')
  if (reason === 'published') return t('admin.revisions.reasonPublished')
  const restored = /^restored from revision (\d+)$/.exec(reason)
  if (restored) return t('admin.revisions.reasonRestored', { revision: Number(restored[1]) })
  return reason
}

export function StoryRevisionsPage(props: {
  chrome: AdminChrome
  assets: EditorAssetUrls
  storyId: number
  headline: string
  currentRevision: number
  revisions: RevisionSummary[]
  timeZone: string
  comparison?: { fromRevision: number; toRevision: number; fields: FieldDiff[] } | undefined
  /** The story's language, for its headline. */
  language: string
  fromId?: number | undefined
  toId?: number | undefined
  canRestore: boolean
  notice?: string | undefined
}) {
  const { revisions } = props
  const t = useAdminT()
  const locale = useLocale()
  const headline = (text: string) => (
    <bdi lang={props.language} dir={textDirection(props.language)}>
      {text}
    </bdi>
  )
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.revisions.pageTitle', { headline: props.headline })}>
      <link rel="stylesheet" href={props.assets.stylesheetUrl} />
      <h1>{t('admin.revisions.title')}</h1>
      <p>
        <a href={`/admin/stories/${props.storyId}`}>
          {t('admin.revisions.backTo')} «{headline(props.headline)}»
        </a>{' '}
        · {t('admin.revisions.atRevision', { revision: props.currentRevision, timeZone: props.timeZone })}
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {revisions.length === 0 ? (
        <p>{t('admin.revisions.none')}</p>
      ) : (
        <form method="get" action={`/admin/stories/${props.storyId}/revisions`}>
          <div class="table-scroll">
            <table class="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.revisions.compareFrom')}</th>
                  <th scope="col">{t('admin.revisions.compareTo')}</th>
                  <th scope="col">{t('admin.revisions.revision')}</th>
                  <th scope="col">{t('admin.revisions.kept')}</th>
                  <th scope="col">{t('admin.revisions.by')}</th>
                  <th scope="col">{t('admin.revisions.why')}</th>
                  <th scope="col">{t('admin.stories.headline')}</th>
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
                        aria-label={t('admin.revisions.compareFromLabel', { revision: r.revision })}
                        checked={props.fromId === undefined ? index === 1 : props.fromId === r.id}
                      />
                    </td>
                    <td>
                      <input
                        type="radio"
                        name="to"
                        value={String(r.id)}
                        aria-label={t('admin.revisions.compareToLabel', { revision: r.revision })}
                        checked={props.toId === undefined ? index === 0 : props.toId === r.id}
                      />
                    </td>
                    <td>{locale.formatNumber(r.revision)}</td>
                    <td>
                      <time dateTime={r.created_at}>{locale.formatDateTime(r.created_at)}</time>
                    </td>
                    <td>{r.author_name ? <bdi>{r.author_name}</bdi> : t('admin.revisions.theSystem')}</td>
                    <td>{revisionReason(t, r.reason)}</td>
                    <td>{headline(r.headline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit">{t('admin.revisions.showDifference')}</button>
        </form>
      )}
      {props.comparison ? (
        <section class="panel" aria-labelledby="diff-heading">
          <h2 id="diff-heading">
            {t('admin.revisions.fromTo', {
              from: props.comparison.fromRevision,
              to: props.comparison.toRevision,
            })}
          </h2>
          <p class="hint">{t('admin.revisions.diffHint')}</p>
          <DiffView fields={props.comparison.fields} />
        </section>
      ) : null}
      {props.canRestore && revisions.length > 0 ? (
        <section class="panel" aria-labelledby="restore-heading">
          <h2 id="restore-heading">{t('admin.revisions.restoreHeading')}</h2>
          <p>{t('admin.revisions.restoreExplain')}</p>
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
                    {t('admin.revisions.restore', { revision: r.revision })}
                  </button>{' '}
                  <span class="hint">
                    {locale.formatDateTime(r.created_at)} · {revisionReason(t, r.reason)}
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
