// `dateline mirror export` on every database in the matrix: a self-contained copy whose every link
// finds its file when the copy is opened from disk, served under a sub-path of another host and
// from an .onion address; search that works from the copy's own files; a second export that
// touches only what changed; and nothing in it that readers may not see.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowStep } from '../src/articles/workflow.service.ts'
import { systemActor } from '../src/context.ts'
import { exportMirror } from '../src/mirror/mirror-export.ts'
import { registerUser } from '../src/users/users.service.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

const actor = systemActor('test')
const SITE_URL = 'https://news.example'

function listFiles(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => fs.statSync(path.join(folder, f)).isFile())
}

/** Every link a reader or a browser follows in a page: anchors, stylesheets, scripts, images, forms. */
function linksOf(html: string): { kind: string; value: string }[] {
  const $ = cheerio.load(html)
  const links: { kind: string; value: string }[] = []
  $('a[href]').each((_i, el) => {
    links.push({ kind: 'a', value: $(el).attr('href') ?? '' })
  })
  $('link[href]').each((_i, el) => {
    if ($(el).attr('rel') !== 'canonical')
      links.push({ kind: `link ${$(el).attr('rel')}`, value: $(el).attr('href') ?? '' })
  })
  for (const [selector, attribute] of [
    ['img[src]', 'src'],
    ['script[src]', 'src'],
    ['form[action]', 'action'],
  ] as const) {
    $(selector).each((_i, el) => {
      links.push({ kind: selector, value: $(el).attr(attribute) ?? '' })
    })
  }
  return links.filter((link) => !link.value.startsWith('#'))
}

/**
 * Follows every link of every page of the copy as a browser would from `base` (where the copy's
 * root is served), and returns the links whose target is not a file of the copy, and the links
 * that leave the copy for the live site.
 */
