// The story editor. Without JavaScript it is a complete HTML form (the body is a <textarea> of
// HTML); the TipTap island (editor/editor-island.ts) replaces that textarea and adds autosave.
// The island reads its settings from data- attributes: the CSP forbids inline scripts.
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import type { ArticleStatus } from '../db/tables.ts'
import { formatDateTime } from '../lib/time.ts'
import type { FieldDiff } from './revisions.service.ts'
import { STORY_LANGUAGES, type StoryForm } from './story-input.ts'
import { STATUS_LABELS } from './story-list-page.tsx'
import { TranslationOfField } from './translation-field.tsx'
import type { TranslationChoice } from './translations.service.ts'
import type { WorkflowAction } from './workflow.service.ts'

export interface EditorAssetUrls {
  scriptUrl: string | undefined
  stylesheetUrl: string
}

export interface BylineChoice {
  id: number
  name: string
  isAgency: boolean
}

/** The version someone else saved, shown beside the person's own when their form was stale. */
export interface ConflictView {
  storedRevision: number
  storedAt: string
  stored: { headline: string; dek: string; bodyHtml: string }
  /** From the stored version to the person's. */
  fields: FieldDiff[]
}

export interface StoryEditorProps {
  chrome: AdminChrome
  assets: EditorAssetUrls
  storyId: number | undefined
  revision: number
  status: ArticleStatus
  form: StoryForm
  sections: { id: number; name: string; slug: string }[]
  bylines: BylineChoice[]
  /** Stories this one may translate (translation-field.tsx). */
  translationChoices?: TranslationChoice[]
  /** The address readers will use, e.g. https://news.example/society/new-wells. */
  finalUrl: string | undefined
  siteUrl: string
  publishedAt: string | null
  updatedAt: string | undefined
  timeZone: string
  /** The workflow buttons this person may press for this story in its state. */
  actions: WorkflowAction[]
  hasRevisions: boolean
  problems: string[]
  notice?: string | undefined
  conflict?: ConflictView | undefined
}

const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: 'Submit for review',
  publish: 'Publish now',
  schedule: 'Schedule',
  unpublish: 'Unpublish',
  'to-draft': 'Back to draft',
}

