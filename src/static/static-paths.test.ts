import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileForUrlPath, isTypeForFile, resolveInside, urlPathForFile } from './static-paths.ts'

describe('fileForUrlPath', () => {
  it('lays out pages, listings and fixed files', () => {
    expect(fileForUrlPath('/')).toBe('index.html')
    expect(fileForUrlPath('/society/')).toBe('society/index.html')
    expect(fileForUrlPath('/society/page/2/')).toBe('society/page/2/index.html')
    expect(fileForUrlPath('/society/water-board')).toBe('society/water-board.html')
    expect(fileForUrlPath('/fa/society/')).toBe('fa/society/index.html')
    expect(fileForUrlPath('/feed/tag/roads/rss.xml')).toBe('feed/tag/roads/rss.xml')
    expect(fileForUrlPath('/robots.txt')).toBe('robots.txt')
  })

  it('keeps Dari and Pashto slugs as their letters', () => {
    const encoded = `/${encodeURIComponent('جامعه')}/${encodeURIComponent('آب-برای-کابل')}`
    expect(fileForUrlPath(encoded)).toBe('جامعه/آب-برای-کابل.html')
  })

  it('refuses every hostile path', () => {
    for (const hostile of [
      '/../etc/passwd',
      `/${encodeURIComponent('../../etc')}/x`,
      `/news/${encodeURIComponent('../../../tmp/owned')}`,
      '/news/%2e%2e/x',
      '/news/a%2Fb',
      '/news/a%5Cb',
      '/news/.hidden',
      '/news/x.html',
      '/news//x',
      'relative/path',
      '/news/x?y=1',
      '/%E0%A4%A',
      '/news/rss.xml/',
      '/news/a b',
      `/${'a'.repeat(201)}/`,
    ]) {
      expect(fileForUrlPath(hostile), hostile).toBeUndefined()
    }
  })

  it('maps files back to the paths they stand for', () => {
    for (const urlPath of ['/', '/society/', '/society/water-board', '/feed/rss.xml', '/fa/lite/']) {
      const file = fileForUrlPath(urlPath)
      expect(file && urlPathForFile(file)).toBe(urlPath)
    }
    expect(urlPathForFile('../x.html')).toBeUndefined()
  })
})

describe('resolveInside', () => {
  it('refuses anything outside the folder', () => {
    const root = path.resolve('/srv/static')
    expect(resolveInside(root, 'a/index.html')).toBe(path.join(root, 'a/index.html'))
    expect(resolveInside(root, '../x')).toBeUndefined()
    expect(resolveInside(root, '/etc/passwd')).toBeUndefined()
    expect(resolveInside(root, '')).toBeUndefined()
  })
})

describe('isTypeForFile', () => {
  it('matches extensions to content types', () => {
    expect(isTypeForFile('a/index.html', 'text/html; charset=utf-8')).toBe(true)
    expect(isTypeForFile('feed/rss.xml', 'application/rss+xml; charset=utf-8')).toBe(true)
    expect(isTypeForFile('feed/feed.json', 'application/feed+json; charset=utf-8')).toBe(true)
    expect(isTypeForFile('robots.txt', 'text/plain; charset=utf-8')).toBe(true)
    expect(isTypeForFile('a/index.html', 'application/json')).toBe(false)
  })
})
