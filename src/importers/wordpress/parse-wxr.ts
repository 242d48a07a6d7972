// A streaming reader for WordPress exports (WXR 1.0–1.2). It is pure: it takes the file's bytes as
// an async iterable and yields one plain record at a time (the channel, each author, category,
// tag and item), so memory holds one item, never the file. Namespaces are resolved from the
// file's own declarations (the wp/excerpt URIs differ between WXR versions), falling back to the
// 1.1 URIs for undeclared wp:/excerpt: prefixes as WordPress's own importer does. A DOCTYPE is
// refused outright: no entity is ever expanded, so no external entity can be read (XXE).
import { SaxesParser } from 'saxes'
import { ImportFileError } from './import-errors.ts'

export interface WxrChannel {
  title: string
  link: string
  description: string
  language: string
  wxrVersion: string
  baseSiteUrl: string
  baseBlogUrl: string
}

export interface WxrAuthor {
  id: string
  login: string
  email: string
  displayName: string
  firstName: string
  lastName: string
  description: string
}

export interface WxrCategory {
  termId: string
  slug: string
  parentSlug: string
  name: string
  description: string
}

export interface WxrTag {
  termId: string
  slug: string
  name: string
  description: string
}

/** A term of any taxonomy (wp:term): Dateline's own exports write bylines this way, with meta. */
export interface WxrTerm {
  termId: string
  taxonomy: string
  slug: string
  name: string
  description: string
  meta: WxrMeta[]
}

export interface WxrItemTerm {
  domain: string
  slug: string
  name: string
}

export interface WxrMeta {
  key: string
  value: string
}

export interface WxrComment {
  id: string
  type: string
  approved: string
  author: string
  dateGmt: string
  content: string
}

export interface WxrItem {
  title: string
  link: string
  pubDate: string
  creator: string
  guid: string
  content: string
  excerpt: string
  postId: string
  postDate: string
  postDateGmt: string
  postModifiedGmt: string
  postName: string
  status: string
  postParent: string
  postType: string
  postPassword: string
  attachmentUrl: string
  terms: WxrItemTerm[]
  meta: WxrMeta[]
  comments: WxrComment[]
  /** Where the item starts in the file, for warnings. */
  line: number
}

export type WxrRecord =
  | { kind: 'channel'; channel: WxrChannel }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'category'; category: WxrCategory }
  | { kind: 'tag'; tag: WxrTag }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem }

const KNOWN_NAMESPACES: Readonly<Record<string, string>> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
}
const WP_NS = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/$/
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/$/
/** What WordPress's importer assumes when a prefix is used without a declaration. */
const FALLBACK_NAMESPACES: Readonly<Record<string, string>> = {
  wp: 'http://wordpress.org/export/1.1/',
  excerpt: 'http://wordpress.org/export/1.1/excerpt/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
}

function canonicalPrefix(uri: string): string | undefined {
  if (WP_NS.test(uri)) return 'wp'
  if (EXCERPT_NS.test(uri)) return 'excerpt'
  return KNOWN_NAMESPACES[uri]
}

/** The encoding named by a byte-order mark or the XML declaration; UTF-8 otherwise. */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  const declaration = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    Buffer.from(head.subarray(0, 200)).toString('latin1'),
  )
  return declaration?.[1]?.toLowerCase() ?? 'utf-8'
}

function emptyItem(line: number): WxrItem {
  return {
    title: '',
    link: '',
    pubDate: '',
    creator: '',
    guid: '',
    content: '',
    excerpt: '',
    postId: '',
    postDate: '',
    postDateGmt: '',
    postModifiedGmt: '',
    postName: '',
    status: '',
    postParent: '',
    postType: '',
    postPassword: '',
    attachmentUrl: '',
    terms: [],
    meta: [],
    comments: [],
    line,
  }
}

