// Autosave, the unsaved-changes warning, and the copy kept in this browser (runs in the browser).
//
// Why a browser copy (localStorage) rather than saving after the session ends: a request without
// a live session must not write anything (that is the whole point of sessions and CSRF tokens), so
// text typed after the session ended cannot reach the server until the person signs in again.
// Every change is therefore copied to localStorage at once; when the editor opens again (after
// signing in), a copy that differs from what is stored is put back in the form and the page says
// so. The copy carries the revision it was based on, so if someone else saved meanwhile, the next
// save shows both versions instead of overwriting theirs. Logging out clears every copy
// (Clear-Site-Data, auth-cookies.ts): a shared computer keeps nothing once the person has left.
import { editorText } from './editor-messages.ts'

const AUTOSAVE_EVERY_MS = 5_000
const KEEP_COPIES_FOR_MS = 14 * 24 * 60 * 60 * 1000
/** Fields the copy leaves out: they belong to the page, not to the person's text. */
const PAGE_FIELDS = new Set(['_csrf', 'revision', 'storyId', 'action'])

interface LocalCopy {
  savedAt: number
  baseRevision: string
  fields: Record<string, string[]>
}

interface BodyAccess {
  setBody(html: string): void
}

function readFields(form: HTMLFormElement): Record<string, string[]> {
  const fields: Record<string, string[]> = {}
  new FormData(form).forEach((value, key) => {
    if (PAGE_FIELDS.has(key) || typeof value !== 'string') return
    const list = fields[key] ?? []
    list.push(value)
    fields[key] = list
  })
  return fields
}

