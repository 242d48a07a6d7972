// The media library's admin pages: the grid with its upload form, and an item's edit page. Plain
// HTML forms (no JavaScript needed); the upload form is multipart with the CSRF field first.
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { useAdminT } from '../admin/admin-messages.ts'
import { useLocale } from '../i18n/locale-context.ts'
import type { MediaItem, MediaText } from './media.service.ts'
import { ACCEPTED_TYPES_TEXT, MAX_UPLOAD_BYTES, MIME_TYPES } from './media-processing.ts'

const ACCEPT = Object.values(MIME_TYPES).join(',')

/** "1.2 MB" / "340 KB": unit symbols stay Latin in every language, as Afghan newsrooms write them. */
function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

function Thumb(props: { item: MediaItem }) {
  const { item } = props
  return (
    <img
      src={item.thumbUrl}
      alt=""
      loading="lazy"
      decoding="async"
      width={item.width ?? undefined}
      height={item.height ?? undefined}
    />
  )
}

export interface LibraryQuery {
  q: string
  isMissingAlt: boolean
}

export function libraryUrl(query: LibraryQuery, page = 1): string {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  if (query.isMissingAlt) params.set('alt', 'missing')
  if (page > 1) params.set('page', String(page))
  const text = params.toString()
  return text ? `/admin/media?${text}` : '/admin/media'
}

