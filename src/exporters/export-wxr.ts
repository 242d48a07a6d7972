// `dateline export --format wxr`: the site as a WordPress export (WXR 1.2), so that WordPress (or
// Dateline's own importer) can take everything in: sections as categories with their tree, tags,
// bylines as authors (extra bylines as Co-Authors Plus terms), stories as posts with their
// status, dates, excerpt, featured image and SEO text (Yoast keys), images as attachments with
// alt text and caption. Dateline's dateline travels in a post meta WordPress ignores.
import { articleUrl } from '../articles/articles.service.ts'
import type { AppContext } from '../context.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { stripIllegalXmlChars } from '../feeds/xml.ts'
import { mediaUrl } from '../media/media.service.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import type { ExportSummary } from './export-json.ts'
import { createExportWriter, pages } from './export-writer.ts'

/** The post meta key that carries the dateline ("KABUL"). */
export const DATELINE_META_KEY = '_dateline_dateline'
/** Attachments are numbered apart from posts so that their WordPress IDs never meet. */
export const ATTACHMENT_ID_OFFSET = 10_000_000

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

export async function exportWxr(ctx: AppContext, file: string): Promise<ExportSummary> {
  const { db } = ctx
  const site = ctx.config.siteUrl.replace(/\/$/, '')
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
    const siteName = (await getSiteSettings(ctx)).siteName
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
      .select(['authors.id', 'authors.slug', 'authors.name', 'authors.bio', 'users.email'])
      .orderBy('authors.id')
      .execute()
    const authorSlug = new Map(authors.map((a) => [a.id, a.slug]))
    for (const author of authors) {
      await out.write(
        `\t<wp:author><wp:author_id>${author.id}</wp:author_id><wp:author_login>${cdata(author.slug)}</wp:author_login><wp:author_email>${cdata(author.email ?? '')}</wp:author_email><wp:author_display_name>${cdata(author.name)}</wp:author_display_name><wp:author_description>${cdata(author.bio)}</wp:author_description></wp:author>\n`,
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
      const [bylines, tags, seo] = await Promise.all([
        db
          .selectFrom('article_authors')
          .selectAll()
          .where('article_id', 'in', ids)
          .orderBy('position')
          .execute(),
        db.selectFrom('article_tags').selectAll().where('article_id', 'in', ids).execute(),
        db.selectFrom('article_seo').selectAll().where('article_id', 'in', ids).execute(),
      ])
      for (const row of rows) {
        const section = sectionSlug.get(row.section_id) ?? ''
        const logins = bylines
          .filter((b) => b.article_id === row.id)
          .map((b) => authorSlug.get(b.author_id) ?? '')
        const story = seo.find((s) => s.article_id === row.id)
        let item = `\t<item>
\t\t<title>${cdata(row.headline)}</title>
\t\t<link>${attr(site + articleUrl(section, row.slug))}</link>
\t\t<dc:creator>${cdata(logins[0] ?? '')}</dc:creator>
\t\t<guid isPermaLink="false">${attr(`${site}/?p=${row.id}`)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(row.body_html.replace(/(\s(?:src|href)=")\/media\//g, `$1${site}/media/`))}</content:encoded>
\t\t<excerpt:encoded>${cdata(row.excerpt ?? '')}</excerpt:encoded>
\t\t<wp:post_id>${row.id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpDate(row.published_at ?? row.created_at))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(row.status === 'published' || row.status === 'scheduled' ? wpDate(row.published_at) : wpDate(null))}</wp:post_date_gmt>
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
        for (const login of logins.slice(1))
          item += `\t\t<category domain="author" nicename="${attr(`cap-${login}`)}">${cdata(login)}</category>\n`
        if (row.featured_media_id !== null)
          item += meta('_thumbnail_id', String(ATTACHMENT_ID_OFFSET + row.featured_media_id))
        if (row.dateline !== '') item += meta(DATELINE_META_KEY, row.dateline)
        if (story?.title) item += meta('_yoast_wpseo_title', story.title)
        if (story?.description) item += meta('_yoast_wpseo_metadesc', story.description)
        await out.write(`${item}\t</item>\n`)
        summary.stories += 1
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
        const names = variants.filter((v) => v.media_id === row.id).map((v) => v.path.split('/').pop() ?? '')
        await out.write(`\t<item>
\t\t<title>${cdata(row.path.split('/').pop() ?? '')}</title>
\t\t<link>${attr(url)}</link>
\t\t<guid isPermaLink="false">${attr(url)}</guid>
\t\t<excerpt:encoded>${cdata(row.caption)}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpDate(row.created_at))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpDate(row.created_at))}</wp:post_date_gmt>
\t\t<wp:status>${cdata('inherit')}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>
\t\t<wp:attachment_url>${cdata(url)}</wp:attachment_url>
${meta('_wp_attached_file', row.path)}${meta('_wp_attachment_image_alt', row.alt)}${meta('_wp_attachment_metadata', attachmentMetadata(row.path, row.width, row.height, names))}\t</item>\n`)
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
