// The editor island's small panels (runs in the browser): a labelled group of inputs under the
// toolbar for links, images and embeds, and the media library search inside the image panel.
import { editorText } from './editor-messages.ts'

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value)
  for (const child of children) node.append(child)
  return node
}

/** A small panel under the toolbar with labelled inputs; Enter applies, Escape closes. */
export interface Panel {
  root: HTMLElement
  open(): void
  close(): void
  message(text: string): void
}

export function makePanel(
  id: string,
  title: string,
  fields: { name: string; label: string; type?: string }[],
  applyLabel: string,
  onApply: (values: Record<string, string>) => void | Promise<void>,
  onClose: () => void,
): Panel {
  const inputs = fields.map((f) => {
    // No name attribute: the panel's inputs are never posted with the story form.
    const input = el('input', { type: f.type ?? 'text', id: `${id}-${f.name}` })
    return { field: f, input }
  })
  const status = el('p', { class: 'editor-panel-message', role: 'alert' })
  const apply = el('button', { type: 'button' }, [applyLabel])
  const cancel = el('button', { type: 'button', class: 'secondary' }, [editorText('cancel')])
  const root = el('div', { class: 'editor-panel', id, role: 'group', 'aria-label': title }, [
    el('p', { class: 'editor-panel-title' }, [title]),
    ...inputs.flatMap(({ field, input }) => [el('label', { for: input.id }, [field.label]), input]),
    status,
    el('div', { class: 'editor-panel-buttons' }, [apply, cancel]),
  ])
  root.hidden = true
  const values = (): Record<string, string> =>
    Object.fromEntries(inputs.map(({ field, input }) => [field.name, input.value.trim()]))
  const panel: Panel = {
    root,
    open() {
      status.textContent = ''
      root.hidden = false
      inputs[0]?.input.focus()
    },
    close() {
      root.hidden = true
      for (const { input } of inputs) input.value = ''
      onClose()
    },
    message(text) {
      status.textContent = text
    },
  }
  apply.addEventListener('click', () => void onApply(values()))
  cancel.addEventListener('click', () => panel.close())
  root.addEventListener('keydown', (event) => {
    // Enter inside the panel must never submit the story form.
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault()
      void onApply(values())
    }
    if (event.key === 'Escape') {
      event.preventDefault()
      panel.close()
    }
  })
  return panel
}

/** Links go to web or mail addresses only; "example.com" is taken to mean https://example.com. */
export function normaliseLink(value: string): string | undefined {
  const text = value.trim()
  if (text === '') return undefined
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
  try {
    const url = new URL(withScheme)
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Browsing the media library inside the image panel: a search over the picker API (images with
 * alt text only); choosing a result fills in its number, caption and credit.
 */
export function addLibrarySearch(panel: Panel, libraryUrl: string): void {
  if (libraryUrl === '') return
  const search = el('input', { type: 'search', id: 'image-panel-search', autocomplete: 'off' })
  const results = el('ul', { class: 'media-results', 'aria-live': 'polite' })
  const label = el('label', { for: 'image-panel-search' }, [editorText('searchLibrary')])
  panel.root.insertBefore(results, panel.root.children[1] ?? null)
  panel.root.insertBefore(search, results)
  panel.root.insertBefore(label, search)
  const field = (name: string): HTMLInputElement | null => panel.root.querySelector(`#image-panel-${name}`)
  let timer: number | undefined
  const run = async (): Promise<void> => {
    const response = await fetch(`${libraryUrl}?q=${encodeURIComponent(search.value.trim())}`, {
      headers: { accept: 'application/json' },
    })
    if (!response.ok) return panel.message(editorText('librarySearchFailed'))
    const { items } = (await response.json()) as {
      items: { id: number; thumbUrl: string; alt: string; caption: string; credit: string }[]
    }
    results.replaceChildren(
      ...items.slice(0, 12).map((item) => {
        const choose = el('button', { type: 'button', class: 'media-result' }, [
          el('img', { src: item.thumbUrl, alt: '', width: '64', height: '48' }),
          `${item.id}: ${item.alt}`,
        ])
        choose.addEventListener('click', () => {
          const id = field('id')
          if (id) id.value = String(item.id)
          const caption = field('caption')
          if (caption && caption.value === '') caption.value = item.caption
          const credit = field('credit')
          if (credit && credit.value === '') credit.value = item.credit
          id?.focus()
        })
        return el('li', {}, [choose])
      }),
    )
    if (items.length === 0) panel.message(editorText('libraryNoMatch'))
  }
  search.addEventListener('input', () => {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => void run(), 250)
  })
  search.addEventListener('keydown', (event) => {
    // Enter searches here; it must not insert an image not yet chosen.
    if (event.key === 'Enter') {
      event.preventDefault()
      event.stopPropagation()
      void run()
    }
  })
}
