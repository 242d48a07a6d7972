// Staff preview: any story, whatever its state, as readers would see it once published. Built
// here rather than through getPublishedArticle, which (rightly) refuses what readers may not see.
import { assertCan } from '../auth/capabilities.ts'
import { authorsForArticles } from '../authors/authors.service.ts'
import type { Actor, AppContext } from '../context.ts'
import { getMediaByIds } from '../media/media.service.ts'
import { listSections } from '../sections/sections.service.ts'
import { tagsForArticles } from '../tags/tags.service.ts'
import { type ArticleDetail, articleUrl } from './articles.service.ts'
import { loadStory } from './editorial.service.ts'

export async function previewArticle(ctx: AppContext, actor: Actor, id: number): Promise<ArticleDetail> {
  assertCan(actor, 'story.preview')
  const row = await loadStory(ctx, id)
  const [sections, authors, tags, media] = await Promise.all([
    listSections(ctx),
    authorsForArticles(ctx, [id]),
    tagsForArticles(ctx, [id]),
    getMediaByIds(ctx, row.featured_media_id === null ? [] : [row.featured_media_id]),
  ])
  const section = sections.find((s) => s.id === row.section_id) ?? {
    id: row.section_id,
    slug: 'section',
    name: 'Section',
    description: '',
    parentId: null,
    url: '/',
  }
  const image = row.featured_media_id === null ? undefined : media.get(row.featured_media_id)
  // A story not yet published is shown as if it were published now.
  const publishedAt = row.published_at ?? ctx.clock.now().toISOString()
  return {
    id: row.id,
    language: row.language,
    slug: row.slug,
    url: articleUrl(section.slug, row.slug),
    translationGroupId: row.translation_group_id,
    headline: row.headline,
    dek: row.dek,
    excerpt: row.excerpt ?? row.auto_excerpt,
    autoExcerpt: row.auto_excerpt,
    dateline: row.dateline,
    publishedAt,
    updatedAt: row.updated_at,
    section,
    image,
    authors: authors.get(id) ?? [],
    bodyHtml: row.body_html,
    tags: tags.get(id) ?? [],
    imageCaption: row.featured_caption || image?.caption || '',
    imageCredit: row.featured_credit || image?.credit || '',
    correctionNote: row.correction_note,
    wordCount: row.word_count,
    isUpdated:
      row.status === 'published' && Date.parse(row.updated_at) - Date.parse(publishedAt) > 10 * 60 * 1000,
  }
}
