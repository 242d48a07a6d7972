import { describe, expect, it } from 'vitest'
import {
  chooseRelated,
  type RelatedInput,
  shortlistRelated,
  significantWords,
  textSimilarity,
} from './related.ts'

const story: RelatedInput = {
  id: 1,
  sectionId: 10,
  tagIds: [100, 101],
  text: 'Kabul water board opens new wells in the western districts',
  publishedAt: '2026-11-20T00:00:00Z',
}

function candidate(overrides: Partial<RelatedInput>): RelatedInput {
  return {
    id: 99,
    sectionId: 20,
    tagIds: [],
    text: 'unrelated cricket scores',
    publishedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  }
}

describe('related story choice', () => {
  it('never chooses the story itself', () => {
    expect(chooseRelated(story, [{ ...story }])).toBeUndefined()
  })

  it('prefers shared tags over a shared section', () => {
    const sameSection = candidate({ id: 2, sectionId: 10 })
    const sharedTags = candidate({ id: 3, tagIds: [100, 101] })
    expect(chooseRelated(story, [sameSection, sharedTags])?.id).toBe(3)
  })

  it('uses text similarity to choose between otherwise equal candidates', () => {
    const unrelated = candidate({ id: 4, sectionId: 10, text: 'Cricket team wins in Sharjah' })
    const similar = candidate({
      id: 5,
      sectionId: 10,
      text: 'New wells bring water to western Kabul districts',
    })
    expect(chooseRelated(story, [unrelated, similar])?.id).toBe(5)
  })

  it('breaks ties in favour of the newer story', () => {
    const older = candidate({ id: 6, sectionId: 10, publishedAt: '2026-10-01T00:00:00Z' })
    const newer = candidate({ id: 7, sectionId: 10, publishedAt: '2026-11-10T00:00:00Z' })
    expect(chooseRelated(story, [older, newer])?.id).toBe(7)
  })

  it('returns nothing when there are no candidates', () => {
    expect(chooseRelated(story, [])).toBeUndefined()
  })
})

describe('text similarity', () => {
  it('ignores case and stopwords', () => {
    expect(textSimilarity(significantWords('The Water of Kabul'), significantWords('water kabul'))).toBe(1)
  })
  it('is 0 when nothing is shared', () => {
    expect(textSimilarity(significantWords('alpha beta'), significantWords('gamma delta'))).toBe(0)
  })
})

describe('related shortlist (what is read in full)', () => {
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T00:00:00Z`

  it('ranks by tags shared, then the section, then the newer, and never lists the story itself', () => {
    const sources = [
      {
        tagId: undefined,
        stories: [
          { id: 1, publishedAt: at(20) },
          { id: 7, publishedAt: at(19) },
          { id: 8, publishedAt: at(18) },
        ],
      },
      {
        tagId: 100,
        stories: [
          { id: 5, publishedAt: at(10) },
          { id: 8, publishedAt: at(18) },
          { id: 9, publishedAt: at(17) },
        ],
      },
      {
        tagId: 101,
        stories: [
          { id: 5, publishedAt: at(10) },
          { id: 6, publishedAt: at(12) },
        ],
      },
    ]
    // 5: two tags (6); 8: a tag and the section (4); 9 and 6: one tag (3), 9 newer; 7: the section (1).
    expect(shortlistRelated(1, sources, 10)).toEqual([5, 8, 9, 6, 7])
    expect(shortlistRelated(1, sources, 2)).toEqual([5, 8])
  })

  it('keeps the candidate the full score would choose', () => {
    const sources = [
      { tagId: undefined, stories: [{ id: 2, publishedAt: at(25) }] },
      {
        tagId: 100,
        stories: [
          { id: 3, publishedAt: at(5) },
          { id: 2, publishedAt: at(25) },
        ],
      },
      { tagId: 101, stories: [{ id: 3, publishedAt: at(5) }] },
    ]
    const shortlist = shortlistRelated(1, sources, 1)
    const candidates = [
      candidate({ id: 2, sectionId: 10, tagIds: [100], publishedAt: at(25) }),
      candidate({ id: 3, tagIds: [100, 101], publishedAt: at(5) }),
    ]
    expect(shortlist).toEqual([chooseRelated(story, candidates)?.id])
  })
})