function followAllLinks(folder: string, base: string): { broken: string[]; toLiveSite: string[] } {
  const broken: string[] = []
  const toLiveSite: string[] = []
  const root = new URL(base)
  for (const file of listFiles(folder).filter((f) => f.endsWith('.html'))) {
    const pageUrl = new URL(file.split('/').map(encodeURIComponent).join('/'), root)
    for (const { kind, value } of linksOf(fs.readFileSync(path.join(folder, file), 'utf8'))) {
      if (value === '') continue // a form that submits to its own page
      const target = new URL(value, pageUrl)
      // Absolute addresses are other sites (the mirror list, embeds); the live site's own must not appear.
      if (/^[a-z]+:/i.test(value)) {
        if (value.startsWith(SITE_URL)) toLiveSite.push(`${file}: ${kind} ${value}`)
        continue
      }
      if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname)) {
        broken.push(`${file}: ${kind} ${value} leaves the copy`)
        continue
      }
      const relative = decodeURIComponent(target.pathname.slice(root.pathname.length))
      const targetFile = path.join(folder, relative)
      if (!fs.existsSync(targetFile) || !fs.statSync(targetFile).isFile())
        broken.push(`${file}: ${kind} ${value}`)
    }
  }
  return { broken, toLiveSite }
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: mirror export`, () => {
    let t: TestApp
    let work: string
    let copy: string
    const ids: Record<string, number> = {}

    beforeAll(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-mirror-test-'))
      copy = path.join(work, 'copy')
      t = await startTestApp(engine)
      const ctx = t.ctx
      const news = await makeSection(ctx, { slug: 'news', name: 'News', position: 1 })
      const sport = await makeSection(ctx, { slug: 'sport', name: 'Sport', position: 2 })
      const staffId = await registerUser(ctx, actor, {
        email: 'zarghuna.private@newsroom.example',
        displayName: 'Zarghuna Realname',
        role: 'author',
        password: 'a long enough password for tests',
      })
      const pen = await makeAuthor(ctx, {
        slug: 'kabul-correspondent',
        name: 'Kabul Correspondent',
        isPseudonym: true,
        userId: staffId,
      })
      ids.bridge = await makeArticle(ctx, {
        headline: 'Road works close the old bridge',
        slug: 'road-works-close-the-old-bridge',
        bodyHtml: paragraphs('The old bridge will be closed for two weeks while crews repair its deck.'),
        sectionId: news,
        authorIds: [pen],
        tagNames: ['Roads'],
      })
      ids.cup = await makeArticle(ctx, {
        headline: 'Local side wins the autumn cup',
        slug: 'local-side-wins-the-autumn-cup',
        sectionId: sport,
        authorIds: [pen],
      })
      for (let i = 0; i < 25; i++)
        await makeArticle(ctx, { headline: `Council notes number ${i}`, sectionId: news, authorIds: [pen] })
      await makeArticle(ctx, {
        headline: 'Secret draft about the budget',
        sectionId: news,
        authorIds: [pen],
        status: 'draft',
        publishedAt: undefined,
      })
      await makeArticle(ctx, {
        headline: 'Embargoed story for next week',
        sectionId: news,
        authorIds: [pen],
        status: 'scheduled',
        publishedAt: new Date(TEST_NOW.getTime() + 7 * 86_400_000).toISOString(),
      })
      ids.withdrawn = await makeArticle(ctx, {
        headline: 'A withdrawn story',
        sectionId: news,
        authorIds: [pen],
      })
      await applyWorkflowStep(ctx, actor, ids.withdrawn, 'unpublish')
      await ctx.db
        .insertInto('settings')
        .values({
          key: 'mirror_hosts',
          value: 'https://mirror.example.net/\nhttp://dtlnmirrorexampleonionaddressxyz.onion/',
          updated_at: TEST_NOW.toISOString(),
        })
        .execute()
      ctx.settingsCache?.clear()
    })

    afterAll(async () => {
      await t?.close()
      if (work) fs.rmSync(work, { recursive: true, force: true })
    })

    it('writes a complete copy whose every link finds its file from disk, a sub-path and an .onion address', async () => {
      const report = await exportMirror(t.ctx, copy)
      expect(report.failed).toEqual([])
      const files = listFiles(copy)
      for (const file of [
        'index.html',
        'news/index.html',
        'news/page/2/index.html',
        'news/road-works-close-the-old-bridge.html',
        'lite/index.html',
        'tag/roads/index.html',
        'author/kabul-correspondent/index.html',
        'mirrors/index.html',
        'search/index.html',
        'search/index-en.js',
        'assets/mirror-search.js',
        'feed/rss.xml',
        'favicon.svg',
      ])
        expect(files, file).toContain(file)
      expect(files.some((f) => /^assets\/site\.[0-9a-f]+\.css$/.test(f))).toBe(true)

      for (const base of [
        pathToFileURL(`${copy}/`).href,
        'https://mirror.example.net/newsroom/copy/',
        'http://dtlnmirrorexampleonionaddressxyz.onion/',
      ]) {
        const { broken, toLiveSite } = followAllLinks(copy, base)
        expect(broken, base).toEqual([])
        expect(toLiveSite, base).toEqual([])
      }
      // Relative links only: no page names the site's own address in a link it follows.
      const home = fs.readFileSync(path.join(copy, 'index.html'), 'utf8')
      expect(home).toContain('href="news/index.html"')
      const tag = fs.readFileSync(path.join(copy, 'tag/roads/index.html'), 'utf8')
      expect(tag).toContain('href="../../news/road-works-close-the-old-bridge.html"')
      expect(home).toContain('href="mirrors/index.html"')
      const story = fs.readFileSync(path.join(copy, 'news/road-works-close-the-old-bridge.html'), 'utf8')
      expect(story).toMatch(/href="\.\.\/assets\/site\.[0-9a-f]+\.css"/)
      expect(story).toContain('action="../search/index.html"')
      // The canonical address stays the live site's: search engines credit the original.
      expect(story).toContain(`<link rel="canonical" href="${SITE_URL}/news/road-works-close-the-old-bridge"`)
    })

    it('lists the mirrors, and every page links to that list', async () => {
      const $ = cheerio.load(fs.readFileSync(path.join(copy, 'mirrors/index.html'), 'utf8'))
      const hosts = $('.mirror-list a')
        .map((_i, el) => $(el).attr('href'))
        .get()
      expect(hosts).toEqual(['https://mirror.example.net/', 'http://dtlnmirrorexampleonionaddressxyz.onion/'])
      expect($('.mirror-list').text()).toContain('Tor Browser')
      for (const file of listFiles(copy).filter((f) => f.endsWith('.html'))) {
        const targets = linksOf(fs.readFileSync(path.join(copy, file), 'utf8')).map((link) =>
          path.posix.join(path.posix.dirname(file), link.value),
        )
        expect(
          targets.some((target) => /^(?:[a-z]{2}\/)?mirrors\/index\.html$/.test(target)),
          file,
        ).toBe(true)
      }
      const live = await t.get('/mirrors/')
      expect(live.status).toBe(200)
      expect(await live.text()).toContain('dtlnmirrorexampleonionaddressxyz.onion')
    })

    it('never contains drafts, scheduled or withdrawn stories, staff names behind pseudonyms, the admin or anything personal', () => {
      const files = listFiles(copy)
      expect(
        files.some((f) => f.startsWith('admin') || f.startsWith('api/') || f.startsWith('preview')),
      ).toBe(false)
      const everything = files.map((f) => fs.readFileSync(path.join(copy, f), 'latin1')).join('\n')
      for (const secret of [
        'Secret draft about the budget',
        'Embargoed story for next week',
        'A withdrawn story',
        'Zarghuna Realname',
        'zarghuna.private@newsroom.example',
        'dateline_session',
        'dateline_csrf',
      ])
        expect(everything.includes(secret), secret).toBe(false)
      expect(everything).toContain('Kabul Correspondent')
      // No page leads to the admin, the API or the live search (robots.txt may still name them).
      for (const file of files.filter((f) => f.endsWith('.html')))
        for (const { value } of linksOf(fs.readFileSync(path.join(copy, file), 'utf8')))
          expect(value, file).not.toMatch(/\/(admin|api|preview|lite-mode)\b/)
    })

    it('searches the copy from its own files: a per-language index and a small script', () => {
      const index = fs.readFileSync(path.join(copy, 'search/index-en.js'), 'utf8')
      expect(index).toContain('Road works close the old bridge')
      expect(index).toContain('"u":"../news/road-works-close-the-old-bridge.html"')
      expect(index).not.toContain('Secret draft')
      expect(fs.statSync(path.join(copy, 'assets/mirror-search.js')).size).toBeLessThan(4_000)
      const $ = cheerio.load(fs.readFileSync(path.join(copy, 'search/index.html'), 'utf8'))
      // No inline script: the same strict CSP as the site holds in the copy.
      $('script').each((_i, el) => {
        if ($(el).attr('type') !== 'application/ld+json') expect($(el).attr('src')).toBeTruthy()
      })
      expect($('#mirror-search-needs-script').text()).toContain('needs JavaScript')
    })

    it('touches only what changed on a second export, and removes what is gone', async () => {
      const again = await exportMirror(t.ctx, copy)
      expect(again.failed).toEqual([])
      expect(again.written).toBe(0)
      expect(again.removed).toBe(0)
      expect(again.unchanged).toBeGreaterThan(50)
      const sportStory = path.join(copy, 'sport/local-side-wins-the-autumn-cup.html')
      const sportBefore = fs.statSync(sportStory).mtimeMs

      await applyWorkflowStep(t.ctx, actor, ids.bridge!, 'unpublish')
      const third = await exportMirror(t.ctx, copy)
      expect(third.failed).toEqual([])
      expect(third.removed).toBeGreaterThanOrEqual(2) // the story and its lite page
      expect(third.written).toBeGreaterThan(0)
      expect(third.written).toBeLessThan(third.unchanged)
      expect(fs.existsSync(path.join(copy, 'news/road-works-close-the-old-bridge.html'))).toBe(false)
      expect(fs.statSync(sportStory).mtimeMs).toBe(sportBefore)
      expect(followAllLinks(copy, pathToFileURL(`${copy}/`).href).broken).toEqual([])
      await applyWorkflowStep(t.ctx, actor, ids.bridge!, 'publish')
    })

    it('writes a .tar.gz whose feeds name the address given with --base-url', async () => {
      const archive = path.join(work, 'site.tar.gz')
      const report = await exportMirror(t.ctx, archive, {
        baseUrl: 'http://dtlnmirrorexampleonionaddressxyz.onion',
      })
      expect(report.failed).toEqual([])
      const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' })
      expect(listing).toContain('./index.html')
      expect(listing).toContain('./news/road-works-close-the-old-bridge.html')
      const extracted = path.join(work, 'extracted')
      fs.mkdirSync(extracted)
      execFileSync('tar', ['-xzf', archive, '-C', extracted])
      const rss = fs.readFileSync(path.join(extracted, 'feed/rss.xml'), 'utf8')
      expect(rss).toContain(
        'http://dtlnmirrorexampleonionaddressxyz.onion/news/road-works-close-the-old-bridge',
      )
      expect(rss).not.toContain(SITE_URL)
    })
  })
}
