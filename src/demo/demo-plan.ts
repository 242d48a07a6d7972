// Turns the written stories into a complete, dated plan for the seed: bodies, bylines, tags,
// pictures, publication times and corrections. Pure and seeded, so the same "now" always gives the
// same newsroom and tests can rely on what it contains.
import { escapeHtml } from '../lib/escape-html.ts'
import { DEMO_AGENCY, DEMO_IMAGES, type SectionKey } from './demo-content.ts'
import { mulberry32, type Random } from './demo-random.ts'
import { FEATURE_STORIES } from './demo-stories-features.ts'
import { NEWS_STORIES } from './demo-stories-news.ts'
import { type Place, type StorySpec, TOPICS, type Topic, type TopicKey } from './demo-topics.ts'

export const DEMO_SEED = 20261127

/** The item at `index`, wrapping around; the lists here are never empty, so empty is a bug. */
function cycle<T>(items: readonly T[], index: number): T {
  const item = items[((index % items.length) + items.length) % items.length]
  if (item === undefined) throw new Error('demo content: an empty list where items were expected')
  return item
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const a = copy[i] as T
    copy[i] = copy[j] as T
    copy[j] = a
  }
  return copy
}

export interface PlannedArticle {
  headline: string
  dek: string
  bodyHtml: string
  /** The place as printed ("KABUL"), or '' for none. */
  dateline: string
  section: SectionKey
  topic: TopicKey
  tagNames: string[]
  /** Author slugs in byline order; the agency is DEMO_AGENCY.slug. */
  bylines: string[]
  status: 'draft' | 'published'
  publishedAt: string | null
  /** Name of a DemoImage to feature. */
  image?: string
  correction?: { note: string; at: string }
}

const PLACE_NAMES: Record<Place, string> = {
  KABUL: 'Kabul',
  HERAT: 'Herat',
  'MAZAR-I-SHARIF': 'Mazar-i-Sharif',
  JALALABAD: 'Jalalabad',
  KANDAHAR: 'Kandahar',
  BAMYAN: 'Bamyan',
  '': 'the capital',
}

function paragraph(text: string, place: Place): string {
  return `<p>${escapeHtml(text.replaceAll('{city}', PLACE_NAMES[place]))}</p>`
}

function endsInPunctuation(words: string): boolean {
  return /[.?!]$/.test(words)
}

/**
 * The body: the story's own lede and quote, then the topic's context, in an order and with
 * extras (subheading, pull quote, list) that vary from story to story. `nth` is the story's place
 * among its topic's stories, so that two stories on one topic open their context differently.
 */
function composeBody(
  spec: StorySpec,
  topic: Topic,
  nth: number,
  isListFree: boolean,
  random: Random,
): string {
  const [speaker, words] = spec.quote
  const parts = [paragraph(spec.lede, spec.place)]
  const isPullQuote = random() < 0.3
  if (!isPullQuote) {
    const said = endsInPunctuation(words) ? `“${words}” said ${speaker}.` : `“${words},” said ${speaker}.`
    parts.push(paragraph(said, spec.place))
  }
  const backgroundCount = random() < 0.5 ? 3 : 2
  const backgrounds = Array.from({ length: backgroundCount }, (_, i) => cycle(topic.backgrounds, nth + i))
  parts.push(paragraph(cycle(backgrounds, 0), spec.place))
  if (isPullQuote) {
    const quoted = endsInPunctuation(words) ? `“${words}”` : `“${words}.”`
    parts.push(`<blockquote><p>${escapeHtml(quoted)}</p><p>— ${escapeHtml(speaker)}</p></blockquote>`)
  }
  if (random() < 0.45) parts.push(`<h2>${escapeHtml(cycle(topic.subheads, nth))}</h2>`)
  for (const text of backgrounds.slice(1)) parts.push(paragraph(text, spec.place))
  if (isListFree && random() < 0.5) {
    parts.push(paragraph(topic.list.intro, spec.place))
    parts.push(`<ul>${topic.list.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`)
  }
  parts.push(paragraph(cycle(topic.closers, nth), spec.place))
  return parts.join('\n')
}

/** The topic's first tag always (so its stories are related), then some of the others. */
function chooseTags(topic: Topic, random: Random): string[] {
  const [core, ...rest] = topic.tags
  if (core === undefined) return []
  const extra = shuffled(rest, random).slice(0, 1 + Math.floor(random() * 3))
  return [core, ...extra]
}

// Colleagues who share a desk and so, now and then, a byline.
const DESK_PARTNERS: Record<string, string> = {
  'mariam-hakimi': 'laila-noorzad',
  'laila-noorzad': 'mariam-hakimi',
  'ahmad-shoaib-rahyab': 'mariam-hakimi',
}

/**
 * Every fourth story goes out under the agency, alternately alone and with the reporter (as a
 * desk does with a correspondent's copy); now and then a desk partner shares a byline.
 */
