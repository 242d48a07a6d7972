// Categories → sections (with their hierarchy), tags → tags, wp:author → bylines and staff
// accounts, Co-Authors Plus guest authors → bylines. Each is written in its own transaction with
// its map row, so a run stopped anywhere is resumed without duplicates. Old term addresses
// (/category/news/politics/, /tag/x/, /author/x/ and their feeds) redirect to the new ones.
import { authorUrl } from '../../authors/authors.service.ts'
import { feedPath } from '../../feeds/feed-urls.ts'
import { slugify } from '../../lib/slugify.ts'
import { MAX_SECTION_DEPTH, RESERVED_SECTION_SLUGS, sectionUrl } from '../../sections/sections.service.ts'
import { tagUrl } from '../../tags/tags.service.ts'
import { warn } from './import-report.ts'
import { addRedirects, fakeId, type ImportState, loadMapped, remember } from './import-state.ts'
import { HOUSE_LOGINS, PAGES_SECTION_SLUG } from './map-post.ts'
import type { WxrAuthor, WxrCategory } from './parse-wxr.ts'
import { pathVariants } from './permalinks.ts'
import type { BylineDetails, ScanResult } from './scan-wxr.ts'

/** Password hash of an imported account: not a scrypt hash, so no password ever matches it. */
export const NO_PASSWORD = '!'

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function localSlug(wpSlug: string, name: string): string {
  return slugify(decode(wpSlug)) || slugify(name)
}

async function findOrCreateSection(
  state: ImportState,
  slug: string,
  name: string,
  parentId: number | null,
  description: string,
  mapping?: { wpId: string; guid: string },
): Promise<{ id: number; isNew: boolean }> {
  const { db } = state.ctx
  const existing = await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst()
  if (state.isDryRun) return { id: existing?.id ?? fakeId(state), isNew: !existing }
  return db.transaction().execute(async (trx) => {
    let id = existing?.id
    if (id === undefined) {
      const row = await trx
        .insertInto('sections')
        .values({ slug, name, description, parent_id: parentId, position: 0, created_at: state.now })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
    }
    if (mapping) await remember(trx, state, 'category', mapping.wpId, mapping.guid, id)
    return { id, isNew: existing === undefined }
  })
}

async function writeSections(state: ImportState, scan: ScanResult): Promise<void> {
  const report = state.report
  const mapped = await loadMapped(state, 'category')
  const categories: WxrCategory[] = [...scan.categories]
  const listed = new Set(categories.map((c) => c.slug))
  for (const [slug, name] of scan.itemCategories) {
    if (!listed.has(slug)) categories.push({ termId: '', slug, parentSlug: '', name, description: '' })
  }
  const bySlug = new Map(categories.map((c) => [c.slug, c]))
  const depthOf = (category: WxrCategory): number => {
    let depth = 1
    let parent = bySlug.get(category.parentSlug)
    while (parent && depth < 20) {
      depth += 1
      parent = bySlug.get(parent.parentSlug)
    }
    return depth
  }
  // Parents before children, whatever order the file has them in.
  categories.sort((a, b) => depthOf(a) - depthOf(b))
  const redirects: { from: string; to: string }[] = []
  const wpPath = (category: WxrCategory): string => {
    const parts = [category.slug]
    let parent = bySlug.get(category.parentSlug)
    while (parent && parts.length < 20) {
      parts.unshift(parent.slug)
      parent = bySlug.get(parent.parentSlug)
    }
    return parts.join('/')
  }
  for (const category of categories) {
    let slug = localSlug(category.slug, category.name) || 'section'
    if (RESERVED_SECTION_SLUGS.has(slug)) slug = `${slug}-section`
    let id = mapped.get(category.slug)
    if (id !== undefined) report.alreadyImported.sections += 1
    else {
      let parentId =
        category.parentSlug === '' ? null : (state.sectionIdByWpSlug.get(category.parentSlug) ?? null)
      if (depthOf(category) > MAX_SECTION_DEPTH) {
        // Dateline's sections go three deep; deeper categories hang from their third-level ancestor.
        let ancestor = bySlug.get(category.parentSlug)
        while (ancestor && depthOf(ancestor) > MAX_SECTION_DEPTH) ancestor = bySlug.get(ancestor.parentSlug)
        parentId = ancestor ? (state.sectionIdByWpSlug.get(ancestor.slug) ?? null) : null
        warn(
          report,
          `category "${category.name}"`,
          'deeper than three levels: placed under its third-level ancestor',
        )
      }
      const created = await findOrCreateSection(
        state,
        slug,
        category.name.trim() || slug,
        parentId,
        htmlFree(category.description),
        {
          wpId: category.slug,
          guid: category.termId,
        },
      )
      id = created.id
      if (created.isNew) report.imported.sections += 1
    }
    state.sectionIdByWpSlug.set(category.slug, id)
    state.sectionSlugById.set(id, slug)
    const path = wpPath(category)
    for (const from of pathVariants(`/category/${path}/`)) redirects.push({ from, to: sectionUrl(slug) })
    for (const from of pathVariants(`/category/${path}/feed/`))
      redirects.push({ from, to: feedPath({ kind: 'section', slug }, 'rss') })
    if (category.termId !== '') redirects.push({ from: `/?cat=${category.termId}`, to: sectionUrl(slug) })
  }
  // Dateline has no separate pages: WordPress pages become stories in a "Pages" section.
  for (const [key, name] of [
    [PAGES_SECTION_SLUG, 'Pages'],
    ['uncategorized', 'Uncategorized'],
  ] as const) {
    if (key === PAGES_SECTION_SLUG && !scan.hasPages) continue
    if (state.sectionIdByWpSlug.has(key)) continue
    if (key === 'uncategorized' && scan.storyItems === 0) continue
    const created = await findOrCreateSection(state, key, name, null, '')
    if (created.isNew) report.imported.sections += 1
    state.sectionIdByWpSlug.set(key, created.id)
    state.sectionSlugById.set(created.id, key)
  }
  report.imported.redirects += await addRedirects(state.ctx.db, state, redirects)
}

