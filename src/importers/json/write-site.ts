// Everything of an export but the stories: sections (with their tree and names in other
// languages), staff accounts, media (records and files), bylines, tags, redirects and settings.
// Each kind is written a batch at a time, one transaction per batch. A record whose natural key
// (slug, e-mail, media path, redirect path, setting key) is already on the site is kept as it is
// and mapped, which is what makes a second run, or a run after a crash, add only what is missing.
import { readFile } from 'node:fs/promises'
import { AUTHOR_KINDS } from '../../authors/authors.service.ts'
import type {
  ExportedAuthor,
  ExportedMedia,
  ExportedRedirect,
  ExportedSection,
  ExportedSetting,
  ExportedTag,
  ExportedUser,
} from '../../exporters/export-format.ts'
import { LOGO_SETTING_KEY } from '../../exporters/export-format.ts'
import { isPlausibleSlug } from '../../lib/slugify.ts'
import { MIME_TYPES, sniffImage } from '../../media/media-processing.ts'
import { createLocalMediaStorage, resolveInside } from '../../media/storage.ts'
import { SITE_LANGUAGES } from '../../settings/settings.service.ts'
import { normaliseEmail, ROLES } from '../../users/users.service.ts'
import { NO_PASSWORD } from '../wordpress/write-terms.ts'
import { skipJson, warnJson } from './json-import-report.ts'
import { fakeId, inChunks, type JsonImportState, mapped } from './json-import-state.ts'

const IMAGE_TYPES: ReadonlySet<string> = new Set(Object.values(MIME_TYPES))

/** Existing ids for natural keys, looked up a chunk at a time. */
async function existing<K extends string>(
  keys: readonly K[],
  find: (chunk: K[]) => Promise<{ key: K; id: number }[]>,
): Promise<Map<K, number>> {
  const found = new Map<K, number>()
  await inChunks([...new Set(keys)], async (chunk) => {
    for (const row of await find(chunk)) found.set(row.key, row.id)
  })
  return found
}

