// `dateline export --format json`: everything a newsroom owns, in one JSON document that
// `dateline import json` reads back without loss — stories with their revisions, bylines (in
// order), tags, SEO text and translation links, sections with their tree and their names in other
// languages, tags, bylines, staff accounts, media (paths relative to the media folder, with their
// variants; --copy-media copies the files), redirects and settings. The shape is in
// export-format.ts.
//
// What never leaves: password hashes, sessions, two-factor secrets, API keys, webhook secrets, the
// audit log and reader statistics. And a pseudonym is never tied to the person behind it: its
// user_id is left out, and so is the account that created (or revised) a story bylined with it, or
// uploaded that story's featured image or the pseudonym's picture.
import type { AppContext } from '../context.ts'
import { createLocalMediaStorage } from '../media/storage.ts'
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportedMedia,
  type ExportedSection,
  type ExportedStory,
  type ExportedUser,
  MEDIA_FILES_NOTE,
} from './export-format.ts'
import { copyMediaFile, createExportWriter, pages } from './export-writer.ts'

export interface ExportSummary {
  stories: number
  revisions: number
  sections: number
  tags: number
  authors: number
  media: number
  redirects: number
  settings: number
  /** Files copied with copyMediaTo, and those that were not in the media folder. */
  mediaFilesCopied?: number
  mediaFilesMissing?: number
}

/** Every count at zero; the media file counts only when files are copied. Both formats start here. */
export function emptyExportSummary(options: ExportJsonOptions): ExportSummary {
  const summary: ExportSummary = {
    stories: 0,
    revisions: 0,
    sections: 0,
    tags: 0,
    authors: 0,
    media: 0,
    redirects: 0,
    settings: 0,
  }
  if (options.copyMediaTo !== undefined) {
    summary.mediaFilesCopied = 0
    summary.mediaFilesMissing = 0
  }
  return summary
}

export interface ExportJsonOptions {
  /** A folder to copy every media file into (originals and variants, same relative paths). */
  copyMediaTo?: string
}

/** Ids that must not be tied to an account in the export (see the header comment). */
async function pseudonymLinks(ctx: AppContext): Promise<{ authors: Set<number>; media: Set<number> }> {
  const pseudonyms = await ctx.db
    .selectFrom('authors')
    .select(['id', 'avatar_media_id'])
    .where('is_pseudonym', '=', 1)
    .execute()
  const media = new Set(pseudonyms.flatMap((p) => (p.avatar_media_id === null ? [] : [p.avatar_media_id])))
  if (pseudonyms.length > 0) {
    const featured = await ctx.db
      .selectFrom('articles')
      .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('articles.featured_media_id')
      .where('authors.is_pseudonym', '=', 1)
      .where('articles.featured_media_id', 'is not', null)
      .distinct()
      .execute()
    for (const row of featured) if (row.featured_media_id !== null) media.add(row.featured_media_id)
  }
  return { authors: new Set(pseudonyms.map((p) => p.id)), media }
}