function chooseBylines(topic: Topic, index: number, random: Random): string[] {
  if (index % 4 === 1)
    return Math.floor(index / 4) % 2 === 0 ? [DEMO_AGENCY.slug] : [topic.beat, DEMO_AGENCY.slug]
  const partner = DESK_PARTNERS[topic.beat]
  return partner !== undefined && random() < 0.2 ? [topic.beat, partner] : [topic.beat]
}

/**
 * Newest-first order that spreads every section over the whole period: each section's stories
 * are placed at even fractions of the timeline, with a little jitter, and then merged. So the top
 * of the home page mixes sections instead of showing one section's backlog.
 */
function timelineOrder(specs: readonly StorySpec[], random: Random): number[] {
  const bySection = new Map<SectionKey, number[]>()
  specs.forEach((spec, index) => {
    const section = TOPICS[spec.topic].section
    bySection.set(section, [...(bySection.get(section) ?? []), index])
  })
  const keyed: { index: number; key: number }[] = []
  for (const indexes of bySection.values()) {
    indexes.forEach((index, k) => {
      keyed.push({ index, key: (k + 0.5 + (random() - 0.5) * 0.6) / indexes.length })
    })
  }
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.index)
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Kabul is UTC+4:30 all year (no daylight saving). */
const KABUL_OFFSET = 4.5 * HOUR

/** Moves a time in the Kabul night back to the evening before, when a desk would have published it. */
function inNewsroomHours(time: number): number {
  const kabulHour = new Date(time + KABUL_OFFSET).getUTCHours()
  if (kabulHour < 7) return time - (kabulHour + 4) * HOUR
  if (kabulHour >= 22) return time - (kabulHour - 19) * HOUR
  return time
}

/** The stories as written, in both files. */
export const ALL_STORIES: readonly StorySpec[] = [...NEWS_STORIES, ...FEATURE_STORIES]

/** The whole demo newsroom's stories, oldest first, then the two drafts and the future story. */
export function planArticles(now: Date, seed = DEMO_SEED): PlannedArticle[] {
  const random = mulberry32(seed)
  const published = ALL_STORIES.filter((s) => s.state === undefined)
  const pending = ALL_STORIES.filter((s) => s.state !== undefined)
  const topicCounts = new Map<TopicKey, number>()
  const listUsed = new Set<TopicKey>()

  const plan = (spec: StorySpec, index: number): PlannedArticle => {
    const topic = TOPICS[spec.topic]
    const nth = topicCounts.get(spec.topic) ?? 0
    topicCounts.set(spec.topic, nth + 1)
    const bodyHtml = composeBody(spec, topic, nth, !listUsed.has(spec.topic), random)
    if (bodyHtml.includes('<ul>')) listUsed.add(spec.topic)
    return {
      headline: spec.headline,
      dek: spec.dek,
      bodyHtml,
      dateline: spec.place,
      section: topic.section,
      topic: spec.topic,
      tagNames: chooseTags(topic, random),
      bylines: spec.state === undefined ? chooseBylines(topic, index, random) : [topic.beat],
      status: spec.state === 'draft' ? 'draft' : 'published',
      publishedAt: null,
    }
  }

  const articles = published.map(plan)
  // Rank 0 is the newest: about an hour before "now", then one story every ~30 hours, which spreads
  // 48 stories over the last ~58 days.
  const order = timelineOrder(published, random)
  order.forEach((index, rank) => {
    const article = articles[index]
    if (!article) return
    const minutesAgo = 50 + rank * 29.5 * 60 + Math.floor(random() * 240)
    const at = inNewsroomHours(now.getTime() - minutesAgo * MINUTE)
    article.publishedAt = new Date(Math.floor(at / MINUTE) * MINUTE).toISOString()
  })

  // Each picture goes to the newest story of each of its topics.
  const newestFirst = order.flatMap((index) => articles[index] ?? [])
  for (const image of DEMO_IMAGES) {
    for (const topic of image.topics) {
      const story = newestFirst.find((a) => a.topic === topic && a.image === undefined)
      if (story) story.image = image.name
    }
  }

  published.forEach((spec, index) => {
    const article = articles[index]
    if (!spec.correction || !article?.publishedAt) return
    const at = Math.min(Date.parse(article.publishedAt) + 3 * HOUR + 20 * MINUTE, now.getTime())
    article.correction = { note: spec.correction, at: new Date(at).toISOString() }
  })

  const pendingArticles = pending.map((spec) => {
    const article = plan(spec, -1)
    if (spec.state === 'future') article.publishedAt = new Date(now.getTime() + 2 * 24 * HOUR).toISOString()
    return article
  })
  const oldestFirst = [...newestFirst].reverse()
  return [...oldestFirst, ...pendingArticles]
}