export function MediaLibraryPage(props: {
  chrome: AdminChrome
  stylesheetUrl: string
  items: MediaItem[]
  query: LibraryQuery
  page: number
  pageCount: number
  total: number
  missingAltTotal: number
  canUpload: boolean
  problems: string[]
  form: Partial<MediaText>
}) {
  const { chrome, query } = props
  const t = useAdminT()
  return (
    <AdminLayout chrome={chrome} title={t('admin.nav.media')}>
      <link rel="stylesheet" href={props.stylesheetUrl} />
      <h1>{t('admin.media.title')}</h1>
      {props.canUpload ? (
        <section class="panel media-upload" aria-labelledby="upload-heading">
          <h2 id="upload-heading">{t('admin.media.uploadHeading')}</h2>
          <ProblemList problems={props.problems} />
          <form method="post" action="/admin/media" enctype="multipart/form-data" class="stacked-form">
            <CsrfField token={chrome.csrfToken} />
            <label for="media-file">{t('admin.media.file')}</label>
            <input
              id="media-file"
              name="file"
              type="file"
              accept={ACCEPT}
              required
              aria-describedby="file-hint"
            />
            <p class="hint" id="file-hint">
              {t('admin.media.fileHint', {
                types: ACCEPTED_TYPES_TEXT,
                max: MAX_UPLOAD_BYTES / (1024 * 1024),
              })}
            </p>
            <label for="media-alt">{t('admin.media.alt')}</label>
            <input
              id="media-alt"
              name="alt"
              type="text"
              value={props.form.alt ?? ''}
              maxLength={500}
              dir="auto"
              aria-describedby="alt-hint"
            />
            <p class="hint" id="alt-hint">
              {t('admin.media.altHint')}
            </p>
            <label for="media-caption">{t('admin.media.caption')}</label>
            <input
              id="media-caption"
              name="caption"
              type="text"
              value={props.form.caption ?? ''}
              maxLength={1000}
              dir="auto"
            />
            <label for="media-credit">{t('admin.media.credit')}</label>
            <input
              id="media-credit"
              name="credit"
              type="text"
              value={props.form.credit ?? ''}
              maxLength={200}
              dir="auto"
            />
            <button type="submit">{t('admin.media.upload')}</button>
          </form>
        </section>
      ) : null}

      <form method="get" action="/admin/media" class="media-filter" aria-label={t('admin.media.find')}>
        <label for="media-q">{t('admin.media.search')}</label>
        <input
          id="media-q"
          name="q"
          type="text"
          value={query.q}
          dir="auto"
          placeholder={t('admin.media.searchPlaceholder')}
        />
        <label class="media-check">
          <input type="checkbox" name="alt" value="missing" checked={query.isMissingAlt} />{' '}
          {t('admin.media.missingAltOnly')}
        </label>
        <button type="submit">{t('admin.media.filter')}</button>
      </form>
      <p>
        {query.q || query.isMissingAlt
          ? t('admin.media.countFound', { count: props.total })
          : t('admin.media.countInLibrary', { count: props.total })}{' '}
        {props.missingAltTotal > 0 && !query.isMissingAlt ? (
          <a href={libraryUrl({ q: '', isMissingAlt: true })}>
            {t('admin.media.needAlt', { count: props.missingAltTotal })}
          </a>
        ) : null}
        {query.q || query.isMissingAlt ? <a href="/admin/media">{t('admin.media.showAll')}</a> : null}
      </p>

      {props.items.length === 0 ? (
        <p class="media-empty">{t('admin.media.empty')}</p>
      ) : (
        <ul class="media-grid">
          {props.items.map((item) => (
            <li key={item.id} class="media-card">
              <a href={`/admin/media/${item.id}`} class="media-card-link">
                <span class="media-thumb">
                  <Thumb item={item} />
                </span>
                <span class="media-card-text">
                  {item.isUsable ? (
                    <span class="media-alt" dir="auto">
                      {item.alt}
                    </span>
                  ) : (
                    <span class="media-badge">{t('admin.media.noAlt')}</span>
                  )}
                  <span class="media-meta" dir="ltr">
                    {item.width ?? '?'}×{item.height ?? '?'} · {sizeText(item.bytes)}
                  </span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.pageCount > 1 ? (
        <nav class="pager" aria-label={t('admin.pager.label')}>
          {props.page > 1 ? (
            <a rel="prev" href={libraryUrl(query, props.page - 1)}>
              {t('admin.pager.newer')}
            </a>
          ) : null}
          <span>{t('admin.pager.status', { page: props.page, pageCount: props.pageCount })}</span>
          {props.page < props.pageCount ? (
            <a rel="next" href={libraryUrl(query, props.page + 1)}>
              {t('admin.pager.older')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminLayout>
  )
}

export interface UsageView {
  stories: number
  authors: number
}

export function MediaEditPage(props: {
  chrome: AdminChrome
  stylesheetUrl: string
  item: MediaItem
  usage: UsageView
  timeZone: string
  notice?: string
  problems: string[]
  form?: Partial<MediaText>
}) {
  const { chrome, item } = props
  const form = props.form ?? item
  const isInUse = props.usage.stories + props.usage.authors > 0
  const t = useAdminT()
  const locale = useLocale()
  return (
    <AdminLayout chrome={chrome} title={t('admin.media.editTitle')}>
      <link rel="stylesheet" href={props.stylesheetUrl} />
      <p>
        <a href="/admin/media">{t('admin.media.back')}</a>
      </p>
      <h1>{t('admin.media.imageNumber', { id: item.id })}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {item.isUsable ? null : (
        <Notice kind="info">
          <p>{t('admin.media.noAltNotice')}</p>
        </Notice>
      )}
      <div class="media-edit">
        <figure class="media-preview">
          <img
            src={item.fallbackUrl}
            alt=""
            width={item.width ?? undefined}
            height={item.height ?? undefined}
            decoding="async"
          />
          <figcaption class="hint">
            <bdi dir="ltr">
              {item.mimeType.replace('image/', '').toUpperCase()} · {item.width ?? '?'}×{item.height ?? '?'} ·{' '}
              {sizeText(item.bytes)}
            </bdi>{' '}
            · {t('admin.media.uploadedAt', { time: locale.formatDateTime(item.createdAt) })} ·{' '}
            <a href={item.url}>{t('admin.media.fullSize')}</a>
          </figcaption>
        </figure>
        <div>
          {item.canEdit ? (
            <form method="post" action={`/admin/media/${item.id}`} class="stacked-form">
              <ProblemList problems={props.problems} />
              <CsrfField token={chrome.csrfToken} />
              <label for="edit-alt">{t('admin.media.alt')}</label>
              <textarea
                id="edit-alt"
                name="alt"
                rows={3}
                maxLength={500}
                dir="auto"
                aria-describedby="edit-alt-hint"
              >
                {form.alt ?? ''}
              </textarea>
              <p class="hint" id="edit-alt-hint">
                {t('admin.media.altEditHint')}
              </p>
              <label for="edit-caption">{t('admin.media.caption')}</label>
              <textarea id="edit-caption" name="caption" rows={3} maxLength={1000} dir="auto">
                {form.caption ?? ''}
              </textarea>
              <label for="edit-credit">{t('admin.media.credit')}</label>
              <input
                id="edit-credit"
                name="credit"
                type="text"
                value={form.credit ?? ''}
                maxLength={200}
                dir="auto"
              />
              <button type="submit">{t('admin.common.save')}</button>
            </form>
          ) : (
            <dl class="media-text">
              <dt>{t('admin.media.alt')}</dt>
              <dd dir="auto">{item.alt || '—'}</dd>
              <dt>{t('admin.media.caption')}</dt>
              <dd dir="auto">{item.caption || '—'}</dd>
              <dt>{t('admin.media.credit')}</dt>
              <dd dir="auto">{item.credit || '—'}</dd>
            </dl>
          )}
          <p>
            {isInUse
              ? t('admin.media.usedBy', { stories: props.usage.stories, authors: props.usage.authors })
              : t('admin.media.unused')}
          </p>
          {item.canDelete ? (
            <section class="panel" aria-labelledby="delete-heading">
              <h2 id="delete-heading">{t('admin.common.delete')}</h2>
              {isInUse ? (
                <p class="hint">{t('admin.media.inUseHint')}</p>
              ) : (
                <form method="post" action={`/admin/media/${item.id}/delete`} class="stacked-form">
                  <CsrfField token={chrome.csrfToken} />
                  <label class="media-check">
                    <input type="checkbox" name="confirm" value="yes" required />{' '}
                    {t('admin.media.deleteConfirm')}
                  </label>
                  <button type="submit" class="danger">
                    {t('admin.media.deleteButton')}
                  </button>
                </form>
              )}
            </section>
          ) : null}
        </div>
      </div>
    </AdminLayout>
  )
}
