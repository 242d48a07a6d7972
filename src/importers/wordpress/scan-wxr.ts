// The first pass over an export: it checks that the whole file is valid WXR before anything is
// written (a truncated or malformed file fails here, with its line, and nothing is imported), and
// it keeps the small things every story needs: the terms, the authors, the attachments (which
// WordPress often writes after the posts that use them) and a sample of links for the permalink
// structure. Bodies are not kept, so memory stays flat however large the file.

import type { AuthorKind } from '../../db/tables.ts'
import { DATELINE_MEDIA_CREDIT_META, DATELINE_TERM_META } from '../../exporters/wxr-dateline-meta.ts'
import type { WxrAuthor, WxrCategory, WxrChannel, WxrItem, WxrRecord, WxrTag } from './parse-wxr.ts'
import type { PermalinkSample } from './permalinks.ts'
import { type PhpArray, phpUnserialize } from './php-unserialize.ts'

export interface ScannedAttachment {
  wpId: string
  guid: string
  title: string
  link: string
  url: string
  /** Relative to the uploads folder: "2026/11/well.jpg". */
  file: string
  /** Files of the sizes WordPress made ("2026/11/well-1024x683.jpg"), from its metadata. */
  sizeFiles: string[]
  alt: string
  caption: string
  /** Dateline's own exports carry the credit line ('' otherwise). */
  credit: string
  parentWpId: string
}

/** What a Dateline export says about a byline beyond WordPress's fields (author term meta). */
export interface BylineDetails {
  kind: AuthorKind
  jobTitle: string
  isPseudonym: boolean
}

export interface ScanResult {
  channel: WxrChannel | undefined
  authors: WxrAuthor[]
  categories: WxrCategory[]
  tags: WxrTag[]
  attachments: ScannedAttachment[]
  /** Author logins named by items (older exports list no wp:author). */
  creators: Set<string>
  /** Co-Authors Plus bylines: term slug → name. */
  coauthors: Map<string, string>
  /** Author terms with Dateline's term meta, by term slug ("cap-login"). */
  bylineDetails: Map<string, BylineDetails>
  /** Categories and tags used by items but missing from the lists: slug → name. */
  itemCategories: Map<string, string>
  itemTags: Map<string, string>
  /** Items that will be read as stories (posts and pages), for the progress bar. */
  storyItems: number
  hasPages: boolean
  permalinkSamples: PermalinkSample[]
}

const MAX_SAMPLES = 500

/**
 * The uploads-relative path of a file URL: after "/wp-content/uploads/" (and a multisite
 * "sites/N/"), or after "/media/" in an export written by Dateline itself.
 */
export function uploadsRelative(url: string): string | undefined {
  const match = /\/(?:wp-content\/uploads|files|media)\/(?:sites\/\d+\/)?([^?#]+)/i.exec(url)
  if (!match?.[1]) return undefined
  try {
    return decodeURIComponent(match[1])
  } catch {
    return match[1]
  }
}

function attachmentOf(item: WxrItem): ScannedAttachment {
  const meta = (key: string) => item.meta.find((m) => m.key === key)?.value ?? ''
  const file = meta('_wp_attached_file').trim() || uploadsRelative(item.attachmentUrl) || ''
  const sizeFiles: string[] = []
  const metadata = phpUnserialize(meta('_wp_attachment_metadata'))
  if (metadata && typeof metadata === 'object') {
    const sizes = (metadata as PhpArray).sizes
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
    if (sizes && typeof sizes === 'object') {
      for (const size of Object.values(sizes)) {
        const name = size && typeof size === 'object' ? (size as PhpArray).file : undefined
        if (typeof name === 'string' && name !== '') sizeFiles.push(folder + name)
      }
    }
  }
  return {
    wpId: item.postId.trim(),
    guid: item.guid.trim(),
    title: item.title.trim(),
    link: item.link.trim(),
    url: item.attachmentUrl.trim() || item.guid.trim(),
    file,
    sizeFiles,
    alt: meta('_wp_attachment_image_alt').trim(),
    caption: item.excerpt.trim(),
    credit: meta(DATELINE_MEDIA_CREDIT_META).trim(),
    parentWpId: item.postParent.trim(),
  }
}

export async function scanWxr(records: AsyncIterable<WxrRecord>): Promise<ScanResult> {
  const result: ScanResult = {
    channel: undefined,
    authors: [],
    categories: [],
    tags: [],
    attachments: [],
    creators: new Set(),
    coauthors: new Map(),
    bylineDetails: new Map(),
    itemCategories: new Map(),
    itemTags: new Map(),
    storyItems: 0,
    hasPages: false,
    permalinkSamples: [],
  }
  for await (const record of records) {
    switch (record.kind) {
      case 'channel':
        result.channel = record.channel
        break
      case 'author':
        result.authors.push(record.author)
        break
      case 'category':
        result.categories.push(record.category)
        break
      case 'tag':
        result.tags.push(record.tag)
        break
      case 'term': {
        const { term } = record
        const meta = (key: string) => term.meta.find((m) => m.key === key)?.value.trim()
        const kind = meta(DATELINE_TERM_META.kind)
        if (term.taxonomy.trim() === 'author' && kind !== undefined) {
          result.bylineDetails.set(term.slug.trim(), {
            kind: kind === 'organization' ? 'organization' : 'person',
            jobTitle: meta(DATELINE_TERM_META.jobTitle) ?? '',
            isPseudonym: meta(DATELINE_TERM_META.isPseudonym) === '1',
          })
        }
        break
      }
      case 'item': {
        const item = record.item
        const type = item.postType.trim() || 'post'
        if (type === 'attachment') {
          result.attachments.push(attachmentOf(item))
          break
        }
        if (type !== 'post' && type !== 'page') break
        result.storyItems += 1
        if (type === 'page') result.hasPages = true
        if (item.creator.trim() !== '') result.creators.add(item.creator.trim())
        for (const term of item.terms) {
          if (term.domain === 'author') result.coauthors.set(term.slug, term.name.trim())
          else if (term.domain === 'category') result.itemCategories.set(term.slug, term.name.trim())
          else if (term.domain === 'post_tag') result.itemTags.set(term.slug, term.name.trim())
        }
        if (
          type === 'post' &&
          item.status.trim() === 'publish' &&
          result.permalinkSamples.length < MAX_SAMPLES
        ) {
          result.permalinkSamples.push({
            path: item.link.trim(),
            postDate: item.postDate.trim(),
            slug: item.postName.trim(),
            postId: item.postId.trim(),
          })
        }
      }
    }
  }
  return result
}
