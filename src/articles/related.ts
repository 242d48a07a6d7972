// Choosing the "Check Also" story: the candidate that shares the most with the story, by tags,
// section and words. Pure, so it is tested without a database.
//
// In two steps, because reading candidates was most of an uncached story page (~8 of 13 ms at
// 100,000 stories): the newest stories of the story's section and of each of its tags are listed
// from indexes alone (id and time), a shortlist is made from what those lists already tell
// (how many of the story's tags a candidate carries, whether it shares the section), and only the
// shortlist's rows are read and scored in full, words included.

export interface RelatedInput {
  id: number
  sectionId: number
  tagIds: readonly number[]
  /** Headline, dek and excerpt: the words that say what a story is about. */
  text: string
  publishedAt: string
}

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by for from has have he her his in into is it its of on or our she ' +
    'that the their they this to was were will with after over said says new more than not who what when ' +
    'where which while about also up out off'
  ).split(' '),
)

export function significantWords(text: string): Set<string> {
  const words = new Set<string>()
  for (const word of text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (word.length > 2 && !STOPWORDS.has(word)) words.add(word)
  }
  return words
}

/** Jaccard similarity of two word sets, from 0 (nothing shared) to 1 (the same words). */
export function textSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const word of a) if (b.has(word)) shared++
  return shared / (a.size + b.size - shared)
}

const TAG_WEIGHT = 3
const SECTION_WEIGHT = 1
const TEXT_WEIGHT = 10

export function relatedScore(story: RelatedInput, storyWords: Set<string>, candidate: RelatedInput): number {
  let sharedTags = 0
  for (const id of candidate.tagIds) if (story.tagIds.includes(id)) sharedTags++
  const sameSection = candidate.sectionId === story.sectionId ? 1 : 0
  const similarity = textSimilarity(storyWords, significantWords(candidate.text))
  return sharedTags * TAG_WEIGHT + sameSection * SECTION_WEIGHT + similarity * TEXT_WEIGHT
}

/** The best candidate, never the story itself; ties go to the newer story. */
export function chooseRelated<T extends RelatedInput>(
  story: RelatedInput,
  candidates: readonly T[],
): T | undefined {
  const storyWords = significantWords(story.text)
  let best: { candidate: T; score: number } | undefined
  for (const candidate of candidates) {
    if (candidate.id === story.id) continue
    const score = relatedScore(story, storyWords, candidate)
    if (
      best === undefined ||
      score > best.score ||
      (score === best.score && candidate.publishedAt > best.candidate.publishedAt)
    ) {
      best = { candidate, score }
    }
  }
  return best?.candidate
}

/** The newest stories of one source: the story's section, or one of its tags. */
export interface CandidateSource {
  /** The tag this source lists, or undefined for the story's section. */
  tagId: number | undefined
  /** Newest first. */
  stories: readonly { id: number; publishedAt: string }[]
}

/**
 * The candidates worth reading in full: ranked by what the sources show (a tag they were listed
 * under counts as a shared tag, being listed under the section as the same section), with the
 * weights the full score uses, ties to the newer. A candidate's text can add at most
 * TEXT_WEIGHT × similarity, and similarity between different stories is rarely above 0.3: a
 * shortlist of a dozen keeps every candidate the full score could prefer, in practice.
 */
export function shortlistRelated(
  storyId: number,
  sources: readonly CandidateSource[],
  limit: number,
): number[] {
  const seen = new Map<number, { score: number; publishedAt: string }>()
  for (const source of sources) {
    const weight = source.tagId === undefined ? SECTION_WEIGHT : TAG_WEIGHT
    for (const story of source.stories) {
      if (story.id === storyId) continue
      const entry = seen.get(story.id) ?? { score: 0, publishedAt: story.publishedAt }
      entry.score += weight
      seen.set(story.id, entry)
    }
  }
  return [...seen]
    .sort(([idA, a], [idB, b]) =>
      a.score !== b.score
        ? b.score - a.score
        : a.publishedAt !== b.publishedAt
          ? a.publishedAt < b.publishedAt
            ? 1
            : -1
          : idB - idA,
    )
    .slice(0, limit)
    .map(([id]) => id)
}
