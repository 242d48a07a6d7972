// `dateline export --format json`: everything a newsroom owns, in one JSON document — stories
// with their revisions, bylines, tags and SEO text, sections, tags, authors, media references
// (files stay in the media folder; paths and texts are listed), redirects and settings. Staff
// accounts are listed without password hashes, sessions or two-factor secrets: those never leave.
import type { AppContext } from '../context.ts'
import { createExportWriter, pages } from './export-writer.ts'

export interface ExportSummary {
  stories: number
  revisions: number
  sections: number
  tags: number
  authors: number
  media: number
  redirects: number
  settings: number
}

export async function exportJson(ctx: AppContext, file: string): Promise<ExportSummary> {
  const { db } = ctx
  const out = createExportWriter(file)
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
  try {
    await out.write(
      `{"format":"dateline-export","version":1,"exportedAt":${JSON.stringify(ctx.clock.now().toISOString())},"siteUrl":${JSON.stringify(ctx.config.siteUrl)}`,
    )
    const settings = await db.selectFrom('settings').selectAll().orderBy('key').execute()
    summary.settings = settings.length
    await out.write(`,\n"settings":${JSON.stringify(settings)}`)
    const sections = await db.selectFrom('sections').selectAll().orderBy('id').execute()
    summary.sections = sections.length
    await out.write(`,\n"sections":${JSON.stringify(sections)}`)
    const users = await db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'role', 'is_active', 'created_at'])
      .orderBy('id')
      .execute()
    await out.write(`,\n"users":${JSON.stringify(users)}`)
    const authors = await db.selectFrom('authors').selectAll().orderBy('id').execute()
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
      async (rows) => {
        const variants = await db
          .selectFrom('media_variants')
          .select(['media_id', 'path', 'mime_type', 'width', 'height', 'bytes'])
          .where(
            'media_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
        return rows.map((row) => ({ ...row, variants: variants.filter((v) => v.media_id === row.id) }))
      },
    )
    summary.stories = await list(
      'stories',
      (after, limit) =>
        db.selectFrom('articles').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
      async (rows) => {
        const ids = rows.map((r) => r.id)
        const [bylines, tags, seo, revisions] = await Promise.all([
          db
            .selectFrom('article_authors')
            .selectAll()
            .where('article_id', 'in', ids)
            .orderBy('position')
            .execute(),
          db.selectFrom('article_tags').selectAll().where('article_id', 'in', ids).execute(),
          db.selectFrom('article_seo').selectAll().where('article_id', 'in', ids).execute(),
          db
            .selectFrom('article_revisions')
            .selectAll()
            .where('article_id', 'in', ids)
            .orderBy('id')
            .execute(),
        ])
        summary.revisions += revisions.length
        return rows.map((row) => ({
          ...row,
          author_ids: bylines.filter((b) => b.article_id === row.id).map((b) => b.author_id),
          tag_ids: tags.filter((t) => t.article_id === row.id).map((t) => t.tag_id),
          seo: seo.find((s) => s.article_id === row.id) ?? null,
          revisions: revisions.filter((r) => r.article_id === row.id),
        }))
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
