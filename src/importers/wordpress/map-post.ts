// One WordPress post or page → one Dateline story (pure: no database, no files). Everything the
// writer needs is resolved to WordPress keys (category slug, author login, attachment ID); the
// writer turns those into local ids. Items that do not become stories say why.

import { siteLocalToUtc } from '../../articles/schedule-time.ts'
import type { ArticleStatus } from '../../db/tables.ts'
import { DATELINE_POST_META } from '../../exporters/wxr-dateline-meta.ts'
import { htmlToText } from '../../lib/html-text.ts'
import { slugify } from '../../lib/slugify.ts'
import { type BodyContext, mapBody } from './map-body.ts'
import type { WxrItem } from './parse-wxr.ts'
import { oldPath, type PermalinkStructure, pathVariants, permalinkPath } from './permalinks.ts'
import { isPhpSerialized, phpUnserialize } from './php-unserialize.ts'
import type { AttachmentRef } from './shortcodes.ts'

export const PAGES_SECTION_SLUG = 'pages'
/** Accounts that post for the site as a whole: never shown as a byline. */
export const HOUSE_LOGINS = new Set(['admin', 'administrator', 'webmaster', 'wordpress', 'editor'])

export type Byline = { kind: 'login'; login: string } | { kind: 'coauthor'; slug: string; name: string }

/** A revision kept by Dateline, exported as a WordPress "revision" child post of its story. */
export interface MappedRevision {
  parentWpId: string
  revision: number
  headline: string
  dek: string
  bodyHtml: string
  excerpt: string | null
  dateline: string
  correctionNote: string
  status: ArticleStatus
  reason: string
  createdAt: string
}

export interface MappedStory {
  wpId: string
  guid: string
  postType: 'post' | 'page'
  language: string
  headline: string
  slug: string
  bodyHtml: string
  excerpt: string | null
  dateline: string
  /** From Dateline's own exports (post meta); '' from WordPress. */
  dek: string
  correctionNote: string
  featuredCaption: string
  featuredCredit: string
  /** The story's revision counter from a Dateline export. */
  revisionNumber: number | undefined
  /** The WordPress ID of the story its translation group began with (Dateline exports). */
  translationOfWpId: string | undefined
  /** Filled by the importer from the revision items that follow the post. */
  revisions: MappedRevision[]
  status: ArticleStatus
  publishedAt: string | null
  createdAt: string
  updatedAt: string
  /** WordPress category slug of the story's section, or PAGES_SECTION_SLUG. */
  sectionKey: string | undefined
  tagNames: string[]
  bylines: Byline[]
  featuredWpId: string | undefined
  seoTitle: string
  seoDescription: string
  /** Old addresses (paths, some with "?p=") that should now lead to the story. */
  oldPaths: string[]
  warnings: string[]
  unknownShortcodes: string[]
}

export type CommentCounts = Record<'approved' | 'pending' | 'spam' | 'trash' | 'pings' | 'notes', number>

export type MapOutcome =
  | { kind: 'story'; story: MappedStory; comments: CommentCounts }
  | { kind: 'skip'; reason: string; comments: CommentCounts }

export interface PostMapContext {
  baseUrl: string
  timeZone: string
  defaultLanguage: string
  languages: readonly string[]
  structure: PermalinkStructure
  now: string
  categorySlugByTermId(termId: string): string | undefined
  attachment(wpId: string): AttachmentRef | undefined
  childrenOf(wpId: string): AttachmentRef[]
  mediaUrlFor(url: string): string | undefined
}

const ZERO_DATE = /^0000-00-00/
const WP_DATE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}):(\d{2})$/

