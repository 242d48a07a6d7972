// The story editor's form: reading it from a request body, and the rules every save checks. The
// raw form is kept as strings so that a refused save can show the person exactly what they typed.
import type { FormBody } from '../admin/form-body.ts'

export const STORY_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fa', name: 'Dari (فارسی)' },
  { code: 'ps', name: 'Pashto (پښتو)' },
] as const

/** Larger than any real story (a 10,000-word feature is ~80,000 characters of HTML). */
export const MAX_BODY_CHARS = 500_000
export const MAX_HEADLINE_CHARS = 300
/** Request limit for the editor's routes: a MAX_BODY_CHARS body in Dari, URL-encoded, fits. */
export const STORY_REQUEST_LIMIT = 8 * 1024 * 1024

/** Exactly what the person typed. */
export interface StoryForm {
  headline: string
  dek: string
  slug: string
  sectionId: string
  tags: string
  authorIds: string[]
  dateline: string
  excerpt: string
  featuredMediaId: string
  featuredCaption: string
  featuredCredit: string
  language: string
  bodyHtml: string
  correctionNote: string
  /** Site-local "YYYY-MM-DDTHH:MM" from a datetime-local input. */
  scheduleAt: string
  /**
   * The id of the story this one translates ('' for none); undefined when the request did not send
   * the field at all (autosave, older clients), which leaves the story's translation link alone.
   */
  translationOf?: string | undefined
}

export const EMPTY_STORY_FORM: StoryForm = {
  headline: '',
  dek: '',
  slug: '',
  sectionId: '',
  tags: '',
  authorIds: [],
  dateline: '',
  excerpt: '',
  featuredMediaId: '',
  featuredCaption: '',
  featuredCredit: '',
  language: 'en',
  bodyHtml: '',
  correctionNote: '',
  scheduleAt: '',
  translationOf: '',
}

function text(body: FormBody, name: string): string {
  const value = body[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

/** Every value of a field sent several times (a multiple select). */
function texts(body: FormBody, name: string): string[] {
  const value = body[name]
  const all = Array.isArray(value) ? value : [value]
  return all.filter((v): v is string => typeof v === 'string' && v !== '')
}

export function readStoryForm(body: FormBody): StoryForm {
  return {
    headline: text(body, 'headline'),
    dek: text(body, 'dek'),
    slug: text(body, 'slug'),
    sectionId: text(body, 'sectionId'),
    tags: text(body, 'tags'),
    authorIds: texts(body, 'authorIds'),
    dateline: text(body, 'dateline'),
    excerpt: text(body, 'excerpt'),
    featuredMediaId: text(body, 'featuredMediaId'),
    featuredCaption: text(body, 'featuredCaption'),
    featuredCredit: text(body, 'featuredCredit'),
    language: text(body, 'language') || 'en',
    bodyHtml: text(body, 'bodyHtml'),
    correctionNote: text(body, 'correctionNote'),
    scheduleAt: text(body, 'scheduleAt'),
    translationOf: body.translationOf === undefined ? undefined : text(body, 'translationOf'),
  }
}

/** The checked, typed form. Lookups (does the section exist?) happen in the service. */
export interface StoryInput {
  headline: string
  dek: string
  /** '' means "make it from the headline". */
  slug: string
  sectionId: number | null
  tagNames: string[]
  authorIds: number[]
  dateline: string
  excerpt: string
  featuredMediaId: number | null
  featuredCaption: string
  featuredCredit: string
  language: string
  bodyHtml: string
  correctionNote: string
  /** The story this one translates; null for none; undefined to leave the link as it is. */
  translationOf?: number | null
}

function positiveInt(value: string): number | null {
  return /^\d{1,9}$/.test(value.trim()) && Number(value) > 0 ? Number(value) : null
}

/** Parses the form and lists every problem at once (none means the input is usable). */
export function parseStoryForm(form: StoryForm): { input: StoryInput; problems: string[] } {
  const problems: string[] = []
  const headline = form.headline.trim()
  if (headline === '') problems.push('A headline is required.')
  if (headline.length > MAX_HEADLINE_CHARS)
    problems.push(`The headline is ${headline.length} characters long; the limit is ${MAX_HEADLINE_CHARS}.`)
  if (form.bodyHtml.length > MAX_BODY_CHARS)
    problems.push(
      `The story is too long to save (${form.bodyHtml.length.toLocaleString('en')} characters of text and formatting; the limit is ${MAX_BODY_CHARS.toLocaleString('en')}). Split it into parts, or remove pasted formatting.`,
    )
  if (!STORY_LANGUAGES.some((l) => l.code === form.language))
    problems.push('Choose a language from the list.')
  const sectionId = positiveInt(form.sectionId)
  if (sectionId === null) problems.push('Choose a section.')
  const featuredMediaId = form.featuredMediaId.trim() === '' ? null : positiveInt(form.featuredMediaId)
  if (form.featuredMediaId.trim() !== '' && featuredMediaId === null)
    problems.push('The featured image must be a media library number, e.g. 42.')
  const authorIds = form.authorIds.map(positiveInt).filter((id): id is number => id !== null)
  const tagNames = form.tags
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
  if (tagNames.some((t) => t.length > 80)) problems.push('A tag may be at most 80 characters long.')
  const translationText = form.translationOf?.trim()
  const translationOf =
    translationText === undefined ? undefined : translationText === '' ? null : positiveInt(translationText)
  if (translationText && translationOf === null)
    problems.push('Choose the original story under “Translation of” from the list.')
  return {
    input: {
      headline,
      dek: form.dek.trim(),
      slug: form.slug.trim(),
      sectionId,
      tagNames,
      authorIds,
      dateline: form.dateline.trim(),
      excerpt: form.excerpt.trim(),
      featuredMediaId,
      featuredCaption: form.featuredCaption.trim(),
      featuredCredit: form.featuredCredit.trim(),
      language: form.language,
      bodyHtml: form.bodyHtml,
      correctionNote: form.correctionNote.trim(),
      ...(translationOf === undefined ? {} : { translationOf }),
    },
    problems,
  }
}
