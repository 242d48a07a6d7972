import { describe, expect, it } from 'vitest'
import { ImportFileError } from '../wordpress/import-errors.ts'
import { checkRecord } from './check-records.ts'

const story = {
  id: 7,
  language: 'fa',
  slug: 'بودجه-آب',
  headline: 'بودجه آب',
  body_html: '<p>متن</p>',
  excerpt: null,
  section_id: 2,
  featured_media_id: null,
  status: 'published',
  published_at: '2026-11-21T08:00:00.000Z',
  updated_at: '2026-11-21T08:00:00.000Z',
  created_at: '2026-11-21T08:00:00.000Z',
  created_by: null,
  author_ids: [3, 1],
  tag_ids: [],
  seo: null,
}

function problem(run: () => unknown): ImportFileError {
  try {
    run()
  } catch (error) {
    if (error instanceof ImportFileError) return error
    throw error
  }
  throw new Error('no error')
}

describe('checkRecord', () => {
  it('fills what a version 1 export did not have', () => {
    expect(checkRecord('stories', story, 1)).toMatchObject({
      dek: '',
      correction_note: '',
      featured_caption: '',
      translation_group_id: null,
      revision: 1,
      revisions: [],
      author_ids: [3, 1],
    })
    expect(
      checkRecord(
        'sections',
        { id: 1, slug: 'news', name: 'News', parent_id: null, created_at: story.created_at },
        1,
      ),
    ).toMatchObject({ translations: [], position: 0, description: '' })
  })

  it('refuses a record without a field it needs, or with a time that is not one, naming the line', () => {
    const missing = problem(() => checkRecord('stories', { ...story, headline: undefined }, 12))
    expect(missing.code).toBe('IMPORT_JSON_INVALID')
    expect(missing.line).toBe(12)
    expect(missing.message).toContain('"headline" must be text')
    const date = problem(() => checkRecord('stories', { ...story, published_at: 'yesterday' }, 40))
    expect(date.message).toContain('"published_at" must be a time')
    expect(problem(() => checkRecord('stories', { ...story, author_ids: ['3'] }, 2)).message).toContain(
      'list of whole numbers',
    )
    expect(problem(() => checkRecord('tags', 'water', 5)).message).toContain('a tag is not an object')
  })
})