/** Sections all at once (there are few), parents before children, in one transaction. */
export async function writeSections(
  state: JsonImportState,
  sections: readonly ExportedSection[],
): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const byId = new Map(sections.map((s) => [s.id, s]))
  // In the file's order (so new ids keep the old order), each parent before its children.
  const ordered: ExportedSection[] = []
  const placed = new Set<number>()
  const place = (section: ExportedSection, depth: number): void => {
    if (placed.has(section.id) || depth > 20) return
    const parent = section.parent_id === null ? undefined : byId.get(section.parent_id)
    if (parent) place(parent, depth + 1)
    if (placed.has(section.id)) return
    placed.add(section.id)
    ordered.push(section)
  }
  for (const section of [...sections].sort((a, b) => a.id - b.id)) place(section, 0)
  const found = await existing(
    ordered.map((s) => s.slug),
    async (chunk) =>
      (await db.selectFrom('sections').select(['id', 'slug']).where('slug', 'in', chunk).execute()).map(
        (r) => ({
          key: r.slug,
          id: r.id,
        }),
      ),
  )
  const write = async (trx: typeof db) => {
    for (const section of ordered) {
      const here = found.get(section.slug)
      if (here !== undefined) {
        state.sectionIds.set(section.id, here)
        state.sectionSlugs.set(here, section.slug)
        report.alreadyPresent.sections += 1
        continue
      }
      if (!isPlausibleSlug(section.slug)) {
        skipJson(report, 'sections with an unusable slug')
        warnJson(
          report,
          `section ${section.id} "${section.slug}"`,
          'its slug is not a valid address: not imported',
        )
        continue
      }
      const parentId = mapped(state.sectionIds, section.parent_id)
      if (section.parent_id !== null && parentId === null)
        warnJson(report, `section "${section.slug}"`, 'its parent was not imported: placed at the top level')
      let id: number
      if (state.isDryRun) id = fakeId(state)
      else {
        const row = await trx
          .insertInto('sections')
          .values({
            slug: section.slug,
            name: section.name.trim() || section.slug,
            description: section.description,
            parent_id: parentId,
            position: section.position,
            created_at: section.created_at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        id = row.id
        const translations = section.translations.filter((t) =>
          (SITE_LANGUAGES as readonly string[]).includes(t.language),
        )
        if (translations.length > 0) {
          await trx
            .insertInto('section_translations')
            .values(translations.map((t) => ({ section_id: id, ...t })))
            .execute()
        }
      }
      state.sectionIds.set(section.id, id)
      state.sectionSlugs.set(id, section.slug)
      report.imported.sections += 1
    }
  }
  if (state.isDryRun) await write(db)
  else await db.transaction().execute(write)
}

export async function writeUsers(state: JsonImportState, users: readonly ExportedUser[]): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const withEmail = users.map((u) => ({ ...u, email: normaliseEmail(u.email) }))
  const found = await existing(
    withEmail.map((u) => u.email),
    async (chunk) =>
      (await db.selectFrom('users').select(['id', 'email']).where('email', 'in', chunk).execute()).map(
        (r) => ({
          key: r.email,
          id: r.id,
        }),
      ),
  )
  const fresh: typeof withEmail = []
  for (const user of withEmail) {
    const here = found.get(user.email)
    if (here === 0) skipJson(report, 'records listed twice in the file')
    else if (here !== undefined) {
      state.userIds.set(user.id, here)
      report.alreadyPresent.users += 1
    } else if (!/^[^\s@]+@[^\s@]+$/.test(user.email)) {
      skipJson(report, 'staff accounts without a valid e-mail address')
    } else {
      found.set(user.email, 0)
      fresh.push(user)
    }
  }
  if (fresh.length === 0) return
  const rows = fresh.map((user) => {
    const role = (ROLES as readonly string[]).includes(user.role) ? user.role : 'contributor'
    if (role !== user.role)
      warnJson(
        report,
        `staff account ${user.email}`,
        `unknown role "${user.role}": imported as a contributor`,
      )
    return {
      email: user.email,
      display_name: user.display_name.trim() || user.email,
      role,
      // No password travels in an export: nobody can sign in until a reset link sets one.
      password_hash: NO_PASSWORD,
      is_active: user.is_active === 0 ? 0 : 1,
      created_at: user.created_at,
      ui_language:
        user.ui_language !== null && (SITE_LANGUAGES as readonly string[]).includes(user.ui_language)
          ? user.ui_language
          : null,
    }
  })
  report.imported.users += rows.length
  if (state.isDryRun) {
    for (const user of fresh) state.userIds.set(user.id, fakeId(state))
    return
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('users').values(rows).returning(['id', 'email']).execute()
    const idByEmail = new Map(inserted.map((r) => [r.email, r.id]))
    for (const user of fresh) state.userIds.set(user.id, idByEmail.get(user.email) ?? 0)
  })
}

/**
 * Copies a media item's files from --media-dir into the media folder when they are not there yet.
 * Only images are copied (checked by their bytes, as uploads are), and only to paths inside the
 * media folder.
 */
async function bringFiles(state: JsonImportState, item: ExportedMedia): Promise<boolean> {
  const { ctx, report } = state
  const storage = ctx.mediaStorage ?? createLocalMediaStorage(ctx.config.mediaDir)
  const label = `image "${item.path}"`
  for (const relative of [item.path, ...item.variants.map((v) => v.path)]) {
    try {
      resolveInside(ctx.config.mediaDir, relative)
    } catch {
      report.media.filesRefused += 1
      warnJson(report, label, `the path "${relative}" leads outside the media folder: not imported`)
      return false
    }
  }
  for (const relative of [item.path, ...item.variants.map((v) => v.path)]) {
    if (await storage.exists(relative)) continue
    const source = state.mediaDir === undefined ? undefined : resolveInside(state.mediaDir, relative)
    const data = source === undefined ? undefined : await readFile(source).catch(() => undefined)
    if (data === undefined) {
      report.media.filesMissing += 1
      continue
    }
    if (sniffImage(data).kind !== 'image') {
      report.media.filesRefused += 1
      warnJson(report, label, `${relative} is not an image: not copied`)
      continue
    }
    if (!state.isDryRun) await storage.write(relative, data)
    report.media.filesCopied += 1
  }
  return true
}

