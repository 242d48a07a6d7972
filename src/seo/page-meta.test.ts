import { describe, expect, it } from 'vitest'
import type { ArticleDetail } from '../articles/articles.service.ts'
import { articlePageMeta, listingPageMeta } from './page-meta.ts'
import type { Publisher } from './publisher.ts'

const SITE = 'https://news.example'
const publisher: Publisher = {
  name: 'Kabul Daily',
  url: `${SITE}/`,
  logo: { url: `${SITE}/logo.png`, width: 512, height: 512 },
  language: 'ps',
  timeZone: 'Asia/Kabul',
}

const article: ArticleDetail = {
  id: 1,
  language: 'ps',
  slug: 'a',
  url: '/politics/a',
  translationGroupId: null,
  headline: 'سرلیک',
  dek: '',
  excerpt: 'لنډیز',
  autoExcerpt: 'لنډیز…',
  dateline: '',
  publishedAt: '2026-11-26T05:30:00.000Z',
  updatedAt: '2026-11-26T07:00:00.000Z',
  section: { id: 1, slug: 'politics', name: 'Politics', description: '', parentId: null, url: '/politics/' },
  image: undefined,
  authors: [
    {
      id: 3,
      slug: 'pen-name',
      name: 'Pen Name',
      kind: 'person',
      jobTitle: '',
      bio: '',
      avatar: undefined,
      url: '/author/pen-name/',
    },
  ],
  bodyHtml: '<p>x</p>',
  tags: [],
  imageCaption: '',
  imageCredit: '',
  correctionNote: '',
  wordCount: 1,
  isUpdated: true,
}

describe('page metadata builders', () => {
  it('describe a story without image, dateline or tags without empty fields', () => {
    const meta = articlePageMeta({ publisher, siteUrl: SITE }, article, `${SITE}/politics/a`)
    const ld = meta.jsonLd[0] as Record<string, unknown>
    expect(ld.image).toBeUndefined()
    expect(ld.dateline).toBeUndefined()
    expect(ld.keywords).toBeUndefined()
    expect(ld.inLanguage).toBe('ps')
    expect(ld.dateModified).toBe('2026-11-26T11:30:00+04:30')
    // A byline shows its public name and page only: nothing about the account behind it.
    expect(ld.author).toEqual([{ '@type': 'Person', name: 'Pen Name', url: `${SITE}/author/pen-name/` }])
    expect(meta.openGraph).toContainEqual({ property: 'og:locale', content: 'ps_AF' })
    expect(meta.twitter).toContainEqual({ name: 'twitter:card', content: 'summary' })
    expect(meta.alternates).toEqual([])
  })

  it('give a listing its own three feeds', () => {
    const meta = listingPageMeta(
      { publisher, siteUrl: SITE },
      {
        title: 'Politics',
        description: 'd',
        canonicalUrl: `${SITE}/politics/`,
        stories: [],
        feedScope: { kind: 'section', slug: 'politics' },
      },
    )
    expect(meta.feeds.map((f) => f.href)).toEqual([
      `${SITE}/feed/section/politics/rss.xml`,
      `${SITE}/feed/section/politics/atom.xml`,
      `${SITE}/feed/section/politics/feed.json`,
    ])
    expect(meta.feeds[0]?.title).toBe('Kabul Daily – Politics (RSS)')
  })
})
