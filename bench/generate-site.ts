// Generates a large newsroom straight into the tables: batched multi-row inserts in transactions,
// with bodies written from a vocabulary (never real articles) and the derived columns
// (auto_excerpt, word_count) computed exactly as createArticle computes them.
import { type Kysely, sql } from 'kysely'
import type { Engine } from '../src/db/dialect.ts'
import type { Database } from '../src/db/tables.ts'
import { autoExcerpt } from '../src/lib/excerpt.ts'
import { countWords, htmlToText } from '../src/lib/html-text.ts'

export interface SiteSpec {
  stories: number
  storiesWithImages: number
  sections: number
  tags: number
  authors: number
}

export const FULL_SITE: SiteSpec = {
  stories: 100_000,
  storiesWithImages: 1_000,
  sections: 50,
  tags: 5_000,
  authors: 200,
}

/** The marker row that says a database holds a generated site, and which one. */
const MARKER_KEY = 'bench.generated'

/** A small deterministic PRNG (mulberry32): the same site every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NOUNS =
  'council water road school market harvest clinic bridge river winter price wheat bakery teacher student farmer driver wedding festival mosque library station power grid phone bank trader loan rain drought flood valley village district province court judge minister budget tax border truck tanker well pump canal orchard pomegranate saffron carpet artisan poet theatre stadium league player coach referee cricket football wrestling doctor nurse hospital vaccine pharmacy'.split(
    ' ',
  )
const VERBS =
  'opened closed raised cut promised delayed approved rejected repaired built visited announced warned reported welcomed questioned inspected reopened expanded shared measured counted planted sold bought'.split(
    ' ',
  )
const ADJECTIVES =
  'new old northern southern eastern western local provincial small large busy quiet early late annual public private dry wet cold warm'.split(
    ' ',
  )
const PLACES = ['KABUL', 'HERAT', 'MAZAR-I-SHARIF', 'KANDAHAR', 'JALALABAD', 'BAMYAN', 'KUNDUZ', 'GHAZNI']

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T
}

function sentence(rand: () => number): string {
  const words = [
    'The',
    pick(rand, ADJECTIVES),
    pick(rand, NOUNS),
    pick(rand, VERBS),
    'the',
    pick(rand, NOUNS),
    'in the',
    pick(rand, ADJECTIVES),
    pick(rand, NOUNS),
    'on',
    pick(rand, ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']),
  ]
  const tail =
    rand() < 0.5
      ? `, officials said, after ${2 + Math.floor(rand() * 40)} ${pick(rand, NOUNS)}s were counted`
      : ''
  return `${words.join(' ')}${tail}.`
}

function paragraph(rand: () => number): string {
  const count = 3 + Math.floor(rand() * 4)
  return Array.from({ length: count }, () => sentence(rand)).join(' ')
}

/** A body of 6–11 paragraphs (about 400–700 words), in the sanitized form createArticle stores. */
function body(rand: () => number, place: string): string {
  const paragraphs = Array.from({ length: 6 + Math.floor(rand() * 6) }, () => paragraph(rand))
  const blocks = paragraphs.map((p, i) => (i === 0 ? `<p>${place} – ${p}</p>` : `<p>${p}</p>`))
  if (rand() < 0.3) blocks.splice(3, 0, `<h2>What happens next for the ${pick(rand, NOUNS)}</h2>`)
  if (rand() < 0.2) blocks.splice(2, 0, `<blockquote><p>${sentence(rand)}</p></blockquote>`)
  return blocks.join('\n')
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

async function insertBatches<T>(
  db: Kysely<Database>,
  rows: T[],
  batchSize: number,
  insert: (trx: Kysely<Database>, batch: T[]) => Promise<unknown>,
): Promise<void> {
  // One transaction per 20 batches: large enough to be fast, small enough not to hold a huge journal.
  const perTransaction = batchSize * 20
  for (let start = 0; start < rows.length; start += perTransaction) {
    const chunk = rows.slice(start, start + perTransaction)
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < chunk.length; i += batchSize) await insert(trx, chunk.slice(i, i + batchSize))
    })
  }
}

export async function readMarker(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MARKER_KEY).executeTakeFirst()
  return row?.value
}

export function markerFor(spec: SiteSpec): string {
  return JSON.stringify(spec)
}

