// Builders for test data, through the same services the app uses. Each test makes its own.
import { type ArticleInput, createArticle } from '../../src/articles/articles.service.ts'
import { createAuthor, type NewAuthor } from '../../src/authors/authors.service.ts'
import { type AppContext, systemActor } from '../../src/context.ts'
import { createSection, type NewSection } from '../../src/sections/sections.service.ts'

const actor = systemActor('test')
let counter = 0
const unique = (): number => ++counter

export async function makeSection(ctx: AppContext, input: Partial<NewSection> = {}): Promise<number> {
  const n = unique()
  return createSection(ctx, { slug: `section-${n}`, name: `Section ${n}`, ...input })
}

export async function makeAuthor(ctx: AppContext, input: Partial<NewAuthor> = {}): Promise<number> {
  const n = unique()
  return createAuthor(ctx, {
    slug: `author-${n}`,
    name: `Author ${n}`,
    bio: `Author ${n} reports for us.`,
    ...input,
  })
}

export function paragraphs(...texts: string[]): string {
  return texts.map((t) => `<p>${t}</p>`).join('\n')
}

export async function makeArticle(
  ctx: AppContext,
  input: Partial<ArticleInput> & Pick<ArticleInput, 'sectionId' | 'authorIds'>,
): Promise<number> {
  const n = unique()
  return createArticle(ctx, actor, {
    headline: `Story number ${n}`,
    bodyHtml: paragraphs(`Body of story ${n}, with enough words to make an excerpt from it.`),
    status: 'published',
    publishedAt: new Date(Date.parse('2026-11-20T06:00:00Z') + n * 60_000).toISOString(),
    ...input,
  })
}
