// Debian's nginx, configured with the block from docs/deploy.md, in front of a Dateline test app
// with STATIC_DIR: publish, update and unpublish a story and nginx serves the new state from files
// within one second; /admin is never served from the folder. Runs as root or not: nginx gets its
// own prefix, temp folders, pid file and error log in a temporary folder, on a free port.
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCorrection } from '../src/articles/articles.service.ts'
import { applyWorkflowStep } from '../src/articles/workflow.service.ts'
import { systemActor } from '../src/context.ts'
import { liveStaticPublishing } from '../src/static/static-live.ts'
import { makeArticle, makeAuthor, makeSection, paragraphs } from './helpers/factories.ts'
import { rawGet } from './helpers/raw-http.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const NGINX = '/usr/sbin/nginx'
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'
const hasNginx = fs.existsSync(NGINX)
if (!hasNginx)
  console.log(`static pages behind nginx skipped: ${NGINX} is not installed (.ci/run installs it)`)

const actor = systemActor('test')

/**
 * The promise is one second. On a machine whose cores are each queued several deep (the shared
 * development machine at times runs at load 15 on 2 cores) a render alone can take that long, so
 * there the bound is relaxed and the measured time printed; CI, which has the machine to itself,
 * holds the one second.
 */
const perCoreLoad = os.loadavg()[0]! / os.cpus().length
const FRESH_WITHIN_MS = perCoreLoad < 2 ? 1_000 : 5_000