export async function writeMedia(state: JsonImportState, items: readonly ExportedMedia[]): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const found = await existing(
    items.map((m) => m.path),
    async (chunk) =>
      (await db.selectFrom('media').select(['id', 'path']).where('path', 'in', chunk).execute()).map((r) => ({
        key: r.path,
        id: r.id,
      })),
  )
  const fresh: ExportedMedia[] = []
  for (const item of items) {
    const here = found.get(item.path)
    if (here === 0) {
      skipJson(report, 'records listed twice in the file')
      continue
    }
    if (here !== undefined) {
      state.mediaIds.set(item.id, here)
      report.alreadyPresent.media += 1
      continue
    }
    if (!IMAGE_TYPES.has(item.mime_type)) {
      skipJson(report, 'images of a type the media library does not take')
      warnJson(report, `image "${item.path}"`, `type "${item.mime_type}" is not an image type: not imported`)
      continue
    }
    if (await bringFiles(state, item)) {
      found.set(item.path, 0)
      fresh.push(item)
    } else skipJson(report, 'images with an unsafe path')
  }
  report.imported.media += fresh.length
  if (fresh.length === 0) return
  if (state.isDryRun) {
    for (const item of fresh) state.mediaIds.set(item.id, fakeId(state))
    return
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('media')
      .values(
        fresh.map((item) => ({
          path: item.path,
          mime_type: item.mime_type,
          width: item.width,
          height: item.height,
          bytes: item.bytes,
          alt: item.alt,
          caption: item.caption,
          credit: item.credit,
          created_at: item.created_at,
          uploaded_by: mapped(state.userIds, item.uploaded_by),
        })),
      )
      .returning(['id', 'path'])
      .execute()
    const idByPath = new Map(inserted.map((r) => [r.path, r.id]))
    const variants = fresh.flatMap((item) =>
      item.variants.map((v) => ({ media_id: idByPath.get(item.path) ?? 0, ...v })),
    )
    await inChunks(variants, (chunk) => trx.insertInto('media_variants').values(chunk).execute())
    for (const item of fresh) state.mediaIds.set(item.id, idByPath.get(item.path) ?? 0)
  })
}

export async function writeAuthors(
  state: JsonImportState,
  authors: readonly ExportedAuthor[],
): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const found = await existing(
    authors.map((a) => a.slug),
    async (chunk) =>
      (await db.selectFrom('authors').select(['id', 'slug']).where('slug', 'in', chunk).execute()).map(
        (r) => ({
          key: r.slug,
          id: r.id,
        }),
      ),
  )
  const fresh: ExportedAuthor[] = []
  for (const author of authors) {
    const here = found.get(author.slug)
    if (here === 0) skipJson(report, 'records listed twice in the file')
    else if (here !== undefined) {
      state.authorIds.set(author.id, here)
      report.alreadyPresent.authors += 1
    } else if (!isPlausibleSlug(author.slug)) {
      skipJson(report, 'bylines with an unusable slug')
      warnJson(
        report,
        `byline ${author.id} "${author.slug}"`,
        'its slug is not a valid address: not imported',
      )
    } else {
      found.set(author.slug, 0)
      fresh.push(author)
    }
  }
  report.imported.authors += fresh.length
  if (fresh.length === 0) return
  if (state.isDryRun) {
    for (const author of fresh) state.authorIds.set(author.id, fakeId(state))
    return
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('authors')
      .values(
        fresh.map((author) => ({
          slug: author.slug,
          name: author.name.trim() || author.slug,
          kind: AUTHOR_KINDS.includes(author.kind) ? author.kind : 'person',
          job_title: author.job_title,
          bio: author.bio,
          avatar_media_id: mapped(state.mediaIds, author.avatar_media_id),
          is_pseudonym: author.is_pseudonym === 1 ? 1 : 0,
          user_id: mapped(state.userIds, author.user_id),
          created_at: author.created_at,
        })),
      )
      .returning(['id', 'slug'])
      .execute()
    const idBySlug = new Map(inserted.map((r) => [r.slug, r.id]))
    for (const author of fresh) state.authorIds.set(author.id, idBySlug.get(author.slug) ?? 0)
  })
}

