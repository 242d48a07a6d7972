// The beats of the demo newsroom. Each story names one topic; its section, its usual author and its
// tags come from the topic (so stories on one topic share tags and "Check Also" has something to
// find), and the topic's background paragraphs fill out the body around the story's own lede and
// quote. "{city}" is replaced by the story's dateline place, or "the capital" without one.
import type { SectionKey } from './demo-content.ts'
import { FEATURE_TOPICS } from './demo-topics-features.ts'
import { NEWS_TOPICS } from './demo-topics-news.ts'

export type NewsTopicKey =
  | 'city'
  | 'trade'
  | 'services'
  | 'markets'
  | 'exports'
  | 'water'
  | 'roads'
  | 'weather'
  | 'health'
export type FeatureTopicKey =
  | 'schools'
  | 'universities'
  | 'cricket'
  | 'football'
  | 'local-sport'
  | 'arts'
  | 'heritage'
  | 'connectivity'
  | 'energy'
export type TopicKey = NewsTopicKey | FeatureTopicKey

export interface Topic {
  section: SectionKey
  /** Slug of the person who usually covers it. */
  beat: string
  /** The first tag is on every story of the topic; the others on some. */
  tags: readonly string[]
  backgrounds: readonly string[]
  subheads: readonly string[]
  list: { intro: string; items: readonly string[] }
  closers: readonly string[]
}

export type Place = 'KABUL' | 'HERAT' | 'MAZAR-I-SHARIF' | 'JALALABAD' | 'KANDAHAR' | 'BAMYAN' | ''

/** One story as written: what makes it itself. The rest of its body comes from its topic. */
export interface StorySpec {
  topic: TopicKey
  /** Dateline; '' for a story with none. */
  place: Place
  headline: string
  dek: string
  lede: string
  /** Who says it ("Name, role") and what they say, without the closing full stop. */
  quote: readonly [speaker: string, words: string]
  /** Not published yet: a draft, or published with a time two days ahead. */
  state?: 'draft' | 'future'
  /** A correction an editor records a few hours after publication. */
  correction?: string
}

export const TOPICS: Record<TopicKey, Topic> = { ...NEWS_TOPICS, ...FEATURE_TOPICS }