/** The server block of docs/deploy.md, pointed at this test's folder and app. */
function configFromDocs(options: {
  root: string
  port: number
  appPort: number
  hasBrotli: boolean
}): string {
  const docs = fs.readFileSync(new URL('../docs/deploy.md', import.meta.url), 'utf8')
  const block = /<!-- nginx-static:begin[^>]*-->\s*```nginx\n([\s\S]*?)```\s*<!-- nginx-static:end -->/.exec(
    docs,
  )?.[1]
  if (!block) throw new Error('docs/deploy.md has no nginx-static block')
  let config = block
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${options.appPort};`)
    .replace('listen 80;', `listen 127.0.0.1:${options.port};`)
    .replace('root /var/lib/dateline/static;', `root ${options.root};`)
  if (!options.hasBrotli) config = config.replace(/^\s*brotli_static on;.*$/m, '')
  return config
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Polls until the check passes; returns the milliseconds it took, or throws after the limit. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await check()) return performance.now() - started
    if (performance.now() - started > limitMs * 5) throw new Error(`not within ${limitMs * 5} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe.skipIf(!hasNginx)('nginx serves Dateline pages from STATIC_DIR', () => {
  let t: TestApp
  let work: string
  let folder: string
  let nginx: ChildProcess | undefined
  let port: number
  let errorLog: string
  const hasBrotli = fs.existsSync(BROTLI_MODULE)
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-nginx-'))
    folder = path.join(work, 'static')
    fs.mkdirSync(folder)
    for (const dir of ['temp', 'logs']) fs.mkdirSync(path.join(work, dir))
    // nginx's workers run as "nobody" when started by root: let them read the pages and use the temp folder.
    fs.chmodSync(work, 0o755)
    fs.chmodSync(path.join(work, 'temp'), 0o777)
    t = await startTestApp('sqlite', { env: { STATIC_DIR: folder } })
    ids.news = await makeSection(t.ctx, { slug: 'news', name: 'News', position: 1 })
    ids.author = await makeAuthor(t.ctx, { slug: 'reporter', name: 'Reporter' })
    ids.bridge = await makeArticle(t.ctx, {
      headline: 'Road works close the old bridge',
      slug: 'road-works-close-the-old-bridge',
      bodyHtml: paragraphs('The old bridge will be closed for two weeks while crews repair its deck.'),
      sectionId: ids.news,
      authorIds: [ids.author],
    })
    await liveStaticPublishing(t.app)?.idle()

    port = await freePort()
    errorLog = path.join(work, 'logs', 'error.log')
    const temp = path.join(work, 'temp')
    const conf = path.join(work, 'nginx.conf')
    fs.writeFileSync(
      conf,
      [
        hasBrotli ? `load_module ${BROTLI_MODULE};` : '',
        'worker_processes 1;',
        `pid ${path.join(work, 'nginx.pid')};`,
        `error_log ${errorLog} warn;`,
        'events { worker_connections 256; }',
        'http {',
        '  include /etc/nginx/mime.types;',
        '  default_type application/octet-stream;',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
          (kind) => `  ${kind}_temp_path ${temp}/${kind};`,
        ),
        configFromDocs({ root: folder, port, appPort: Number(new URL(t.baseUrl).port), hasBrotli }),
        '}',
      ].join('\n'),
    )
    nginx = spawn(NGINX, ['-p', work, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], { stdio: 'ignore' })
    await within(2_000, async () =>
      rawGet(`http://127.0.0.1:${port}`, '/healthz').then(
        () => true,
        () => false,
      ),
    )
  })

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve))
      nginx.kill('SIGQUIT')
      await exited
    }
    await t?.close()
    if (work) fs.rmSync(work, { recursive: true, force: true })
  })

  it('serves public pages from the files, compressed as the reader accepts', async () => {
    const page = await rawGet(`http://127.0.0.1:${port}`, '/news/road-works-close-the-old-bridge')
    expect(page.status, fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : '').toBe(200)
    expect(page.headers['x-static']).toBe('file')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.body.toString()).toContain('Road works close the old bridge')

    const gzip = await rawGet(`http://127.0.0.1:${port}`, '/news/road-works-close-the-old-bridge', {
      'accept-encoding': 'gzip',
    })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).equals(page.body)).toBe(true)
    if (hasBrotli) {
      const br = await rawGet(`http://127.0.0.1:${port}`, '/news/road-works-close-the-old-bridge', {
        'accept-encoding': 'br, gzip',
      })
      expect(br.headers['content-encoding']).toBe('br')
      expect(brotliDecompressSync(br.body).equals(page.body)).toBe(true)
    } else console.log('brotli_static not tested: libnginx-mod-http-brotli-static is not installed')

    const home = await rawGet(`http://127.0.0.1:${port}`, '/')
    expect(home.headers['x-static']).toBe('file')
    const feed = await rawGet(`http://127.0.0.1:${port}`, '/feed/rss.xml')
    expect(feed.headers['x-static']).toBe('file')
    expect(feed.headers['content-type']).toBe('application/rss+xml; charset=utf-8')
    // The folder's own bookkeeping is never served.
    expect((await rawGet(`http://127.0.0.1:${port}`, '/.dateline-static.json')).status).toBe(404)
  })

  it('serves a published, then updated, then unpublished story from files within one second', async () => {
    const slug = '/news/water-board-opens-new-wells'
    ids.wells = await makeArticle(t.ctx, {
      headline: 'Water board opens new wells',
      slug: 'water-board-opens-new-wells',
      bodyHtml: paragraphs('Twelve new wells opened on Monday in three districts.'),
      sectionId: ids.news!,
      authorIds: [ids.author!],
    })
    const published = await within(FRESH_WITHIN_MS, async () => {
      const [story, home] = await Promise.all([
        rawGet(`http://127.0.0.1:${port}`, slug),
        rawGet(`http://127.0.0.1:${port}`, '/'),
      ])
      return (
        story.headers['x-static'] === 'file' &&
        home.headers['x-static'] === 'file' &&
        home.body.toString().includes('Water board opens new wells')
      )
    })
    console.log(
      `published: served from files after ${Math.round(published)} ms (bound ${FRESH_WITHIN_MS} ms)`,
    )
    expect(published).toBeLessThan(FRESH_WITHIN_MS)

    await recordCorrection(t.ctx, actor, ids.wells, 'An earlier version gave the wrong number of wells.')
    const updated = await within(FRESH_WITHIN_MS, async () => {
      const story = await rawGet(`http://127.0.0.1:${port}`, slug)
      return story.headers['x-static'] === 'file' && story.body.toString().includes('wrong number of wells')
    })
    console.log(`updated: served from files after ${Math.round(updated)} ms (bound ${FRESH_WITHIN_MS} ms)`)
    expect(updated).toBeLessThan(FRESH_WITHIN_MS)

    await applyWorkflowStep(t.ctx, actor, ids.wells, 'unpublish')
    // Withdrawn: no file any more, so nginx asks Dateline, which answers 410 Gone.
    const unpublished = await within(FRESH_WITHIN_MS, async () => {
      const [story, home] = await Promise.all([
        rawGet(`http://127.0.0.1:${port}`, slug),
        rawGet(`http://127.0.0.1:${port}`, '/'),
      ])
      return story.status === 410 && !home.body.toString().includes('Water board opens new wells')
    })
    console.log(
      `unpublished: served from files after ${Math.round(unpublished)} ms (bound ${FRESH_WITHIN_MS} ms)`,
    )
    expect(unpublished).toBeLessThan(FRESH_WITHIN_MS)
    expect(fs.existsSync(path.join(folder, 'news/water-board-opens-new-wells.html'))).toBe(false)
  })

  it('never serves the admin, search or the API from the folder, even with files planted there', async () => {
    for (const file of [
      'admin/index.html',
      'admin/login.html',
      'admin.html',
      'search.html',
      'api/v1/stories.html',
    ]) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true })
      fs.writeFileSync(path.join(folder, file), '<p>PLANTED</p>')
    }
    for (const urlPath of [
      '/admin',
      '/admin/',
      '/admin/login',
      '/search',
      '/search?q=bridge',
      '/api/v1/stories',
    ]) {
      const response = await rawGet(`http://127.0.0.1:${port}`, urlPath)
      expect(response.headers['x-static'], urlPath).toBeUndefined()
      expect(response.body.toString(), urlPath).not.toContain('PLANTED')
    }
    const login = await rawGet(`http://127.0.0.1:${port}`, '/admin/login')
    expect(login.status).toBe(200)
    expect(login.body.toString()).toContain('<form')
    // Signed-in staff and Save-Data readers get Dateline's own pages.
    const saveData = await rawGet(`http://127.0.0.1:${port}`, '/news/road-works-close-the-old-bridge', {
      'save-data': 'on',
    })
    expect(saveData.status).toBe(200)
    expect(saveData.headers['x-static']).toBeUndefined()
    const staff = await rawGet(`http://127.0.0.1:${port}`, '/', { cookie: 'dateline_session=abc' })
    expect(staff.headers['x-static']).toBeUndefined()
    // So do readers who switched on lite mode (src/lite/lite-mode.site.ts): no images for them.
    const lite = await rawGet(`http://127.0.0.1:${port}`, '/news/road-works-close-the-old-bridge', {
      cookie: 'dateline_lite=1',
    })
    expect(lite.status).toBe(200)
    expect(lite.headers['x-static']).toBeUndefined()
    expect(lite.headers['cache-control']).toMatch(/private/)
  })
})