function htmlFree(text: string): string {
  return text.replace(/<[^>]*>/g, '').trim()
}

async function writeTags(state: ImportState, scan: ScanResult): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const mapped = await loadMapped(state, 'tag')
  const tags = new Map<string, { name: string; termId: string }>()
  for (const tag of scan.tags) tags.set(tag.slug, { name: tag.name, termId: tag.termId })
  for (const [slug, name] of scan.itemTags) if (!tags.has(slug)) tags.set(slug, { name, termId: '' })
  const redirects: { from: string; to: string }[] = []
  for (const [wpSlug, tag] of tags) {
    const slug = localSlug(wpSlug, tag.name)
    if (slug === '') continue
    let id = mapped.get(wpSlug)
    if (id !== undefined) report.alreadyImported.tags += 1
    else {
      const existing = await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()
      if (state.isDryRun) id = existing?.id ?? fakeId(state)
      else {
        id = await db.transaction().execute(async (trx) => {
          const tagId =
            existing?.id ??
            (
              await trx
                .insertInto('tags')
                .values({ slug, name: tag.name.trim() || slug, created_at: state.now })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id
          await remember(trx, state, 'tag', wpSlug, tag.termId, tagId)
          return tagId
        })
      }
      if (!existing) report.imported.tags += 1
    }
    state.tagIdBySlug.set(slug, id)
    for (const from of pathVariants(`/tag/${wpSlug}/`)) redirects.push({ from, to: tagUrl(slug) })
    for (const from of pathVariants(`/tag/${wpSlug}/feed/`))
      redirects.push({ from, to: feedPath({ kind: 'tag', slug }, 'rss') })
  }
  report.imported.redirects += await addRedirects(db, state, redirects)
}

function displayName(author: WxrAuthor): string {
  const full = `${author.firstName.trim()} ${author.lastName.trim()}`.trim()
  return author.displayName.trim() || full || author.login
}

