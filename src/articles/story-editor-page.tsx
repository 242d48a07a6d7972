// The story editor. Without JavaScript it is a complete HTML form (the body is a <textarea> of
// HTML); the TipTap island (editor/editor-island.ts) replaces that textarea and adds autosave.
// The island reads its settings from data- attributes: the CSP forbids inline scripts.
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { type AdminMessageKey, type AdminTranslate, useAdminT } from '../admin/admin-messages.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { LANGUAGES, SITE_LANGUAGES } from '../i18n/languages.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { storyDirection } from './editor/editor-fields.ts'
import { EDITOR_MESSAGE_NAMES } from './editor/editor-messages.ts'
import type { FieldDiff } from './revisions.service.ts'
import type { StoryForm } from './story-input.ts'
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

const ACTION_LABELS: Record<WorkflowAction, AdminMessageKey> = {
  submit: 'admin.editor.actionSubmit',
  publish: 'admin.editor.actionPublish',
  schedule: 'admin.editor.actionSchedule',
  unpublish: 'admin.editor.actionUnpublish',
  'to-draft': 'admin.editor.actionToDraft',
}

const FIELD_LABELS: Record<string, AdminMessageKey> = {
  headline: 'admin.stories.headline',
  dek: 'admin.editor.dek',
  dateline: 'admin.editor.dateline',
  excerpt: 'admin.editor.excerpt',
  correction_note: 'admin.editor.updateNote',
  body_html: 'admin.editor.bodyHtml',
}

/** The island fills these in itself (editorText): they pass through as written. */
const ISLAND_SLOTS = { id: '{id}', time: '{time}', provider: '{provider}', host: '{host}' }

/** The island's words (editor/editor-messages.ts) in the admin's language, for data-messages. */
function editorMessagesJson(t: AdminTranslate): string {
  return JSON.stringify(
    Object.fromEntries(
      EDITOR_MESSAGE_NAMES.map((name) => [
        name,
        t(`admin.editorUi.${name}` as AdminMessageKey, ISLAND_SLOTS),
      ]),
    ),
  )
}