export function gmtToIso(value: string): string | undefined {
  const match = WP_DATE.exec(value.trim())
  if (!match || ZERO_DATE.test(value.trim())) return undefined
  const time = Date.parse(`${match[1]}T${match[2]}:${match[3]}Z`)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

export function localToIso(value: string, timeZone: string): string | undefined {
  const match = WP_DATE.exec(value.trim())
  if (!match || ZERO_DATE.test(value.trim())) return undefined
  const minute = siteLocalToUtc(`${match[1]}T${match[2]}`, timeZone)
  return minute === undefined
    ? undefined
    : new Date(Date.parse(minute) + Number(match[3]) * 1000).toISOString()
}

export function countComments(item: WxrItem): CommentCounts {
  const counts: CommentCounts = { approved: 0, pending: 0, spam: 0, trash: 0, pings: 0, notes: 0 }
  for (const comment of item.comments) {
    const type = comment.type.trim()
    // WordPress 6.9's private editorial notes: counted apart, never stored, never shown.
    if (type === 'note') counts.notes += 1
    else if (type === 'pingback' || type === 'trackback') counts.pings += 1
    else if (comment.approved === '1') counts.approved += 1
    else if (comment.approved === 'spam') counts.spam += 1
    else if (comment.approved === 'trash' || comment.approved === 'post-trashed') counts.trash += 1
    else counts.pending += 1
  }
  return counts
}

const SEO_TITLE_KEYS = ['_yoast_wpseo_title', 'rank_math_title', '_aioseo_title', '_seopress_titles_title']
const SEO_DESCRIPTION_KEYS = [
  '_yoast_wpseo_metadesc',
  'rank_math_description',
  '_aioseo_description',
  '_seopress_titles_desc',
]
const PRIMARY_CATEGORY_KEYS = ['_yoast_wpseo_primary_category', 'rank_math_primary_category']

function metaValue(item: WxrItem, keys: readonly string[]): string {
  for (const key of keys) {
    const found = item.meta.find((m) => m.key === key)
    if (!found || found.value.trim() === '') continue
    if (isPhpSerialized(found.value)) {
      const value = phpUnserialize(found.value)
      if (typeof value === 'string' || typeof value === 'number') return String(value)
      continue
    }
    return found.value
  }
  return ''
}

/** An SEO plugin's template ("%%title%% %%sep%% %%sitename%%") with the headline put in. */
export function seoText(template: string, headline: string): string {
  const text = template
    .replace(/%%title%%|%title%|#post_title/g, headline)
    .replace(/%%[\w-]+%%|%[\w-]+%|#[a-z_]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s|–—·:-]+|[\s|–—·:-]+$/g, '')
  return text.trim()
}

function decodeSlug(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const DATELINE_STATUSES: readonly ArticleStatus[] = [
  'draft',
  'review',
  'scheduled',
  'published',
  'unpublished',
]

/** A "_dateline_…" post meta value (Dateline's own exports), trimmed; '' when absent. */
function datelineMeta(item: WxrItem, key: string): string {
  return item.meta.find((m) => m.key === key)?.value.trim() ?? ''
}

/** A revision item of a Dateline export, or undefined for anything else (WordPress's own autosaves). */
export function mapRevision(item: WxrItem, context: PostMapContext): MappedRevision | undefined {
  const M = DATELINE_POST_META
  const number = Number(datelineMeta(item, M.revision))
  const status = datelineMeta(item, M.status) as ArticleStatus
  const createdAt = gmtToIso(item.postDateGmt)
  if (!Number.isSafeInteger(number) || number < 1 || !DATELINE_STATUSES.includes(status) || !createdAt)
    return undefined
  const body = mapBody(item.content, {
    attachment: context.attachment,
    children: () => [],
    mediaUrlFor: context.mediaUrlFor,
  } satisfies BodyContext)
  const excerpt = htmlToText(item.excerpt).trim()
  return {
    parentWpId: item.postParent.trim(),
    revision: number,
    headline: htmlToText(item.title).trim().slice(0, 300),
    dek: datelineMeta(item, M.dek),
    bodyHtml: body.html,
    excerpt: excerpt === '' ? null : excerpt,
    dateline: datelineMeta(item, M.dateline),
    correctionNote: datelineMeta(item, M.correctionNote),
    status,
    reason: datelineMeta(item, M.revisionReason),
    createdAt,
  }
}

const STATUS: Readonly<Record<string, ArticleStatus>> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'review',
  private: 'draft',
}

function positiveNumber(value: string): number | undefined {
  const number = Number(value)
  return value !== '' && Number.isSafeInteger(number) && number > 0 ? number : undefined
}

export function mapPost(item: WxrItem, context: PostMapContext): MapOutcome {
  const comments = countComments(item)
  const type = item.postType.trim() || 'post'
  if (type !== 'post' && type !== 'page') return { kind: 'skip', reason: `post type "${type}"`, comments }
  const wpStatus = item.status.trim() || 'publish'
  if (wpStatus === 'trash') return { kind: 'skip', reason: 'in the trash', comments }
  let status = STATUS[wpStatus]
  if (!status) return { kind: 'skip', reason: `status "${wpStatus}"`, comments }
  // Dateline's own exports keep its finer status (review, unpublished) beside WordPress's.
  const datelineStatus = datelineMeta(item, DATELINE_POST_META.status) as ArticleStatus
  if (DATELINE_STATUSES.includes(datelineStatus) && wpStatus !== 'private') status = datelineStatus
  const warnings: string[] = []
  if (wpStatus === 'private') warnings.push('private in WordPress: imported as a draft')
  if (item.postPassword.trim() !== '') {
    status = 'draft'
    warnings.push('password-protected in WordPress: imported as a draft')
  }

  let headline = htmlToText(item.title).trim()
  if (headline === '') {
    headline = `Untitled (WordPress ${type} ${item.postId})`
    warnings.push('had no title')
  }
  if (headline.length > 300) {
    headline = `${headline.slice(0, 299)}…`
    warnings.push('title shortened to 300 characters')
  }
  const slug = slugify(decodeSlug(item.postName.trim())) || slugify(headline) || `${type}-${item.postId}`

  const gmt = gmtToIso(item.postDateGmt)
  // The site-local date (converted through the zone) only when there is no GMT one: it is slow.
  const date = gmt ?? localToIso(item.postDate, context.timeZone)
  let publishedAt: string | null = null
  if (status === 'published' || status === 'scheduled') {
    if (date === undefined) {
      warnings.push('has no valid date: imported as a draft')
      status = 'draft'
    } else publishedAt = date
  } else if (status === 'unpublished' && gmt !== undefined) publishedAt = gmt
  const createdAt = date ?? context.now
  const modified = gmtToIso(item.postModifiedGmt)
  const updatedAt = modified && modified > (publishedAt ?? createdAt) ? modified : (publishedAt ?? createdAt)

  const body = mapBody(item.content, {
    attachment: context.attachment,
    children: () => context.childrenOf(item.postId),
    mediaUrlFor: context.mediaUrlFor,
  } satisfies BodyContext)
  for (const url of body.unresolvedUploads.slice(0, 3))
    warnings.push(`links to a file that was not imported: ${url}`)
  const excerptText = htmlToText(item.excerpt).trim()

  const categories = item.terms.filter((t) => t.domain === 'category')
  const primaryId = metaValue(item, PRIMARY_CATEGORY_KEYS)
  const primary =
    (primaryId !== '' ? context.categorySlugByTermId(primaryId) : undefined) ??
    categories[0]?.slug ??
    undefined
  const sectionKey = type === 'page' ? PAGES_SECTION_SLUG : primary
  const tagNames = [
    ...item.terms.filter((t) => t.domain === 'post_tag').map((t) => t.name.trim()),
    // Dateline files a story in one section; its other categories are kept as tags.
    ...(type === 'post' ? categories.filter((c) => c.slug !== primary).map((c) => c.name.trim()) : []),
  ].filter((name) => name !== '')

  const bylines: Byline[] = []
  const creator = item.creator.trim()
  if (creator !== '' && !HOUSE_LOGINS.has(creator.toLowerCase()))
    bylines.push({ kind: 'login', login: creator })
  for (const term of item.terms.filter((t) => t.domain === 'author')) {
    const key = decodeSlug(term.slug).replace(/^cap-/, '')
    if (key === creator || HOUSE_LOGINS.has(key.toLowerCase())) continue
    bylines.push({ kind: 'coauthor', slug: key, name: term.name.trim() || key })
  }

  // Dateline serves one language per site, so every story takes the site's; a multilingual
  // plugin's language (Polylang's "language" terms) is reported when it differs.
  const datelineLanguage = datelineMeta(item, DATELINE_POST_META.language)
  const language = context.languages.includes(datelineLanguage) ? datelineLanguage : context.defaultLanguage
  const languageTerm = item.terms.find((t) => t.domain === 'language' && context.languages.includes(t.slug))
  if (datelineLanguage === '' && languageTerm && languageTerm.slug !== context.defaultLanguage) {
    warnings.push(
      `marked "${languageTerm.slug}" in WordPress; stored in the site's language (${context.defaultLanguage})`,
    )
  }
  const featured = item.meta.find((m) => m.key === '_thumbnail_id')?.value.trim()

  const oldPaths: string[] = []
  if (status === 'published' || status === 'scheduled') {
    const fromLink = oldPath(item.link, context.baseUrl)
    if (fromLink !== undefined && fromLink !== '/') oldPaths.push(...pathVariants(fromLink))
    oldPaths.push(`/?p=${item.postId}`)
    if (type === 'page') oldPaths.push(`/?page_id=${item.postId}`)
    if (type === 'post' && (fromLink === undefined || fromLink.startsWith('/?'))) {
      const pretty = permalinkPath(context.structure, {
        path: '',
        postDate: item.postDate,
        slug: item.postName.trim(),
        postId: item.postId,
      })
      if (pretty !== undefined) oldPaths.push(...pathVariants(pretty))
    }
  }

  return {
    kind: 'story',
    comments,
    story: {
      wpId: item.postId.trim(),
      guid: item.guid.trim(),
      postType: type,
      language,
      headline,
      slug,
      bodyHtml: body.html,
      excerpt: excerptText === '' ? null : excerptText,
      // Dateline's own exports carry the dateline in a post meta WordPress ignores.
      dateline: body.dateline || datelineMeta(item, DATELINE_POST_META.dateline),
      dek: datelineMeta(item, DATELINE_POST_META.dek),
      correctionNote: datelineMeta(item, DATELINE_POST_META.correctionNote),
      featuredCaption: datelineMeta(item, DATELINE_POST_META.featuredCaption),
      featuredCredit: datelineMeta(item, DATELINE_POST_META.featuredCredit),
      revisionNumber: positiveNumber(datelineMeta(item, DATELINE_POST_META.revision)),
      translationOfWpId: datelineMeta(item, DATELINE_POST_META.translationOf) || undefined,
      revisions: [],
      status,
      publishedAt,
      createdAt,
      updatedAt,
      sectionKey,
      tagNames: [...new Set(tagNames)],
      bylines,
      featuredWpId: featured && /^\d+$/.test(featured) ? featured : undefined,
      seoTitle: seoText(metaValue(item, SEO_TITLE_KEYS), headline),
      seoDescription: seoText(metaValue(item, SEO_DESCRIPTION_KEYS), headline),
      oldPaths: [...new Set(oldPaths)],
      warnings,
      unknownShortcodes: body.unknownShortcodes,
    },
  }
}