const ITEM_FIELDS: Readonly<Record<string, keyof WxrItem>> = {
  title: 'title',
  link: 'link',
  pubDate: 'pubDate',
  'dc:creator': 'creator',
  guid: 'guid',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_modified_gmt': 'postModifiedGmt',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_parent': 'postParent',
  'wp:post_type': 'postType',
  'wp:post_password': 'postPassword',
  'wp:attachment_url': 'attachmentUrl',
}

const AUTHOR_FIELDS: Readonly<Record<string, keyof WxrAuthor>> = {
  'wp:author_id': 'id',
  'wp:author_login': 'login',
  'wp:author_email': 'email',
  'wp:author_display_name': 'displayName',
  'wp:author_first_name': 'firstName',
  'wp:author_last_name': 'lastName',
  'wp:author_description': 'description',
}

const CATEGORY_FIELDS: Readonly<Record<string, keyof WxrCategory>> = {
  'wp:term_id': 'termId',
  'wp:category_nicename': 'slug',
  'wp:category_parent': 'parentSlug',
  'wp:cat_name': 'name',
  'wp:category_description': 'description',
}

const TAG_FIELDS: Readonly<Record<string, keyof WxrTag>> = {
  'wp:term_id': 'termId',
  'wp:tag_slug': 'slug',
  'wp:tag_name': 'name',
  'wp:tag_description': 'description',
}

const TERM_FIELDS: Readonly<Record<string, 'termId' | 'taxonomy' | 'slug' | 'name' | 'description'>> = {
  'wp:term_id': 'termId',
  'wp:term_taxonomy': 'taxonomy',
  'wp:term_slug': 'slug',
  'wp:term_name': 'name',
  'wp:term_description': 'description',
}

const COMMENT_FIELDS: Readonly<Record<string, keyof WxrComment>> = {
  'wp:comment_id': 'id',
  'wp:comment_type': 'type',
  'wp:comment_approved': 'approved',
  'wp:comment_author': 'author',
  'wp:comment_date_gmt': 'dateGmt',
  'wp:comment_content': 'content',
}

const CHANNEL_FIELDS: Readonly<Record<string, keyof WxrChannel>> = {
  title: 'title',
  link: 'link',
  description: 'description',
  language: 'language',
  'wp:wxr_version': 'wxrVersion',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
}