export async function exportJson(
  ctx: AppContext,
  file: string,
  options: ExportJsonOptions = {},
): Promise<ExportSummary> {
  const { db } = ctx
  const out = createExportWriter(file)
  const summary = emptyExportSummary(options)
  const storage = ctx.mediaStorage ?? createLocalMediaStorage(ctx.config.mediaDir)
  const hidden = await pseudonymLinks(ctx)
  try {
    await out.write(
      `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(ctx.clock.now().toISOString())},"siteUrl":${JSON.stringify(ctx.config.siteUrl)},"defaultLanguage":${JSON.stringify(ctx.config.defaultLanguage)},"mediaFiles":${JSON.stringify(MEDIA_FILES_NOTE)}`,
    )
    const settings = await db.selectFrom('settings').selectAll().orderBy('key').execute()
    summary.settings = settings.length
    await out.write(`,\n"settings":${JSON.stringify(settings)}`)

    const sectionRows = await db.selectFrom('sections').selectAll().orderBy('id').execute()
    const translations = await db
      .selectFrom('section_translations')
      .selectAll()
      .orderBy('section_id')
      .orderBy('language')
      .execute()
    const sections: ExportedSection[] = sectionRows.map((row) => ({
      ...row,
      translations: translations
        .filter((t) => t.section_id === row.id)
        .map((t) => ({ language: t.language, name: t.name, description: t.description })),
    }))
    summary.sections = sections.length
    await out.write(`,\n"sections":${JSON.stringify(sections)}`)

    const users: ExportedUser[] = await db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'role', 'is_active', 'created_at', 'ui_language'])
      .orderBy('id')
      .execute()
    await out.write(`,\n"users":${JSON.stringify(users)}`)

    const authors = (await db.selectFrom('authors').selectAll().orderBy('id').execute()).map((row) =>
      row.is_pseudonym === 1 ? { ...row, user_id: null } : row,
    )
    summary.authors = authors.length
    await out.write(`,\n"authors":${JSON.stringify(authors)}`)

    const list = async <T extends { id: number }>(
      name: string,
      fetch: (afterId: number, limit: number) => Promise<T[]>,
      expand: (rows: T[]) => Promise<unknown[]> = async (rows) => rows,
    ): Promise<number> => {
      let count = 0
      await out.write(`,\n"${name}":[`)
      for await (const rows of pages(fetch)) {
        for (const row of await expand(rows)) {
          await out.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`)
          count += 1
        }
      }
      await out.write('\n]')
      return count
    }
    summary.tags = await list('tags', (after, limit) =>
      db.selectFrom('tags').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
    )
    summary.media = await list(
      'media',
      (after, limit) =>
        db.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
      async (rows): Promise<ExportedMedia[]> => {
        const variants = await db
          .selectFrom('media_variants')
          .select(['media_id', 'path', 'mime_type', 'width', 'height', 'bytes'])
          .where(
            'media_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('id')
          .execute()
        const items = rows.map((row) => ({
          ...row,
          uploaded_by: hidden.media.has(row.id) ? null : row.uploaded_by,
          variants: variants
            .filter((v) => v.media_id === row.id)
            .map(({ media_id: _, ...variant }) => variant),
        }))
        if (options.copyMediaTo !== undefined) {
          for (const item of items) {
            for (const relative of [item.path, ...item.variants.map((v) => v.path)]) {
              if (await copyMediaFile(storage, options.copyMediaTo, relative))
                summary.mediaFilesCopied = (summary.mediaFilesCopied ?? 0) + 1
              else summary.mediaFilesMissing = (summary.mediaFilesMissing ?? 0) + 1
            }
          }
        }
        return items
      },
    )
    summary.stories = await list(
      'stories',
      (after, limit) =>
        db.selectFrom('articles').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
      async (rows): Promise<ExportedStory[]> => {
        const ids = rows.map((r) => r.id)
        const [bylines, tags, seo, revisions] = await Promise.all([
          db
            .selectFrom('article_authors')
            .selectAll()
            .where('article_id', 'in', ids)
            .orderBy('article_id')
            .orderBy('position')
            .execute(),
          db
            .selectFrom('article_tags')
            .select(['article_id', 'tag_id'])
            .where('article_id', 'in', ids)
            .orderBy('article_id')
            .orderBy('tag_id')
            .execute(),
          db.selectFrom('article_seo').selectAll().where('article_id', 'in', ids).execute(),
          db
            .selectFrom('article_revisions')
            .selectAll()
            .where('article_id', 'in', ids)
            .orderBy('id')
            .execute(),
        ])
        summary.revisions += revisions.length
        return rows.map((row) => {
          const authorIds = bylines.filter((b) => b.article_id === row.id).map((b) => b.author_id)
          const isPseudonymous = authorIds.some((id) => hidden.authors.has(id))
          const story = seo.find((s) => s.article_id === row.id)
          return {
            ...row,
            created_by: isPseudonymous ? null : row.created_by,
            author_ids: authorIds,
            tag_ids: tags.filter((t) => t.article_id === row.id).map((t) => t.tag_id),
            seo: story ? { title: story.title, description: story.description } : null,
            revisions: revisions
              .filter((r) => r.article_id === row.id)
              .map(({ article_id: _, ...revision }) =>
                isPseudonymous ? { ...revision, created_by: null } : revision,
              ),
          }
        })
      },
    )
    summary.redirects = await list('redirects', (after, limit) =>
      db.selectFrom('redirects').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
    )
    await out.write('\n}\n')
  } finally {
    await out.close()
  }
  return summary
}
