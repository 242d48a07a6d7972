// Helpers for the editor's side fields (runs in the browser): the final address shown live as
// the headline, slug or section change, and tag suggestions for the comma-separated tags field.
import { isSiteLanguage, textDirection } from '../../i18n/languages.ts'
import { slugify } from '../../lib/slugify.ts'

function debounce(fn: () => void, ms: number): () => void {
  let timer: number | undefined
  return () => {
    window.clearTimeout(timer)
    timer = window.setTimeout(fn, ms)
  }
}

function startFinalUrl(form: HTMLFormElement): void {
  const output = document.getElementById('final-url')
  const headline = form.elements.namedItem('headline') as HTMLInputElement | null
  const slug = form.elements.namedItem('slug') as HTMLInputElement | null
  const section = form.elements.namedItem('sectionId') as HTMLSelectElement | null
  if (!output || !headline || !slug || !section) return
  const update = (): void => {
    const sectionSlug = section.selectedOptions[0]?.dataset.slug ?? ''
    const storySlug = slugify(slug.value.trim() || headline.value)
    output.textContent = storySlug ? `${form.dataset.siteUrl ?? ''}/${sectionSlug}/${storySlug}` : ''
  }
  for (const field of [headline, slug, section]) field.addEventListener('input', update)
  section.addEventListener('change', update)
}

/**
 * Suggestions come from /admin/api/tags?q= for the term being typed (after the last comma); each
 * suggestion is the whole field with that term completed, so the browser's own <datalist> works.
 */
function startTagSuggestions(form: HTMLFormElement): void {
  const input = form.elements.namedItem('tags') as HTMLInputElement | null
  const list = document.getElementById('tag-suggestions')
  const url = form.dataset.tagsUrl
  if (!input || !list || !url) return
  const suggest = debounce(async () => {
    const value = input.value
    const cut = value.lastIndexOf(',')
    const term = value.slice(cut + 1).trim()
    const before = cut < 0 ? '' : `${value.slice(0, cut + 1).trim()} `
    if (term === '') {
      list.replaceChildren()
      return
    }
    try {
      const response = await fetch(`${url}?q=${encodeURIComponent(term)}`, {
        headers: { accept: 'application/json' },
      })
      if (!response.ok) return
      const tags = (await response.json()) as { name: string }[]
      list.replaceChildren(
        ...tags.map((tag) => {
          const option = document.createElement('option')
          option.value = `${before}${tag.name}`
          return option
        }),
      )
    } catch {
      // Suggestions are a convenience; typing still works.
    }
  }, 200)
  input.addEventListener('input', suggest)
}

/** The direction a story's own text is written in; "auto" (the browser decides) for an unknown language. */
export function storyDirection(language: string): 'ltr' | 'rtl' | 'auto' {
  return isSiteLanguage(language) ? textDirection(language) : 'auto'
}

/**
 * The fields that hold the story's own words (marked data-story-text on the page: headline, dek,
 * dateline, excerpt, the body's textarea) take the story's language and direction, and follow the
 * language select when it changes. The visual editor listens for "story-language" on the form.
 */
function startStoryDirection(form: HTMLFormElement): void {
  const select = form.elements.namedItem('language')
  if (!(select instanceof HTMLSelectElement)) return
  select.addEventListener('change', () => {
    const language = select.value
    const dir = storyDirection(language)
    for (const field of Array.from(form.querySelectorAll<HTMLElement>('[data-story-text]'))) {
      field.lang = language
      field.dir = dir
    }
    form.dispatchEvent(new CustomEvent('story-language', { detail: { language, dir } }))
  })
}

export function startFieldHelpers(form: HTMLFormElement): void {
  startFinalUrl(form)
  startTagSuggestions(form)
  startStoryDirection(form)
}