/** Reads one WXR file. Throws ImportFileError (with the line) for anything that is not valid WXR. */
export async function* parseWxr(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ position: true })
  const out: WxrRecord[] = []
  const names: string[] = []
  const scopes: (Record<string, string> | undefined)[] = []
  let text = ''
  let channel: WxrChannel | undefined = {
    title: '',
    link: '',
    description: '',
    language: '',
    wxrVersion: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
  }
  let isChannelSent = false
  let item: WxrItem | undefined
  let author: WxrAuthor | undefined
  let category: WxrCategory | undefined
  let tag: WxrTag | undefined
  let term: WxrTerm | undefined
  let comment: WxrComment | undefined
  let meta: WxrMeta | undefined
  let isRssSeen = false
  let isRssClosed = false

  const position = () => ({ line: parser.line, column: parser.column })
  const resolve = (qname: string): string => {
    const colon = qname.indexOf(':')
    if (colon === -1) return qname
    const prefix = qname.slice(0, colon)
    let uri: string | undefined
    for (let i = scopes.length - 1; i >= 0 && uri === undefined; i--) uri = scopes[i]?.[prefix]
    uri ??= FALLBACK_NAMESPACES[prefix]
    const canonical = uri === undefined ? undefined : canonicalPrefix(uri)
    return canonical === undefined ? qname : `${canonical}:${qname.slice(colon + 1)}`
  }
  const sendChannel = () => {
    if (isChannelSent || !channel) return
    if (!/^\d+\.\d+$/.test(channel.wxrVersion.trim())) {
      throw new ImportFileError(
        'IMPORT_NOT_WXR',
        'This is not a WordPress export: the channel has no wp:wxr_version before its first entry. Export the site again from Tools → Export in WordPress',
        position(),
      )
    }
    out.push({ kind: 'channel', channel: { ...channel, wxrVersion: channel.wxrVersion.trim() } })
    isChannelSent = true
  }

  parser.on('doctype', () => {
    throw new ImportFileError(
      'IMPORT_DOCTYPE_REFUSED',
      'The file declares a DOCTYPE (and so could declare entities). WordPress never writes one; it is refused so that no external entity can be read',
      position(),
    )
  })
  parser.on('opentag', (tag_) => {
    const attributes = tag_.attributes as Record<string, string>
    let scope: Record<string, string> | undefined
    for (const [name, value] of Object.entries(attributes)) {
      if (name.startsWith('xmlns:')) {
        scope ??= {}
        scope[name.slice(6)] = value
      }
    }
    scopes.push(scope)
    const name = resolve(tag_.name)
    names.push(name)
    text = ''
    const depth = names.length
    if (depth === 1) {
      if (name !== 'rss') {
        throw new ImportFileError(
          'IMPORT_NOT_WXR',
          `This is not a WordPress export: it starts with <${tag_.name}>, not <rss>`,
          position(),
        )
      }
      isRssSeen = true
      return
    }
    if (depth === 3 && names[1] === 'channel') {
      if (name === 'item') {
        sendChannel()
        item = emptyItem(parser.line)
      } else if (name === 'wp:author') {
        sendChannel()
        author = {
          id: '',
          login: '',
          email: '',
          displayName: '',
          firstName: '',
          lastName: '',
          description: '',
        }
      } else if (name === 'wp:category') {
        sendChannel()
        category = { termId: '', slug: '', parentSlug: '', name: '', description: '' }
      } else if (name === 'wp:tag') {
        sendChannel()
        tag = { termId: '', slug: '', name: '', description: '' }
      } else if (name === 'wp:term') {
        sendChannel()
        term = { termId: '', taxonomy: '', slug: '', name: '', description: '', meta: [] }
      }
      return
    }
    if (term && depth === 4 && name === 'wp:termmeta') {
      meta = { key: '', value: '' }
      return
    }
    if (item && depth === 4) {
      if (name === 'category') {
        item.terms.push({
          domain: attributes.domain ?? 'category',
          slug: attributes.nicename ?? '',
          name: '',
        })
      } else if (name === 'wp:comment') {
        comment = { id: '', type: '', approved: '', author: '', dateGmt: '', content: '' }
      } else if (name === 'wp:postmeta') {
        meta = { key: '', value: '' }
      }
    }
  })
  const addText = (value: string) => {
    text += value
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    const name = names.pop() ?? ''
    scopes.pop()
    const depth = names.length + 1
    const value = text
    text = ''
    if (depth === 1) {
      isRssClosed = true
      return
    }
    if (depth === 3 && channel && CHANNEL_FIELDS[name] && !item) {
      channel[CHANNEL_FIELDS[name]] = value
      return
    }
    if (depth === 2 && name === 'channel') {
      sendChannel()
      channel = undefined
      return
    }
    if (item) {
      if (depth === 3 && name === 'item') {
        out.push({ kind: 'item', item })
        item = undefined
      } else if (depth === 4) {
        const field = ITEM_FIELDS[name]
        if (field) (item[field] as string) = value
        else if (name === 'category') {
          const term = item.terms[item.terms.length - 1]
          if (term) term.name = value
        } else if (name === 'wp:comment' && comment) {
          item.comments.push(comment)
          comment = undefined
        } else if (name === 'wp:postmeta' && meta) {
          item.meta.push(meta)
          meta = undefined
        }
      } else if (depth === 5) {
        if (comment && COMMENT_FIELDS[name]) comment[COMMENT_FIELDS[name]] = value
        else if (meta && name === 'wp:meta_key') meta.key = value
        else if (meta && name === 'wp:meta_value') meta.value = value
      }
      return
    }
    if (author) {
      if (depth === 3) {
        out.push({ kind: 'author', author })
        author = undefined
      } else if (depth === 4 && AUTHOR_FIELDS[name]) author[AUTHOR_FIELDS[name]] = value
      return
    }
    if (category) {
      if (depth === 3) {
        out.push({ kind: 'category', category })
        category = undefined
      } else if (depth === 4 && CATEGORY_FIELDS[name]) category[CATEGORY_FIELDS[name]] = value
      return
    }
    if (tag) {
      if (depth === 3) {
        out.push({ kind: 'tag', tag })
        tag = undefined
      } else if (depth === 4 && TAG_FIELDS[name]) tag[TAG_FIELDS[name]] = value
      return
    }
    if (term) {
      if (depth === 3) {
        out.push({ kind: 'term', term })
        term = undefined
      } else if (depth === 4 && TERM_FIELDS[name]) term[TERM_FIELDS[name]] = value
      else if (depth === 4 && name === 'wp:termmeta' && meta) {
        term.meta.push(meta)
        meta = undefined
      } else if (depth === 5 && meta && name === 'wp:meta_key') meta.key = value
      else if (depth === 5 && meta && name === 'wp:meta_value') meta.value = value
    }
  })

  let decoder: TextDecoder | undefined
  const write = (bytes: Uint8Array, isLast: boolean) => {
    if (!decoder) {
      const encoding = sniffEncoding(bytes)
      try {
        decoder = new TextDecoder(encoding, { fatal: true })
      } catch {
        throw new ImportFileError(
          'IMPORT_ENCODING_INVALID',
          `The file declares the encoding "${encoding}", which is not supported; save it as UTF-8`,
          { line: 1, column: 1 },
        )
      }
    }
    let decoded: string
    try {
      decoded = decoder.decode(bytes, { stream: !isLast })
    } catch (error) {
      if (bytes.length === 0) {
        throw new ImportFileError(
          'IMPORT_XML_INVALID',
          'The file ends in the middle of a character: it was probably cut short while copying',
          position(),
          error,
        )
      }
      const lossy = new TextDecoder(decoder.encoding).decode(bytes)
      const bad = lossy.indexOf('\uFFFD')
      const before = bad === -1 ? lossy : lossy.slice(0, bad)
      const newlines = before.split('\n').length - 1
      const lastBreak = before.lastIndexOf('\n')
      throw new ImportFileError(
        'IMPORT_ENCODING_INVALID',
        `The file is not valid ${decoder.encoding.toUpperCase()} (a byte sequence that is not a character, perhaps a file saved in another encoding)`,
        {
          line: parser.line + newlines,
          column: newlines === 0 ? parser.column + before.length + 1 : before.length - lastBreak,
        },
        error,
      )
    }
    parser.write(decoded)
  }
  const guard = (run: () => void) => {
    try {
      run()
    } catch (error) {
      if (error instanceof ImportFileError) throw error
      const message = error instanceof Error ? error.message : String(error)
      // saxes prefixes its messages with "line:column: ".
      const found = /^(\d+):(\d+): (.*)$/s.exec(message)
      throw new ImportFileError(
        'IMPORT_XML_INVALID',
        `The file is not well-formed XML: ${found?.[3] ?? message}`,
        found ? { line: Number(found[1]), column: Number(found[2]) } : position(),
        error,
      )
    }
  }

  for await (const chunk of chunks) {
    guard(() => write(chunk, false))
    for (const record of out.splice(0)) yield record
  }
  guard(() => {
    write(new Uint8Array(0), true)
    parser.close()
  })
  if (!isRssSeen)
    throw new ImportFileError('IMPORT_NOT_WXR', 'This is not a WordPress export: the file is empty')
  if (!isRssClosed) {
    throw new ImportFileError(
      'IMPORT_XML_INVALID',
      'The file ends before </rss>: it was probably cut short while copying',
      position(),
    )
  }
  sendChannel()
  for (const record of out.splice(0)) yield record
}