export async function writeTags(state: JsonImportState, tags: readonly ExportedTag[]): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const found = await existing(
    tags.map((t) => t.slug),
    async (chunk) =>
      (await db.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', chunk).execute()).map((r) => ({
        key: r.slug,
        id: r.id,
      })),
  )
  const fresh: ExportedTag[] = []
  for (const tag of tags) {
    const here = found.get(tag.slug)
    if (here === 0) skipJson(report, 'records listed twice in the file')
    else if (here !== undefined) {
      state.tagIds.set(tag.id, here)
      report.alreadyPresent.tags += 1
    } else if (!isPlausibleSlug(tag.slug)) skipJson(report, 'tags with an unusable slug')
    else {
      found.set(tag.slug, 0)
      fresh.push(tag)
    }
  }
  report.imported.tags += fresh.length
  if (fresh.length === 0) return
  if (state.isDryRun) {
    for (const tag of fresh) state.tagIds.set(tag.id, fakeId(state))
    return
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('tags')
      .values(fresh.map((t) => ({ slug: t.slug, name: t.name.trim() || t.slug, created_at: t.created_at })))
      .returning(['id', 'slug'])
      .execute()
    const idBySlug = new Map(inserted.map((r) => [r.slug, r.id]))
    for (const tag of fresh) state.tagIds.set(tag.id, idBySlug.get(tag.slug) ?? 0)
  })
}

/** A path on this site: "/x", never "//host" (which a browser would take for another site). */
function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') && value.length <= 1000
}

const REDIRECT_CODES = new Set([301, 302, 307, 308])

export async function writeRedirects(
  state: JsonImportState,
  redirects: readonly ExportedRedirect[],
): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const usable = redirects.filter((r) => {
    if (isLocalPath(r.from_path) && isLocalPath(r.to_path) && r.from_path !== r.to_path) return true
    skipJson(report, 'redirects that do not lead from one address of the site to another')
    return false
  })
  const found = await existing(
    usable.map((r) => r.from_path),
    async (chunk) =>
      (
        await db.selectFrom('redirects').select(['id', 'from_path']).where('from_path', 'in', chunk).execute()
      ).map((r) => ({ key: r.from_path, id: r.id })),
  )
  const fresh = usable.filter((r) => {
    if (!found.has(r.from_path)) {
      found.set(r.from_path, 0)
      return true
    }
    report.alreadyPresent.redirects += 1
    return false
  })
  report.imported.redirects += fresh.length
  if (fresh.length === 0 || state.isDryRun) return
  await db.transaction().execute(async (trx) => {
    await inChunks(fresh, (chunk) =>
      trx
        .insertInto('redirects')
        .values(
          chunk.map((r) => ({
            from_path: r.from_path,
            to_path: r.to_path,
            status_code: REDIRECT_CODES.has(r.status_code) ? r.status_code : 301,
            created_at: r.created_at,
          })),
        )
        .execute(),
    )
  })
}

/** Settings the site does not have yet; a setting it already has is its own choice and stays. */
export async function writeSettings(
  state: JsonImportState,
  settings: readonly ExportedSetting[],
): Promise<void> {
  const { db } = state.ctx
  const report = state.report
  const have = new Set((await db.selectFrom('settings').select('key').execute()).map((r) => r.key))
  const rows: ExportedSetting[] = []
  for (const setting of settings) {
    if (have.has(setting.key)) {
      report.alreadyPresent.settings += 1
      continue
    }
    let value = setting.value
    if (setting.key === LOGO_SETTING_KEY) {
      const logo = mapped(state.mediaIds, Number.isSafeInteger(Number(value)) ? Number(value) : null)
      if (logo === null) {
        warnJson(report, 'setting logo_media_id', 'the logo image was not imported: the site has no logo')
        continue
      }
      value = String(logo)
    }
    have.add(setting.key)
    rows.push({ key: setting.key, value, updated_at: setting.updated_at })
  }
  report.imported.settings += rows.length
  if (rows.length === 0 || state.isDryRun) return
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values(rows).execute()
  })
  state.ctx.settingsCache?.clear()
}
