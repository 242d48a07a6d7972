// Writes a WordPress export (WXR 1.2) of any size, streamed to disk so that even a million posts
// take no memory: invented text from a small vocabulary (never real articles), a few categories
// and tags, classic-editor bodies with a dateline and blank-line paragraphs, some comments.
//   node --import tsx bench/generate-wxr.ts <out.xml> [--posts 100000]

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

const WORDS =
  'water board council market road school clinic wells valley district farmers province budget election bridge harvest river teachers traders village elders snow winter spring mountain'.split(
    ' ',
  )
const PLACES = ['KABUL', 'HERAT', 'BAMYAN', 'KANDAHAR', 'MAZAR-I-SHARIF']
const CATEGORIES = ['news', 'politics', 'economy', 'society', 'culture', 'sport']

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function sentence(next: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)] ?? 'news')
  const text = picked.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

function item(i: number, next: () => number): string {
  const id = 1000 + i
  const day = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000)
  const gmt = day.toISOString().slice(0, 19).replace('T', ' ')
  const local = new Date(day.getTime() + 4.5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
  const slug = `story-${id}`
  const [y, m, d] = local.slice(0, 10).split('-')
  const paragraphs = Array.from({ length: 4 + Math.floor(next() * 4) }, () =>
    sentence(next, 18 + Math.floor(next() * 20)),
  )
  const body = `<strong>${PLACES[i % PLACES.length]} –</strong> ${paragraphs.join('\n\n')}`
  const category = CATEGORIES[i % CATEGORIES.length] ?? 'news'
  const status = i % 50 === 0 ? 'draft' : 'publish'
  return `<item>
<title>${cdata(sentence(next, 6).slice(0, -1))}</title>
<link>https://big.example/${y}/${m}/${d}/${slug}/</link>
<pubDate>${day.toUTCString()}</pubDate>
<dc:creator>${cdata(`author${i % 20}`)}</dc:creator>
<guid isPermaLink="false">https://big.example/?p=${id}</guid>
<description></description>
<content:encoded>${cdata(body)}</content:encoded>
<excerpt:encoded>${cdata('')}</excerpt:encoded>
<wp:post_id>${id}</wp:post_id>
<wp:post_date>${cdata(local)}</wp:post_date>
<wp:post_date_gmt>${cdata(gmt)}</wp:post_date_gmt>
<wp:post_name>${cdata(slug)}</wp:post_name>
<wp:status>${cdata(status)}</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>${cdata('post')}</wp:post_type>
<wp:post_password>${cdata('')}</wp:post_password>
<category domain="category" nicename="${category}">${cdata(category)}</category>
<category domain="post_tag" nicename="tag-${i % 300}">${cdata(`Tag ${i % 300}`)}</category>
${i % 7 === 0 ? `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_content>${cdata('Thank you.')}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type></wp:comment>` : ''}
</item>
`
}

/** Streams a WXR file with `posts` posts to `file`. */
export async function generateWxr(file: string, posts: number, seed = 6): Promise<void> {
  const out = createWriteStream(file)
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Big Generated Daily</title>
<link>https://big.example</link>
<language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://big.example</wp:base_site_url>
<wp:base_blog_url>https://big.example</wp:base_blog_url>
`)
  for (let a = 0; a < 20; a++) {
    await write(
      `<wp:author><wp:author_id>${a + 2}</wp:author_id><wp:author_login>${cdata(`author${a}`)}</wp:author_login><wp:author_email>${cdata(`author${a}@big.example`)}</wp:author_email><wp:author_display_name>${cdata(`Reporter ${a}`)}</wp:author_display_name></wp:author>\n`,
    )
  }
  for (const [index, slug] of CATEGORIES.entries()) {
    await write(
      `<wp:category><wp:term_id>${index + 2}</wp:term_id><wp:category_nicename>${cdata(slug)}</wp:category_nicename><wp:category_parent>${cdata(index > 0 && index < 3 ? 'news' : '')}</wp:category_parent><wp:cat_name>${cdata(slug)}</wp:cat_name></wp:category>\n`,
    )
  }
  const next = random(seed)
  for (let i = 0; i < posts; i++) await write(item(i, next))
  await write('</channel>\n</rss>\n')
  out.end()
  await once(out, 'finish')
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const file = process.argv[2]
  const postsAt = process.argv.indexOf('--posts')
  const posts = postsAt === -1 ? 100_000 : Number(process.argv[postsAt + 1])
  if (!file || !Number.isInteger(posts) || posts < 0) {
    console.error('usage: node --import tsx bench/generate-wxr.ts <out.xml> [--posts 100000]')
    process.exit(2)
  }
  await generateWxr(file, posts)
  console.log(`Wrote ${posts} posts to ${file}`)
}
