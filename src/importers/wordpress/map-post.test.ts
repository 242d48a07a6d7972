import { describe, expect, it } from 'vitest'
import { countComments, gmtToIso, localToIso, mapPost, type PostMapContext, seoText } from './map-post.ts'
import type { WxrItem } from './parse-wxr.ts'

const context: PostMapContext = {
  baseUrl: 'https://old.example',
  timeZone: 'Asia/Kabul',
  defaultLanguage: 'en',
  languages: ['en', 'fa', 'ps'],
  structure: '/%year%/%monthnum%/%postname%/',
  now: '2026-11-27T08:00:00.000Z',
  categorySlugByTermId: () => undefined,
  attachment: () => undefined,
  childrenOf: () => [],
  mediaUrlFor: () => undefined,
}

function item(fields: Partial<WxrItem>): WxrItem {
  return {
    title: 'A story',
    link: '',
    pubDate: '',
    creator: 'amina',
    guid: 'g',
    content: 'Text.',
    excerpt: '',
    postId: '5',
    postDate: '2026-11-20 10:00:00',
    postDateGmt: '2026-11-20 05:30:00',
    postModifiedGmt: '',
    postName: 'a-story',
    status: 'publish',
    postParent: '0',
    postType: 'post',
    postPassword: '',
    attachmentUrl: '',
    terms: [],
    meta: [],
    comments: [],
    line: 1,
    ...fields,
  }
}

describe('mapPost', () => {
  it('reads dates from the GMT fields, else from the local time in the site zone', () => {
    expect(gmtToIso('2026-11-20 05:30:00')).toBe('2026-11-20T05:30:00.000Z')
    expect(gmtToIso('0000-00-00 00:00:00')).toBeUndefined()
    expect(localToIso('2026-11-20 10:00:30', 'Asia/Kabul')).toBe('2026-11-20T05:30:30.000Z')
  })

  it('maps statuses and refuses what is not a story', () => {
    const status = (fields: Partial<WxrItem>) => {
      const outcome = mapPost(item(fields), context)
      return outcome.kind === 'story' ? outcome.story.status : `skip: ${outcome.reason}`
    }
    expect(status({ status: 'publish' })).toBe('published')
    expect(status({ status: 'future' })).toBe('scheduled')
    expect(status({ status: 'pending' })).toBe('review')
    expect(status({ status: 'private' })).toBe('draft')
    expect(status({ status: 'publish', postPassword: 'secret' })).toBe('draft')
    expect(
      status({ status: 'publish', postDateGmt: '0000-00-00 00:00:00', postDate: '0000-00-00 00:00:00' }),
    ).toBe('draft')
    expect(status({ status: 'trash' })).toBe('skip: in the trash')
    expect(status({ postType: 'wp_block' })).toBe('skip: post type "wp_block"')
  })

  it('keeps old addresses of published posts only, the structure path for "?p=" links', () => {
    const outcome = mapPost(item({ link: 'https://old.example/?p=5' }), context)
    expect(outcome.kind === 'story' && outcome.story.oldPaths).toEqual(['/?p=5', '/2026/11/a-story/'])
    const draft = mapPost(item({ status: 'draft' }), context)
    expect(draft.kind === 'story' && draft.story.oldPaths).toEqual([])
  })

  it('counts comments by kind, editorial notes apart', () => {
    const comment = (type: string, approved: string) => ({
      id: '1',
      type,
      approved,
      author: '',
      dateGmt: '',
      content: '',
    })
    expect(
      countComments(
        item({
          comments: [
            comment('', '1'),
            comment('comment', '0'),
            comment('', 'spam'),
            comment('pingback', '1'),
            comment('note', '0'),
            comment('note', '1'),
          ],
        }),
      ),
    ).toEqual({ approved: 1, pending: 1, spam: 1, trash: 0, pings: 1, notes: 2 })
  })

  it('fills SEO plugin templates with the headline and drops their other variables', () => {
    expect(seoText('%%title%% %%sep%% %%sitename%%', 'Wells open')).toBe('Wells open')
    expect(seoText('%title% | Paghman Times', 'Wells open')).toBe('Wells open | Paghman Times')
    expect(seoText('', 'x')).toBe('')
  })
})
