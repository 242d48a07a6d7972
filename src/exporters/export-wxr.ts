// `dateline export --format wxr`: the site as a WordPress export (WXR 1.2), so that WordPress (or
// Dateline's own importer) can take it in: sections as categories with their tree, tags, bylines
// as authors and Co-Authors Plus "author" terms (every byline, in order, with its kind, job title
// and pseudonym flag as term meta), stories as posts with their status, dates, excerpt, featured
// image and SEO text (Yoast keys), every revision as a "revision" child post, images as
// attachments with alt text and caption. What WordPress has no field for (dek, dateline,
// correction note, the featured image's own caption and credit, Dateline's finer status, the
// language and translation links) travels as post meta under "_dateline_" keys
// (wxr-dateline-meta.ts), which WordPress keeps and Dateline's importer reads back.
// Not carried (WXR has no place for them): settings, redirects, section names in other languages,
// staff accounts' roles. The JSON export is the lossless one. A pseudonym's account is never
// named: its wp:author has no e-mail address.
import { articleUrl } from '../articles/articles.service.ts'
import type { AppContext } from '../context.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { stripIllegalXmlChars } from '../feeds/xml.ts'
import { toZonedIso } from '../lib/time.ts'
import { mediaUrl } from '../media/media.service.ts'
import { createLocalMediaStorage } from '../media/storage.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { type ExportJsonOptions, type ExportSummary, emptyExportSummary } from './export-json.ts'
import { copyMediaFile, createExportWriter, pages } from './export-writer.ts'
import {
  ATTACHMENT_ID_OFFSET,
  DATELINE_MEDIA_CREDIT_META,
  DATELINE_POST_META,
  DATELINE_TERM_META,
  REVISION_ID_OFFSET,
} from './wxr-dateline-meta.ts'