function DiffView(props: { fields: FieldDiff[] }) {
  const changed = props.fields.filter((f) => f.isChanged)
  if (changed.length === 0) return <p>The two versions have the same words.</p>
  return (
    <dl class="diff">
      {changed.map((f) => (
        <div key={f.field} class="diff-field">
          <dt>{f.label}</dt>
          <dd class={f.field === 'body_html' ? 'diff-text diff-html' : 'diff-text'}>
            {f.parts.map((p, i) =>
              p.kind === 'added' ? (
                <ins key={i}>{p.text}</ins>
              ) : p.kind === 'removed' ? (
                <del key={i}>{p.text}</del>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}

export { DiffView }

function ConflictPanel(props: { conflict: ConflictView; storyId: number; timeZone: string }) {
  const { conflict } = props
  return (
    <section class="panel conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Someone else saved this story</h2>
      <p>
        Revision {conflict.storedRevision} was saved at {formatDateTime(conflict.storedAt, props.timeZone)},
        after you opened this page. Nothing was overwritten. Your version is in the form below.
      </p>
      <ul>
        <li>
          To keep <strong>your</strong> version, check the differences and press <strong>Save</strong>: it
          will replace theirs.
        </li>
        <li>
          To keep <strong>theirs</strong>,{' '}
          <a href={`/admin/stories/${props.storyId}`}>open the stored version</a> (your changes here are then
          discarded, so copy anything you need first).
        </li>
      </ul>
      <details open>
        <summary>What differs (from the stored version to yours)</summary>
        <DiffView fields={conflict.fields} />
      </details>
      <details>
        <summary>The stored version in full</summary>
        <h3>{conflict.stored.headline}</h3>
        {conflict.stored.dek ? <p>{conflict.stored.dek}</p> : null}
        <pre class="stored-body">{conflict.stored.bodyHtml}</pre>
      </details>
    </section>
  )
}

export function StoryEditorPage(props: StoryEditorProps) {
  const { form } = props
  const isNew = props.storyId === undefined
  const action = isNew ? '/admin/stories' : `/admin/stories/${props.storyId}`
  const title = isNew ? 'New story' : `Edit: ${form.headline || 'story'}`
  const isAutosaveOn = props.status === 'draft' || props.status === 'review'
  return (
    <AdminLayout chrome={props.chrome} title={title}>
      <link rel="stylesheet" href={props.assets.stylesheetUrl} />
      <div class="page-heading">
        <h1>{isNew ? 'New story' : 'Edit story'}</h1>
        <p class="story-meta">
          <span class={`status-badge status-${props.status}`}>{STATUS_LABELS[props.status]}</span>
          {props.status === 'scheduled' && props.publishedAt ? (
            <span> for {formatDateTime(props.publishedAt, props.timeZone)}</span>
          ) : null}
          {isNew ? null : <span class="hint"> Revision {props.revision}</span>}
          <span id="save-state" class="save-state" role="status" aria-live="polite">
            {props.updatedAt && !isNew ? `Saved ${formatDateTime(props.updatedAt, props.timeZone)}` : ''}
          </span>
        </p>
      </div>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <ProblemList problems={props.problems} />
      {props.conflict && props.storyId !== undefined ? (
        <ConflictPanel conflict={props.conflict} storyId={props.storyId} timeZone={props.timeZone} />
      ) : null}
      <div id="restore-notice" class="notice notice-info" role="status" hidden />
      <form
        method="post"
        action={action}
        id="story-form"
        class="story-form"
        data-autosave-url="/admin/stories/autosave"
        data-story-id={props.storyId === undefined ? '' : String(props.storyId)}
        data-autosave={isAutosaveOn ? 'on' : 'off'}
        data-tags-url="/admin/api/tags"
        data-media-url="/admin/api/story-media/"
        data-library-url="/admin/api/media"
        data-site-url={props.siteUrl}
        data-time-zone={props.timeZone}
      >
        <CsrfField token={props.chrome.csrfToken} />
        <input type="hidden" name="revision" value={String(props.revision)} />
        <input
          type="hidden"
          name="storyId"
          value={props.storyId === undefined ? '' : String(props.storyId)}
        />
        <div class="story-grid">
          <div class="story-main">
            <label for="headline">Headline</label>
            <input
              type="text"
              id="headline"
              name="headline"
              value={form.headline}
              required
              maxLength={300}
              class="headline-input"
              lang={form.language}
              autocomplete="off"
            />
            <label for="dek">Dek (the line under the headline)</label>
            <textarea id="dek" name="dek" rows={2} lang={form.language}>
              {form.dek}
            </textarea>
            <label for="bodyHtml" id="body-label">
              Story
            </label>
            <p class="hint" id="body-hint">
              Without the visual editor, write the story as HTML: &lt;p&gt;, &lt;h2&gt;, &lt;a href&gt;,
              &lt;blockquote&gt;… Anything unsafe is removed when you save.
            </p>
            <textarea
              id="bodyHtml"
              name="bodyHtml"
              rows={22}
              class="body-source"
              lang={form.language}
              aria-describedby="body-hint"
            >
              {form.bodyHtml}
            </textarea>
            <div id="editor-root" class="editor-root" />
          </div>
          <div class="story-side">
            <fieldset>
              <legend>Address</legend>
              <label for="slug">Slug</label>
              <input type="text" id="slug" name="slug" value={form.slug} aria-describedby="slug-hint" />
              <p class="hint" id="slug-hint">
                Left empty, it is made from the headline. Address:{' '}
                <output id="final-url">{props.finalUrl ?? ''}</output>
              </p>
              <label for="sectionId">Section</label>
              <select id="sectionId" name="sectionId" required>
                {props.sections.map((s) => (
                  <option
                    key={s.id}
                    value={String(s.id)}
                    selected={form.sectionId === String(s.id)}
                    data-slug={s.slug}
                  >
                    {s.name}
                  </option>
                ))}
              </select>
              <label for="language">Language</label>
              <select id="language" name="language">
                {STORY_LANGUAGES.map((l) => (
                  <option key={l.code} value={l.code} selected={form.language === l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
              <TranslationOfField choices={props.translationChoices ?? []} value={form.translationOf ?? ''} />
            </fieldset>
            <fieldset>
              <legend>Byline</legend>
              <label for="authorIds">Authors and agencies</label>
              <select
                id="authorIds"
                name="authorIds"
                multiple
                size={Math.min(6, Math.max(3, props.bylines.length))}
                aria-describedby="byline-hint"
              >
                {props.bylines.map((b) => (
                  <option key={b.id} value={String(b.id)} selected={form.authorIds.includes(String(b.id))}>
                    {b.isAgency ? `${b.name} (agency)` : b.name}
                  </option>
                ))}
              </select>
              <p class="hint" id="byline-hint">
                Hold Ctrl (⌘ on a Mac) to choose several.
              </p>
              <label for="dateline">Dateline</label>
              <input type="text" id="dateline" name="dateline" value={form.dateline} placeholder="KABUL" />
            </fieldset>
            <fieldset>
              <legend>Tags and excerpt</legend>
              <label for="tags">Tags</label>
              <input
                type="text"
                id="tags"
                name="tags"
                value={form.tags}
                list="tag-suggestions"
                autocomplete="off"
                aria-describedby="tags-hint"
              />
              <datalist id="tag-suggestions" />
              <p class="hint" id="tags-hint">
                Separate tags with commas; new tags are created.
              </p>
              <label for="excerpt">Excerpt (optional)</label>
              <textarea id="excerpt" name="excerpt" rows={3} lang={form.language}>
                {form.excerpt}
              </textarea>
            </fieldset>
            <fieldset>
              <legend>Featured image</legend>
              <label for="featuredMediaId">Media library number</label>
              <input
                type="text"
                inputMode="numeric"
                id="featuredMediaId"
                name="featuredMediaId"
                value={form.featuredMediaId}
                aria-describedby="featured-hint"
              />
              <p class="hint" id="featured-hint">
                The number shown in the <a href="/admin/media">media library</a>.
              </p>
              <label for="featuredCaption">Caption</label>
              <input type="text" id="featuredCaption" name="featuredCaption" value={form.featuredCaption} />
              <label for="featuredCredit">Credit</label>
              <input type="text" id="featuredCredit" name="featuredCredit" value={form.featuredCredit} />
            </fieldset>
            {props.status === 'published' ? (
              <fieldset>
                <legend>Update note</legend>
                <label for="correctionNote">Correction or update note (shown with “Updated”)</label>
                <textarea id="correctionNote" name="correctionNote" rows={3}>
                  {form.correctionNote}
                </textarea>
              </fieldset>
            ) : null}
            {props.actions.includes('schedule') ? (
              <fieldset>
                <legend>Schedule</legend>
                <label for="scheduleAt">Publish at ({props.timeZone})</label>
                <input type="datetime-local" id="scheduleAt" name="scheduleAt" value={form.scheduleAt} />
              </fieldset>
            ) : null}
          </div>
        </div>
        <div class="story-actions">
          <button type="submit" name="action" value="save">
            Save
          </button>
          {props.actions.map((a) => (
            <button
              key={a}
              type="submit"
              name="action"
              value={a}
              class={a === 'unpublish' ? 'danger' : 'secondary'}
            >
              {ACTION_LABELS[a]}
            </button>
          ))}
          {isNew ? null : (
            <>
              <a href={`/admin/stories/${props.storyId}/preview`} target="_blank" rel="noopener">
                Preview
              </a>
              {props.hasRevisions ? (
                <a href={`/admin/stories/${props.storyId}/revisions`}>Revisions</a>
              ) : null}
            </>
          )}
        </div>
      </form>
      {props.assets.scriptUrl ? <script type="module" src={props.assets.scriptUrl} /> : null}
    </AdminLayout>
  )
}