export async function generateSite(
  db: Kysely<Database>,
  engine: Engine,
  spec: SiteSpec,
  now: Date,
  log: (line: string) => void = () => {},
): Promise<void> {
  const rand = random(20261127)
  const createdAt = new Date(now.getTime() - 4 * 365 * 86_400_000).toISOString()

  const topLevel = Math.max(1, Math.round(spec.sections / 5))
  const sections = Array.from({ length: spec.sections }, (_, i) => ({
    id: i + 1,
    slug: `desk-${i + 1}`,
    name: `Desk ${i + 1}`,
    description: `Stories from desk ${i + 1}.`,
    parent_id: i < topLevel ? null : (i % topLevel) + 1,
    position: i,
    created_at: createdAt,
  }))
  await insertBatches(db, sections, 500, (trx, batch) => trx.insertInto('sections').values(batch).execute())

  const media = Array.from({ length: spec.storiesWithImages }, (_, i) => ({
    id: i + 1,
    path: `bench/photo-${i + 1}.jpg`,
    mime_type: 'image/jpeg',
    width: 1200,
    height: 675,
    bytes: 120_000,
    alt: `A ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)} photographed for the story`,
    caption: `The ${pick(rand, NOUNS)} on ${pick(rand, ['Monday', 'Friday'])}`,
    credit: 'Photo: Bench Desk',
    created_at: createdAt,
  }))
  await insertBatches(db, media, 500, (trx, batch) => trx.insertInto('media').values(batch).execute())

  const authors = Array.from({ length: spec.authors }, (_, i) => ({
    id: i + 1,
    slug: `writer-${i + 1}`,
    name: `Writer ${i + 1}`,
    kind: (i === 0 ? 'organization' : 'person') as 'organization' | 'person',
    job_title: i === 0 ? '' : 'Correspondent',
    bio: `Writer ${i + 1} reports on the ${pick(rand, NOUNS)} and the ${pick(rand, NOUNS)} for the newsroom.`,
    avatar_media_id: null,
    is_pseudonym: 0,
    user_id: null,
    created_at: createdAt,
  }))
  await insertBatches(db, authors, 500, (trx, batch) => trx.insertInto('authors').values(batch).execute())

  const tags = Array.from({ length: spec.tags }, (_, i) => ({
    id: i + 1,
    slug: `topic-${i + 1}`,
    name: `Topic ${i + 1}`,
    created_at: createdAt,
  }))
  await insertBatches(db, tags, 1000, (trx, batch) => trx.insertInto('tags').values(batch).execute())
  log(
    `  sections, media, authors, tags: ${spec.sections}, ${spec.storiesWithImages}, ${spec.authors}, ${spec.tags}`,
  )

  // Stories spread evenly over the last three years, the newest an hour ago; ids rise with time.
  const span = 3 * 365 * 86_400_000
  const newest = now.getTime() - 3_600_000
  const batch = 2_000
  for (let start = 0; start < spec.stories; start += batch) {
    const articles = []
    const articleTags: { article_id: number; tag_id: number }[] = []
    const articleAuthors: { article_id: number; author_id: number; position: number }[] = []
    for (let n = start; n < Math.min(spec.stories, start + batch); n++) {
      const id = n + 1
      const place = pick(rand, PLACES)
      const html = body(rand, place)
      const headline = `${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)} ${pick(rand, VERBS)} as ${pick(rand, NOUNS)} ${pick(rand, NOUNS)} waits`
      const publishedAt = new Date(
        newest - Math.floor(((spec.stories - id) / spec.stories) * span),
      ).toISOString()
      // The newest stories carry the images, as a front page's would.
      const mediaId = id > spec.stories - spec.storiesWithImages ? spec.stories - id + 1 : null
      articles.push({
        id,
        language: 'en',
        slug: `${slugOf(headline)}-${id}`,
        headline: headline[0]?.toUpperCase() + headline.slice(1),
        dek: sentence(rand),
        body_html: html,
        excerpt: null,
        auto_excerpt: autoExcerpt(html, place),
        dateline: place,
        section_id: 1 + Math.floor(rand() * spec.sections),
        featured_media_id: mediaId,
        featured_caption: '',
        featured_credit: '',
        status: 'published' as const,
        published_at: publishedAt,
        updated_at: publishedAt,
        created_at: publishedAt,
        correction_note: '',
        word_count: countWords(htmlToText(html)),
      })
      // Tags follow a skewed popularity, as real ones do: a few are on thousands of stories.
      const tagIds = new Set<number>()
      for (let k = 1 + Math.floor(rand() * 4); k > 0; k--) tagIds.add(1 + Math.floor(rand() ** 3 * spec.tags))
      for (const tagId of tagIds) articleTags.push({ article_id: id, tag_id: tagId })
      const first = 1 + Math.floor(rand() * spec.authors)
      articleAuthors.push({ article_id: id, author_id: first, position: 0 })
      if (rand() < 0.2) {
        const second = 1 + ((first + Math.floor(rand() * (spec.authors - 1))) % spec.authors)
        if (second !== first) articleAuthors.push({ article_id: id, author_id: second, position: 1 })
      }
    }
    await insertBatches(db, articles, 250, (trx, rows) => trx.insertInto('articles').values(rows).execute())
    await insertBatches(db, articleTags, 2000, (trx, rows) =>
      trx.insertInto('article_tags').values(rows).execute(),
    )
    await insertBatches(db, articleAuthors, 2000, (trx, rows) =>
      trx.insertInto('article_authors').values(rows).execute(),
    )
    if ((start + batch) % 20_000 === 0) log(`  stories: ${start + batch}`)
  }

  if (engine === 'postgres') {
    // Ids were given explicitly; move the identity sequences past them.
    for (const table of ['sections', 'media', 'authors', 'tags', 'articles']) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT MAX(id) FROM ${sql.table(table)}))`.execute(
        db,
      )
    }
    // A live site's autovacuum has long since vacuumed its tables: without the visibility map a
    // count of published stories reads the whole table (81 ms against 21 ms at 100,000 stories).
    await sql`VACUUM ANALYZE`.execute(db)
  } else {
    await sql`ANALYZE`.execute(db)
  }
  await db
    .insertInto('settings')
    .values({ key: MARKER_KEY, value: markerFor(spec), updated_at: now.toISOString() })
    .execute()
}
