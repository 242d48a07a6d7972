// The media library's admin pages: the grid with its upload form, and an item's edit page. Plain
// HTML forms (no JavaScript needed); the upload form is multipart with the CSRF field first.
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { formatDateTime } from '../lib/time.ts'
import type { MediaItem, MediaText } from './media.service.ts'
import { ACCEPTED_TYPES_TEXT, MAX_UPLOAD_BYTES, MIME_TYPES } from './media-processing.ts'

const ACCEPT = Object.values(MIME_TYPES).join(',')

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
  return (
    <AdminLayout chrome={chrome} title="Media">
      <link rel="stylesheet" href={props.stylesheetUrl} />
      <h1>Media library</h1>
      {props.canUpload ? (
        <section class="panel media-upload" aria-labelledby="upload-heading">
          <h2 id="upload-heading">Upload an image</h2>
          <ProblemList problems={props.problems} />
          <form method="post" action="/admin/media" enctype="multipart/form-data" class="stacked-form">
            <CsrfField token={chrome.csrfToken} />
            <label for="media-file">Image file</label>
            <input
              id="media-file"
              name="file"
              type="file"
              accept={ACCEPT}
              required
              aria-describedby="file-hint"
            />
            <p class="hint" id="file-hint">
              {ACCEPTED_TYPES_TEXT}, up to {MAX_UPLOAD_BYTES / (1024 * 1024)} MB. Location, camera and other
              hidden details are removed from every copy we keep.
            </p>
            <label for="media-alt">Alt text</label>
            <input
              id="media-alt"
              name="alt"
              type="text"
              value={props.form.alt ?? ''}
              maxLength={500}
              aria-describedby="alt-hint"
            />
            <p class="hint" id="alt-hint">
              What the picture shows, for readers who cannot see it. Needed before the image can go in a
              story; you can add it later.
            </p>
            <label for="media-caption">Caption</label>
            <input
              id="media-caption"
              name="caption"
              type="text"
              value={props.form.caption ?? ''}
              maxLength={1000}
            />
            <label for="media-credit">Credit</label>
            <input
              id="media-credit"
              name="credit"
              type="text"
              value={props.form.credit ?? ''}
              maxLength={200}
            />
            <button type="submit">Upload</button>
          </form>
        </section>
      ) : null}

      <form method="get" action="/admin/media" class="media-filter" aria-label="Find images">
        <label for="media-q">Search</label>
        <input id="media-q" name="q" type="text" value={query.q} placeholder="Alt text, caption, credit" />
        <label class="media-check">
          <input type="checkbox" name="alt" value="missing" checked={query.isMissingAlt} /> Missing alt text
          only
        </label>
        <button type="submit">Filter</button>
      </form>
      <p>
        {props.total} image{props.total === 1 ? '' : 's'}
        {query.q || query.isMissingAlt ? ' found' : ' in the library'}.{' '}
        {props.missingAltTotal > 0 && !query.isMissingAlt ? (
          <a href={libraryUrl({ q: '', isMissingAlt: true })}>
            {props.missingAltTotal} need{props.missingAltTotal === 1 ? 's' : ''} alt text
          </a>
        ) : null}
        {query.q || query.isMissingAlt ? <a href="/admin/media">Show all</a> : null}
      </p>

      {props.items.length === 0 ? (
        <p class="media-empty">No images here yet.</p>
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
                    <span class="media-alt">{item.alt}</span>
                  ) : (
                    <span class="media-badge">No alt text</span>
                  )}
                  <span class="media-meta">
                    {item.width ?? '?'}×{item.height ?? '?'} · {sizeText(item.bytes)}
                  </span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.pageCount > 1 ? (
        <nav class="pager" aria-label="Pages">
          {props.page > 1 ? (
            <a rel="prev" href={libraryUrl(query, props.page - 1)}>
              Newer
            </a>
          ) : null}
          <span>
            Page {props.page} of {props.pageCount}
          </span>
          {props.page < props.pageCount ? (
            <a rel="next" href={libraryUrl(query, props.page + 1)}>
              Older
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
  return (
    <AdminLayout chrome={chrome} title="Edit image">
      <link rel="stylesheet" href={props.stylesheetUrl} />
      <p>
        <a href="/admin/media">← Media library</a>
      </p>
      <h1>Image {item.id}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {item.isUsable ? null : (
        <Notice kind="info">
          <p>This image has no alt text yet, so it cannot be put in a story. Describe it below.</p>
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
            {item.mimeType.replace('image/', '').toUpperCase()} · {item.width ?? '?'}×{item.height ?? '?'} ·{' '}
            {sizeText(item.bytes)} · uploaded {formatDateTime(item.createdAt, props.timeZone)} ·{' '}
            <a href={item.url}>full size</a>
          </figcaption>
        </figure>
        <div>
          {item.canEdit ? (
            <form method="post" action={`/admin/media/${item.id}`} class="stacked-form">
              <ProblemList problems={props.problems} />
              <CsrfField token={chrome.csrfToken} />
              <label for="edit-alt">Alt text</label>
              <textarea id="edit-alt" name="alt" rows={3} maxLength={500} aria-describedby="edit-alt-hint">
                {form.alt ?? ''}
              </textarea>
              <p class="hint" id="edit-alt-hint">
                What the picture shows, in a sentence, for readers who cannot see it.
              </p>
              <label for="edit-caption">Caption</label>
              <textarea id="edit-caption" name="caption" rows={3} maxLength={1000}>
                {form.caption ?? ''}
              </textarea>
              <label for="edit-credit">Credit</label>
              <input id="edit-credit" name="credit" type="text" value={form.credit ?? ''} maxLength={200} />
              <button type="submit">Save</button>
            </form>
          ) : (
            <dl class="media-text">
              <dt>Alt text</dt>
              <dd>{item.alt || '—'}</dd>
              <dt>Caption</dt>
              <dd>{item.caption || '—'}</dd>
              <dt>Credit</dt>
              <dd>{item.credit || '—'}</dd>
            </dl>
          )}
          <p>
            {isInUse
              ? `Used by ${props.usage.stories} stor${props.usage.stories === 1 ? 'y' : 'ies'}` +
                (props.usage.authors > 0
                  ? ` and ${props.usage.authors} author profile${props.usage.authors === 1 ? '' : 's'}`
                  : '') +
                '.'
              : 'Not used by any story.'}
          </p>
          {item.canDelete ? (
            <section class="panel" aria-labelledby="delete-heading">
              <h2 id="delete-heading">Delete</h2>
              {isInUse ? (
                <p class="hint">
                  An image that is in use cannot be deleted. Remove it from its stories first.
                </p>
              ) : (
                <form method="post" action={`/admin/media/${item.id}/delete`} class="stacked-form">
                  <CsrfField token={chrome.csrfToken} />
                  <label class="media-check">
                    <input type="checkbox" name="confirm" value="yes" required /> Delete this image and all
                    its copies
                  </label>
                  <button type="submit" class="danger">
                    Delete image
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