const cdata = (text: string) =>
  `<![CDATA[${stripIllegalXmlChars(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
const attr = (text: string) =>
  stripIllegalXmlChars(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

const WP_STATUS: Record<ArticleStatus, string> = {
  published: 'publish',
  scheduled: 'future',
  draft: 'draft',
  review: 'pending',
  unpublished: 'draft',
}

function wpDate(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00'
}

/** WordPress's post_date: the same instant in the site's time zone (post_date_gmt is UTC). */
function wpLocalDate(iso: string, timeZone: string): string {
  return toZonedIso(iso, timeZone).slice(0, 19).replace('T', ' ')
}

const termMeta = (key: string, value: string) =>
  `<wp:termmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:termmeta>`

const meta = (key: string, value: string) =>
  `\t\t<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>\n`

/** PHP-serialised sizes, so that an importer can map the variants' addresses too. */
function attachmentMetadata(
  file: string,
  width: number | null,
  height: number | null,
  variants: string[],
): string {
  const s = (value: string) => `s:${Buffer.byteLength(value)}:"${value}";`
  const sizes = variants.map((name, i) => `${s(`v${i}`)}a:1:{${s('file')}${s(name)}}`).join('')
  return `a:4:{${s('width')}i:${width ?? 0};${s('height')}i:${height ?? 0};${s('file')}${s(file)}${s('sizes')}a:${variants.length}:{${sizes}}}`
}

export async function exportWxr(
  ctx: AppContext,
  file: string,
  options: ExportJsonOptions = {},
): Promise<ExportSummary> {
  const { db } = ctx
  const site = ctx.config.siteUrl.replace(/\/$/, '')
  const out = createExportWriter(file)
  const summary = emptyExportSummary(options)
  const storage = ctx.mediaStorage ?? createLocalMediaStorage(ctx.config.mediaDir)
  try {
    const { siteName, timeZone } = await getSiteSettings(ctx)
    await out.write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${cdata(siteName)}</title>
\t<link>${attr(site)}</link>
\t<description></description>
\t<language>${attr(ctx.config.defaultLanguage)}</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${attr(site)}</wp:base_site_url>
\t<wp:base_blog_url>${attr(site)}</wp:base_blog_url>
`)
    const authors = await db
      .selectFrom('authors')
      .leftJoin('users', 'users.id', 'authors.user_id')
      .select([
        'authors.id',
        'authors.slug',
        'authors.name',
        'authors.bio',
        'authors.kind',
        'authors.job_title',
        'authors.is_pseudonym',
        'users.email',
      ])
      .orderBy('authors.id')
      .execute()
    const authorSlug = new Map(authors.map((a) => [a.id, a.slug]))
    for (const author of authors) {
      // A pseudonym's wp:author never carries the address of the person behind it.
      const email = author.is_pseudonym === 1 ? '' : (author.email ?? '')
      await out.write(
        `\t<wp:author><wp:author_id>${author.id}</wp:author_id><wp:author_login>${cdata(author.slug)}</wp:author_login><wp:author_email>${cdata(email)}</wp:author_email><wp:author_display_name>${cdata(author.name)}</wp:author_display_name><wp:author_description>${cdata(author.bio)}</wp:author_description></wp:author>\n`,
      )
    }
    // Each byline as a Co-Authors Plus author term, with what WordPress has no field for.
    for (const author of authors) {
      await out.write(
        `\t<wp:term><wp:term_id>${author.id}</wp:term_id><wp:term_taxonomy>${cdata('author')}</wp:term_taxonomy><wp:term_slug>${cdata(`cap-${author.slug}`)}</wp:term_slug><wp:term_name>${cdata(author.name)}</wp:term_name>${termMeta(DATELINE_TERM_META.kind, author.kind)}${termMeta(DATELINE_TERM_META.jobTitle, author.job_title)}${termMeta(DATELINE_TERM_META.isPseudonym, String(author.is_pseudonym))}</wp:term>\n`,
      )
    }
    summary.authors = authors.length
    const sections = await db.selectFrom('sections').selectAll().orderBy('id').execute()
    const sectionSlug = new Map(sections.map((s) => [s.id, s.slug]))
    const depth = (id: number | null, n = 0): number => {
      const parent = sections.find((s) => s.id === id)?.parent_id
      return parent == null || n > 10 ? n : depth(parent, n + 1)
    }
    // Parents before children, as WordPress writes them.
    for (const section of [...sections].sort((a, b) => depth(a.id) - depth(b.id))) {
      const parent = section.parent_id === null ? '' : (sectionSlug.get(section.parent_id) ?? '')
      await out.write(
        `\t<wp:category><wp:term_id>${section.id}</wp:term_id><wp:category_nicename>${cdata(encodeURIComponent(section.slug).toLowerCase())}</wp:category_nicename><wp:category_parent>${cdata(parent === '' ? '' : encodeURIComponent(parent).toLowerCase())}</wp:category_parent><wp:cat_name>${cdata(section.name)}</wp:cat_name><wp:category_description>${cdata(section.description)}</wp:category_description></wp:category>\n`,
      )
    }
    summary.sections = sections.length
    const absoluteMedia = (html: string) => html.replace(/(\s(?:src|href)=")\/media\//g, `$1${site}/media/`)
    const tagNames = new Map<number, { slug: string; name: string }>()
    for await (const rows of pages((after, limit) =>
      db.selectFrom('tags').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
    )) {
      for (const tag of rows) {
        tagNames.set(tag.id, { slug: tag.slug, name: tag.name })
        await out.write(
          `\t<wp:tag><wp:term_id>${tag.id}</wp:term_id><wp:tag_slug>${cdata(encodeURIComponent(tag.slug).toLowerCase())}</wp:tag_slug><wp:tag_name>${cdata(tag.name)}</wp:tag_name></wp:tag>\n`,
        )
        summary.tags += 1
      }
    }

    for await (const rows of pages((after, limit) =>
      db.selectFrom('articles').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
    )) {
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
          .execute(),
        db.selectFrom('article_seo').selectAll().where('article_id', 'in', ids).execute(),
        db.selectFrom('article_revisions').selectAll().where('article_id', 'in', ids).orderBy('id').execute(),
      ])
      for (const row of rows) {
        const section = sectionSlug.get(row.section_id) ?? ''
        const logins = bylines
          .filter((b) => b.article_id === row.id)
          .map((b) => authorSlug.get(b.author_id) ?? '')
        const story = seo.find((s) => s.article_id === row.id)
        const hasDate = row.published_at !== null && row.status !== 'draft' && row.status !== 'review'
        let item = `\t<item>
\t\t<title>${cdata(row.headline)}</title>
\t\t<link>${attr(site + articleUrl(section, row.slug))}</link>
\t\t<dc:creator>${cdata(logins[0] ?? '')}</dc:creator>
\t\t<guid isPermaLink="false">${attr(`${site}/?p=${row.id}`)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(absoluteMedia(row.body_html))}</content:encoded>
\t\t<excerpt:encoded>${cdata(row.excerpt ?? '')}</excerpt:encoded>
\t\t<wp:post_id>${row.id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpLocalDate(row.published_at ?? row.created_at, timeZone))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(hasDate ? wpDate(row.published_at) : wpDate(null))}</wp:post_date_gmt>
\t\t<wp:post_modified_gmt>${cdata(wpDate(row.updated_at))}</wp:post_modified_gmt>
\t\t<wp:post_name>${cdata(encodeURIComponent(row.slug).toLowerCase())}</wp:post_name>
\t\t<wp:status>${cdata(WP_STATUS[row.status])}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type>${cdata('post')}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<category domain="category" nicename="${attr(encodeURIComponent(section).toLowerCase())}">${cdata(sectionNameOf(sections, row.section_id))}</category>
`
        for (const tag of tags.filter((t) => t.article_id === row.id)) {
          const found = tagNames.get(tag.tag_id)
          if (found)
            item += `\t\t<category domain="post_tag" nicename="${attr(encodeURIComponent(found.slug).toLowerCase())}">${cdata(found.name)}</category>\n`
        }
        // Every byline, in order, as Co-Authors Plus writes them (the first is dc:creator too).
        for (const login of logins)
          item += `\t\t<category domain="author" nicename="${attr(`cap-${login}`)}">${cdata(login)}</category>\n`
        if (row.featured_media_id !== null)
          item += meta('_thumbnail_id', String(ATTACHMENT_ID_OFFSET + row.featured_media_id))
        if (story?.title) item += meta('_yoast_wpseo_title', story.title)
        if (story?.description) item += meta('_yoast_wpseo_metadesc', story.description)
        const M = DATELINE_POST_META
        item += [
          [M.dateline, row.dateline],
          [M.dek, row.dek],
          [M.correctionNote, row.correction_note],
          [M.featuredCaption, row.featured_caption],
          [M.featuredCredit, row.featured_credit],
          [M.status, row.status],
          [M.language, row.language],
          [M.revision, String(row.revision)],
          [M.translationOf, row.translation_group_id === null ? '' : String(row.translation_group_id)],
        ]
          .filter(([, value]) => value !== '')
          .map(([key, value]) => meta(key as string, value as string))
          .join('')
        await out.write(`${item}\t</item>\n`)
        summary.stories += 1
        // Its revisions, right after it, as WordPress's own revision posts (children of the post).
        for (const revision of revisions.filter((r) => r.article_id === row.id)) {
          await out.write(`\t<item>
\t\t<title>${cdata(revision.headline)}</title>
\t\t<dc:creator>${cdata(logins[0] ?? '')}</dc:creator>
\t\t<guid isPermaLink="false">${attr(`${site}/?p=${REVISION_ID_OFFSET + revision.id}`)}</guid>
\t\t<content:encoded>${cdata(absoluteMedia(revision.body_html))}</content:encoded>
\t\t<excerpt:encoded>${cdata(revision.excerpt ?? '')}</excerpt:encoded>
\t\t<wp:post_id>${REVISION_ID_OFFSET + revision.id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpLocalDate(revision.created_at, timeZone))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpDate(revision.created_at))}</wp:post_date_gmt>
\t\t<wp:post_name>${cdata(`${row.id}-revision-v${revision.revision}`)}</wp:post_name>
\t\t<wp:status>${cdata('inherit')}</wp:status>
\t\t<wp:post_parent>${row.id}</wp:post_parent>
\t\t<wp:post_type>${cdata('revision')}</wp:post_type>
${meta(M.revision, String(revision.revision))}${meta(M.revisionReason, revision.reason)}${meta(M.status, revision.status)}${meta(M.dek, revision.dek)}${meta(M.dateline, revision.dateline)}${meta(M.correctionNote, revision.correction_note)}\t</item>\n`)
          summary.revisions += 1
        }
      }
    }

    for await (const rows of pages((after, limit) =>
      db.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
    )) {
      const variants = await db
        .selectFrom('media_variants')
        .select(['media_id', 'path'])
        .where(
          'media_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
      for (const row of rows) {
        const id = ATTACHMENT_ID_OFFSET + row.id
        const url = site + mediaUrl(row.path)
        const own = variants.filter((v) => v.media_id === row.id)
        const names = own.map((v) => v.path.split('/').pop() ?? '')
        if (options.copyMediaTo !== undefined) {
          for (const relative of [row.path, ...own.map((v) => v.path)]) {
            if (await copyMediaFile(storage, options.copyMediaTo, relative))
              summary.mediaFilesCopied = (summary.mediaFilesCopied ?? 0) + 1
            else summary.mediaFilesMissing = (summary.mediaFilesMissing ?? 0) + 1
          }
        }
        await out.write(`\t<item>
\t\t<title>${cdata(row.path.split('/').pop() ?? '')}</title>
\t\t<link>${attr(url)}</link>
\t\t<guid isPermaLink="false">${attr(url)}</guid>
\t\t<excerpt:encoded>${cdata(row.caption)}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpLocalDate(row.created_at, timeZone))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpDate(row.created_at))}</wp:post_date_gmt>
\t\t<wp:status>${cdata('inherit')}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>
\t\t<wp:attachment_url>${cdata(url)}</wp:attachment_url>
${meta('_wp_attached_file', row.path)}${meta('_wp_attachment_image_alt', row.alt)}${row.credit === '' ? '' : meta(DATELINE_MEDIA_CREDIT_META, row.credit)}${meta('_wp_attachment_metadata', attachmentMetadata(row.path, row.width, row.height, names))}\t</item>\n`)
        summary.media += 1
      }
    }
    await out.write('</channel>\n</rss>\n')
  } finally {
    await out.close()
  }
  return summary
}

function sectionNameOf(sections: readonly { id: number; name: string }[], id: number): string {
  return sections.find((s) => s.id === id)?.name ?? ''
}