function textOf(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** Whether a copy says the same as the form: the words matter, not how the HTML is written. */
function sameWords(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const first = (f: Record<string, string[]>, name: string): string => (f[name]?.[0] ?? '').trim()
  return (
    first(a, 'headline') === first(b, 'headline') &&
    first(a, 'dek') === first(b, 'dek') &&
    first(a, 'excerpt') === first(b, 'excerpt') &&
    textOf(first(a, 'bodyHtml')) === textOf(first(b, 'bodyHtml'))
  )
}

function timeLabel(date: Date): string {
  // In the admin's language (the page's lang), with the digits it uses.
  return date.toLocaleTimeString(document.documentElement.lang || [], { hour: '2-digit', minute: '2-digit' })
}

export function startAutosave(form: HTMLFormElement, body: BodyAccess): void {
  const state = document.getElementById('save-state')
  const restoreNotice = document.getElementById('restore-notice')
  const revisionInput = form.elements.namedItem('revision') as HTMLInputElement | null
  const idInput = form.elements.namedItem('storyId') as HTMLInputElement | null
  const isAutosaveOn = form.dataset.autosave === 'on'
  const autosaveUrl = form.dataset.autosaveUrl ?? ''
  const keyFor = (id: string): string => `dateline:story:${id === '' ? 'new' : id}`
  let storageKey = keyFor(idInput?.value ?? '')
  let isSubmitting = false
  let isInFlight = false
  let isStopped = false

  const say = (text: string, isProblem = false): void => {
    if (!state) return
    state.textContent = text
    state.classList.toggle('is-problem', isProblem)
  }
  const snapshot = (): string => JSON.stringify(readFields(form))

  const readCopy = (): LocalCopy | undefined => {
    try {
      const raw = localStorage.getItem(storageKey)
      return raw ? (JSON.parse(raw) as LocalCopy) : undefined
    } catch {
      return undefined
    }
  }
  const writeCopy = (): void => {
    try {
      const copy: LocalCopy = {
        savedAt: Date.now(),
        baseRevision: revisionInput?.value ?? '',
        fields: readFields(form),
      }
      localStorage.setItem(storageKey, JSON.stringify(copy))
    } catch {
      // Private browsing or a full store: autosave still protects the text.
    }
  }
  const dropCopy = (): void => {
    try {
      localStorage.removeItem(storageKey)
    } catch {
      // Nothing to drop.
    }
  }

  // Put back text this browser kept but the server never received.
  const copy = readCopy()
  if (copy && Date.now() - copy.savedAt > KEEP_COPIES_FOR_MS) dropCopy()
  else if (copy && !sameWords(copy.fields, readFields(form))) {
    for (const [name, values] of Object.entries(copy.fields)) {
      const field = form.elements.namedItem(name)
      if (name === 'bodyHtml') body.setBody(values[0] ?? '')
      else if (field instanceof HTMLSelectElement && field.multiple) {
        for (const option of Array.from(field.options)) option.selected = values.includes(option.value)
      } else if (
        field instanceof HTMLInputElement ||
        field instanceof HTMLTextAreaElement ||
        field instanceof HTMLSelectElement
      ) {
        field.value = values[0] ?? ''
      }
    }
    // Based on the revision the text started from: a save then shows both versions if someone
    // else saved in between, instead of silently replacing their work.
    if (revisionInput && copy.baseRevision !== '') revisionInput.value = copy.baseRevision
    if (restoreNotice) {
      restoreNotice.hidden = false
      restoreNotice.textContent = editorText('restored', { time: timeLabel(new Date(copy.savedAt)) })
      const discard = document.createElement('button')
      discard.type = 'button'
      discard.className = 'link-button'
      discard.textContent = editorText('discard')
      discard.addEventListener('click', () => {
        dropCopy()
        isSubmitting = true
        window.location.reload()
      })
      restoreNotice.append(discard)
    }
  } else if (copy) dropCopy()

  let lastSaved = copy && !sameWords(copy.fields, readFields(form)) ? '' : snapshot()
  const isDirty = (): boolean => snapshot() !== lastSaved

  let copyTimer: number | undefined
  form.addEventListener('input', () => {
    if (isDirty()) say(editorText('unsaved'))
    window.clearTimeout(copyTimer)
    copyTimer = window.setTimeout(writeCopy, 300)
  })
  form.addEventListener('change', () => {
    window.clearTimeout(copyTimer)
    copyTimer = window.setTimeout(writeCopy, 300)
  })
  form.addEventListener('submit', () => {
    writeCopy()
    isSubmitting = true
  })
  window.addEventListener('beforeunload', (event) => {
    if (isSubmitting || !isDirty()) return
    event.preventDefault()
    // Older browsers need returnValue set to show the warning.
    event.returnValue = ''
  })

  async function autosave(): Promise<void> {
    if (!isAutosaveOn || isStopped || isInFlight || isSubmitting || !isDirty()) return
    const headline = (form.elements.namedItem('headline') as HTMLInputElement | null)?.value.trim() ?? ''
    if (headline === '') return say(editorText('autosaveNeedsHeadline'))
    isInFlight = true
    const sent = snapshot()
    say(editorText('saving'))
    try {
      const response = await fetch(autosaveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
        credentials: 'same-origin',
        redirect: 'manual',
      })
      if (response.status === 401 || response.status === 403 || response.type === 'opaqueredirect') {
        isStopped = true
        writeCopy()
        say(editorText('signedOut'), true)
        const link = document.createElement('a')
        link.href = `/admin/login?next=${encodeURIComponent(window.location.pathname)}`
        link.target = '_blank'
        link.textContent = editorText('signInNewTab')
        state?.append(link)
        return
      }
      const result = (await response.json()) as {
        id?: number
        revision?: number
        savedAt?: string
        finalUrl?: string
        error?: { code: string; message: string }
      }
      if (!response.ok || result.id === undefined) {
        if (result.error?.code === 'STORY_CONFLICT') isStopped = true
        say(result.error?.message ?? editorText('autosaveFailed'), true)
        return
      }
      if (revisionInput && result.revision !== undefined) revisionInput.value = String(result.revision)
      if (idInput && idInput.value === '') {
        // The first autosave created the story: from now on this page edits it.
        dropCopy()
        idInput.value = String(result.id)
        form.dataset.storyId = String(result.id)
        form.action = `/admin/stories/${result.id}`
        storageKey = keyFor(String(result.id))
        window.history.replaceState(null, '', `/admin/stories/${result.id}`)
        const heading = document.querySelector('.page-heading h1')
        if (heading) heading.textContent = editorText('editStory')
      }
      const finalUrl = document.getElementById('final-url')
      if (finalUrl && result.finalUrl) finalUrl.textContent = result.finalUrl
      lastSaved = sent
      if (!isDirty()) dropCopy()
      say(editorText('savedAt', { time: timeLabel(result.savedAt ? new Date(result.savedAt) : new Date()) }))
    } catch {
      writeCopy()
      say(editorText('offline'), true)
    } finally {
      isInFlight = false
    }
  }
  window.setInterval(() => void autosave(), AUTOSAVE_EVERY_MS)
}