async function writeAuthor(
  state: ImportState,
  kind: 'author' | 'coauthor',
  key: string,
  input: {
    slug: string
    name: string
    bio: string
    email: string | undefined
    guid: string
    details: BylineDetails | undefined
  },
): Promise<number> {
  const { db } = state.ctx
  const report = state.report
  const existing = await db
    .selectFrom('authors')
    .select('id')
    .where('slug', '=', input.slug)
    .executeTakeFirst()
  if (state.isDryRun) {
    if (!existing) report.imported.authors += 1
    if (!existing && input.email !== undefined) report.imported.users += 1
    return existing?.id ?? fakeId(state)
  }
  return db.transaction().execute(async (trx) => {
    let authorId = existing?.id
    if (authorId === undefined) {
      let userId: number | null = null
      if (input.email !== undefined) {
        const email = input.email
        const user = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
        userId = user?.id ?? null
        if (userId === null) {
          // A contributor account nobody can sign in to until a reset link sets a password
          // (`dateline user reset-password`): the import never invents or mails passwords.
          const row = await trx
            .insertInto('users')
            .values({
              email,
              display_name: input.name,
              role: 'contributor',
              password_hash: NO_PASSWORD,
              is_active: 1,
              created_at: state.now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          userId = row.id
          report.imported.users += 1
        }
      }
      const row = await trx
        .insertInto('authors')
        .values({
          slug: input.slug,
          name: input.name,
          kind: input.details?.kind ?? 'person',
          job_title: input.details?.jobTitle ?? '',
          bio: input.bio,
          avatar_media_id: null,
          is_pseudonym: input.details?.isPseudonym ? 1 : 0,
          user_id: userId,
          created_at: state.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      authorId = row.id
      report.imported.authors += 1
    }
    await remember(trx, state, kind, key, input.guid, authorId)
    return authorId
  })
}

async function writeAuthors(state: ImportState, scan: ScanResult, siteName: string): Promise<void> {
  const report = state.report
  const redirects: { from: string; to: string }[] = []
  const mappedAuthors = await loadMapped(state, 'author')
  const authors: WxrAuthor[] = [...scan.authors]
  const listed = new Set(authors.map((a) => a.login))
  for (const login of scan.creators) {
    if (!listed.has(login)) {
      authors.push({
        id: '',
        login,
        email: '',
        displayName: login,
        firstName: '',
        lastName: '',
        description: '',
      })
    }
  }
  const emails = new Set<string>()
  for (const author of authors) {
    if (author.login === '') continue
    const slug = slugify(author.login) || `author-${author.id || authors.indexOf(author)}`
    let id = mappedAuthors.get(author.login)
    if (id !== undefined) report.alreadyImported.authors += 1
    else {
      // An author with a real address becomes a staff account; one without (a login named only
      // by items, a byline exported by Dateline) stays a byline: no account is made up.
      // Dateline's own exports say more about a byline in its author term (kind, pseudonym).
      const details = scan.bylineDetails.get(`cap-${author.login}`)
      const email = author.email.trim().toLowerCase()
      const hasAccount = /^[^\s@]+@[^\s@]+$/.test(email) && !emails.has(email) && !details?.isPseudonym
      emails.add(email)
      id = await writeAuthor(state, 'author', author.login, {
        slug,
        name: displayName(author),
        bio: htmlFree(author.description),
        email: hasAccount ? email : undefined,
        guid: author.id,
        details,
      })
    }
    state.authorIdByLogin.set(author.login, id)
    const nicename = author.login.toLowerCase().replace(/[^a-z0-9_.@-]+/g, '-')
    for (const from of [`/author/${nicename}/`, `/author/${encodeURIComponent(author.login)}/`])
      redirects.push({ from, to: authorUrl(slug) })
    redirects.push({ from: `/author/${nicename}/feed/`, to: feedPath({ kind: 'author', slug }, 'rss') })
    if (author.id !== '') redirects.push({ from: `/?author=${author.id}`, to: authorUrl(slug) })
  }

  const mappedCoauthors = await loadMapped(state, 'coauthor')
  for (const [termSlug, name] of scan.coauthors) {
    const key = decode(termSlug).replace(/^cap-/, '')
    if (HOUSE_LOGINS.has(key.toLowerCase())) continue
    const sameAccount = state.authorIdByLogin.get(key)
    let id = sameAccount ?? mappedCoauthors.get(key)
    const slug = slugify(key) || slugify(name)
    if (id === undefined) {
      // A guest author of Co-Authors Plus: a byline without a staff account.
      id = await writeAuthor(state, 'coauthor', key, {
        slug,
        name: name || key,
        bio: '',
        email: undefined,
        guid: termSlug,
        details: scan.bylineDetails.get(termSlug),
      })
    }
    state.authorIdByCoauthor.set(key, id)
    if (sameAccount === undefined) redirects.push({ from: `/author/${key}/`, to: authorUrl(slug) })
  }

  if ([...scan.creators].some((login) => HOUSE_LOGINS.has(login.toLowerCase()))) {
    const slug = slugify(siteName) || 'newsroom'
    const existing = await state.ctx.db
      .selectFrom('authors')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst()
    if (existing) state.siteAuthorId = existing.id
    else if (state.isDryRun) {
      state.siteAuthorId = fakeId(state)
      report.imported.authors += 1
    } else {
      const row = await state.ctx.db
        .insertInto('authors')
        .values({
          slug,
          name: siteName,
          kind: 'organization',
          job_title: '',
          bio: '',
          avatar_media_id: null,
          is_pseudonym: 0,
          user_id: null,
          created_at: state.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      state.siteAuthorId = row.id
      report.imported.authors += 1
    }
  }
  report.imported.redirects += await addRedirects(state.ctx.db, state, redirects)
}

/** Sections, tags and bylines, before any story (stories refer to them). */
export async function writeTerms(state: ImportState, scan: ScanResult, siteName: string): Promise<void> {
  await writeSections(state, scan)
  await writeTags(state, scan)
  await writeAuthors(state, scan, siteName)
  // Site-wide feeds and comment feeds under WordPress's addresses.
  state.report.imported.redirects += await addRedirects(state.ctx.db, state, [
    { from: '/feed/rss2/', to: feedPath({ kind: 'site' }, 'rss') },
    { from: '/feed/atom/', to: feedPath({ kind: 'site' }, 'atom') },
    { from: '/feed/rss/', to: feedPath({ kind: 'site' }, 'rss') },
    { from: '/comments/feed/', to: feedPath({ kind: 'site' }, 'rss') },
    { from: '/?feed=rss2', to: feedPath({ kind: 'site' }, 'rss') },
  ])
}