function DiffView(props: { fields: FieldDiff[] }) {
  const t = useAdminT()
  const changed = props.fields.filter((f) => f.isChanged)
  if (changed.length === 0) return <p>{t('admin.editor.sameWords')}</p>
  return (
    <dl class="diff">
      {changed.map((f) => (
        <div key={f.field} class="diff-field">
          <dt>{FIELD_LABELS[f.field] ? t(FIELD_LABELS[f.field] as AdminMessageKey) : f.label}</dt>
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
  const t = useAdminT()
  const locale = useLocale()
  return (
    <section class="panel conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">{t('admin.editor.conflictHeading')}</h2>
      <p>
        {t('admin.editor.conflictSaved', {
          revision: conflict.storedRevision,
          time: locale.formatDateTime(conflict.storedAt),
        })}
      </p>
      <ul>
        <li>{t('admin.editor.conflictKeepYours')}</li>
        <li>
          {t('admin.editor.conflictKeepTheirs')}{' '}
          <a href={`/admin/stories/${props.storyId}`}>{t('admin.editor.conflictOpenStored')}</a>
        </li>
      </ul>
      <details open>
        <summary>{t('admin.editor.conflictDiffers')}</summary>
        <DiffView fields={conflict.fields} />
      </details>
      <details>
        <summary>{t('admin.editor.conflictStored')}</summary>
        <h3>{conflict.stored.headline}</h3>
        {conflict.stored.dek ? <p>{conflict.stored.dek}</p> : null}
        <pre class="stored-body">{conflict.stored.bodyHtml}</pre>
      </details>
    </section>
  )
}

export function StoryEditorPage(props: StoryEditorProps) {
  const { form } = props
  const t = useAdminT()
  const locale = useLocale()
  const isNew = props.storyId === undefined
  const action = isNew ? '/admin/stories' : `/admin/stories/${props.storyId}`
  const title = isNew
    ? t('admin.stories.new')
    : t('admin.editor.editTitle', { headline: form.headline || '…' })
  const isAutosaveOn = props.status === 'draft' || props.status === 'review'
  // The story's own words are written in its language: lang and dir on every field that holds
  // them (dir="auto" for a language we do not know), updated by the island when the select changes.
  const storyText = { lang: form.language, dir: storyDirection(form.language), 'data-story-text': '' }
  return (
    <AdminLayout chrome={props.chrome} title={title}>
      <link rel="stylesheet" href={props.assets.stylesheetUrl} />
      <div class="page-heading">
        <h1>{isNew ? t('admin.stories.new') : t('admin.editorUi.editStory')}</h1>
        <p class="story-meta">
          <span class={`status-badge status-${props.status}`}>{t(STATUS_LABELS[props.status])}</span>
          {props.status === 'scheduled' && props.publishedAt ? (
            <span>
              {' '}
              {t('admin.stories.scheduledFor', { time: locale.formatDateTime(props.publishedAt) })}
            </span>
          ) : null}
          {isNew ? null : (
            <span class="hint"> {t('admin.editor.revision', { revision: props.revision })}</span>
          )}
          <span id="save-state" class="save-state" role="status" aria-live="polite">
            {props.updatedAt && !isNew
              ? t('admin.editorUi.savedAt', { time: locale.formatDateTime(props.updatedAt) })
              : ''}
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
        data-messages={editorMessagesJson(t)}
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
            <label for="headline">{t('admin.stories.headline')}</label>
            <input
              type="text"
              id="headline"
              name="headline"
              value={form.headline}
              required
              maxLength={300}
              class="headline-input"
              {...storyText}
              autocomplete="off"
            />
            <label for="dek">{t('admin.editor.dekLabel')}</label>
            <textarea id="dek" name="dek" rows={2} {...storyText}>
              {form.dek}
            </textarea>
            <label for="bodyHtml" id="body-label">
              {t('admin.editor.body')}
            </label>
            <p class="hint" id="body-hint">
              {t('admin.editor.bodyHint')}
            </p>
            <textarea
              id="bodyHtml"
              name="bodyHtml"
              rows={22}
              class="body-source"
              {...storyText}
              aria-describedby="body-hint"
            >
              {form.bodyHtml}
            </textarea>
            <div id="editor-root" class="editor-root" />
          </div>
          <div class="story-side">
            <fieldset>
              <legend>{t('admin.webhooks.colAddress')}</legend>
              <label for="slug">{t('admin.editor.slug')}</label>
              <input
                type="text"
                id="slug"
                name="slug"
                value={form.slug}
                dir="ltr"
                aria-describedby="slug-hint"
              />
              <p class="hint" id="slug-hint">
                {t('admin.editor.slugHint')}{' '}
                <output id="final-url" dir="ltr">
                  {props.finalUrl ?? ''}
                </output>
              </p>
              <label for="sectionId">{t('admin.stories.section')}</label>
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
              <label for="language">{t('admin.editor.language')}</label>
              <select id="language" name="language">
                {SITE_LANGUAGES.map((code) => (
                  <option
                    key={code}
                    value={code}
                    selected={form.language === code}
                    lang={code}
                    dir={LANGUAGES[code].dir}
                  >
                    {LANGUAGES[code].nativeName}
                  </option>
                ))}
              </select>
              <TranslationOfField choices={props.translationChoices ?? []} value={form.translationOf ?? ''} />
            </fieldset>
            <fieldset>
              <legend>{t('admin.stories.byline')}</legend>
              <label for="authorIds">{t('admin.editor.authorsAndAgencies')}</label>
              <select
                id="authorIds"
                name="authorIds"
                multiple
                size={Math.min(6, Math.max(3, props.bylines.length))}
                aria-describedby="byline-hint"
              >
                {props.bylines.map((b) => (
                  <option key={b.id} value={String(b.id)} selected={form.authorIds.includes(String(b.id))}>
                    {b.isAgency ? t('admin.editor.agency', { name: b.name }) : b.name}
                  </option>
                ))}
              </select>
              <p class="hint" id="byline-hint">
                {t('admin.editor.bylineHint')}
              </p>
              <label for="dateline">{t('admin.editor.dateline')}</label>
              <input
                type="text"
                id="dateline"
                name="dateline"
                value={form.dateline}
                placeholder={t('admin.editor.datelinePlaceholder')}
                {...storyText}
              />
            </fieldset>
            <fieldset>
              <legend>{t('admin.editor.tagsAndExcerpt')}</legend>
              <label for="tags">{t('admin.nav.tags')}</label>
              <input
                type="text"
                id="tags"
                name="tags"
                value={form.tags}
                list="tag-suggestions"
                autocomplete="off"
                dir="auto"
                aria-describedby="tags-hint"
              />
              <datalist id="tag-suggestions" />
              <p class="hint" id="tags-hint">
                {t('admin.editor.tagsHint')}
              </p>
              <label for="excerpt">{t('admin.editor.excerptLabel')}</label>
              <textarea id="excerpt" name="excerpt" rows={3} {...storyText}>
                {form.excerpt}
              </textarea>
            </fieldset>
            <fieldset>
              <legend>{t('admin.editor.featuredImage')}</legend>
              <label for="featuredMediaId">{t('admin.editorUi.imageNumber')}</label>
              <input
                type="text"
                inputMode="numeric"
                id="featuredMediaId"
                name="featuredMediaId"
                value={form.featuredMediaId}
                dir="ltr"
                aria-describedby="featured-hint"
              />
              <p class="hint" id="featured-hint">
                {t('admin.editor.featuredHint')} <a href="/admin/media">{t('admin.media.title')}</a>
              </p>
              <label for="featuredCaption">{t('admin.media.caption')}</label>
              <input
                type="text"
                id="featuredCaption"
                name="featuredCaption"
                value={form.featuredCaption}
                {...storyText}
              />
              <label for="featuredCredit">{t('admin.media.credit')}</label>
              <input
                type="text"
                id="featuredCredit"
                name="featuredCredit"
                value={form.featuredCredit}
                dir="auto"
              />
            </fieldset>
            {props.status === 'published' ? (
              <fieldset>
                <legend>{t('admin.editor.updateNote')}</legend>
                <label for="correctionNote">{t('admin.editor.correctionLabel')}</label>
                <textarea id="correctionNote" name="correctionNote" rows={3} {...storyText}>
                  {form.correctionNote}
                </textarea>
              </fieldset>
            ) : null}
            {props.actions.includes('schedule') ? (
              <fieldset>
                <legend>{t('admin.editor.actionSchedule')}</legend>
                <label for="scheduleAt">{t('admin.editor.publishAt', { timeZone: props.timeZone })}</label>
                <input type="datetime-local" id="scheduleAt" name="scheduleAt" value={form.scheduleAt} />
              </fieldset>
            ) : null}
          </div>
        </div>
        <div class="story-actions">
          <button type="submit" name="action" value="save">
            {t('admin.common.save')}
          </button>
          {props.actions.map((a) => (
            <button
              key={a}
              type="submit"
              name="action"
              value={a}
              class={a === 'unpublish' ? 'danger' : 'secondary'}
            >
              {t(ACTION_LABELS[a])}
            </button>
          ))}
          {isNew ? null : (
            <>
              <a href={`/admin/stories/${props.storyId}/preview`} target="_blank" rel="noopener">
                {t('admin.stories.preview')}
              </a>
              {props.hasRevisions ? (
                <a href={`/admin/stories/${props.storyId}/revisions`}>{t('admin.revisions.title')}</a>
              ) : null}
            </>
          )}
        </div>
      </form>
      {props.assets.scriptUrl ? <script type="module" src={props.assets.scriptUrl} /> : null}
    </AdminLayout>
  )
}
