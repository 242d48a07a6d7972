// Offline reading (issue 5 §6), the server's half: the service worker at /sw.js (its scope is the
// whole site, so it must be served from the root) and the page it shows for an address it has not
// kept, /offline/. The worker itself is src/offline/service-worker.js; the deferred script that
// registers it, src/offline/register-service-worker.js (src/http/assets.ts serves it, hashed).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { negotiateEncoding } from '../cache/cache-key.ts'
import type { AppContext } from '../context.ts'
import { assetsVersion, stylesheetUrl } from '../http/assets.ts'
import { absoluteUrl, buildChrome } from '../http/site-pages.ts'
import { LANGUAGES, languagePrefix, localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { createLocale } from '../i18n/locale.ts'
import { getSiteSettings, siteLogo } from '../settings/settings.service.ts'
import { Layout } from '../views/layout.tsx'
import { renderDocument } from '../views/render.ts'

export const SERVICE_WORKER_PATH = '/sw.js'
export const OFFLINE_PAGE_PATH = '/offline/'

const workerSource = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8')

/** What the worker is told: the files of the shell, and which pages are the headlines. */
export interface OfflineConfig {
  version: string
  shell: string[]
  offlinePage: string
  headlinePaths: string[]
  /** Headline pages fetched at install: the default language's lite front page. */
  precachedHeadlines: string[]
  /** "/fa", "/ps": where the other languages' pages live. */
  languagePrefixes: string[]
}

export async function offlineConfig(ctx: AppContext): Promise<OfflineConfig> {
  const settings = await getSiteSettings(ctx)
  const logo = await siteLogo(ctx, settings)
  const shell = [stylesheetUrl(), '/favicon.svg', ...(logo ? [logo.fallbackUrl] : []), OFFLINE_PAGE_PATH]
  const headlinePaths = SITE_LANGUAGES.flatMap((language) =>
    ['/', '/latest/', '/lite/'].map((path) => localizedPath(path, language, settings.defaultLanguage)),
  )
  // The worker's bytes change with any of these (and with its own code), so browsers install the
  // new one and drop the old shell.
  const version = createHash('sha256')
    .update(JSON.stringify({ shell, headlinePaths, assets: assetsVersion(), workerSource }))
    .digest('hex')
    .slice(0, 12)
  const languagePrefixes = SITE_LANGUAGES.map((language) =>
    languagePrefix(language, settings.defaultLanguage),
  ).filter((prefix) => prefix !== '')
  return {
    version,
    shell,
    offlinePage: OFFLINE_PAGE_PATH,
    headlinePaths,
    precachedHeadlines: ['/lite/'],
    languagePrefixes,
  }
}

async function sendServiceWorker(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const config = await offlineConfig(ctx)
  const body = Buffer.from(`self.DATELINE_OFFLINE = ${JSON.stringify(config)}\n${workerSource}`)
  reply
    .header('content-type', 'text/javascript; charset=utf-8')
    // Browsers check for a new worker on navigations; no-cache makes that check reach us (and the
    // ETag makes it a 304 while nothing changed).
    .header('cache-control', 'no-cache')
    .header('service-worker-allowed', '/')
    .header('vary', 'Accept-Encoding')
  // ~8 KB as text, ~2.7 KB with brotli: compressed per request, it is small and rarely fetched.
  const encoding = negotiateEncoding(request.headers['accept-encoding'])
  if (encoding === 'identity') return reply.send(body)
  return reply
    .header('content-encoding', encoding)
    .send(encoding === 'br' ? brotliCompressSync(body) : gzipSync(body))
}

/**
 * The offline page says its few words in every language of the site, the page's own first: the
 * worker keeps one copy, and a reader of any language may be the one who lost the connection.
 */
async function showOfflinePage(ctx: AppContext, reply: FastifyReply): Promise<FastifyReply> {
  const chrome = await buildChrome(ctx)
  const languages = [chrome.locale.language, ...SITE_LANGUAGES.filter((l) => l !== chrome.locale.language)]
  const page = (
    <Layout
      chrome={chrome}
      head={{
        title: chrome.locale.t('offline.title'),
        canonicalUrl: absoluteUrl(ctx, OFFLINE_PAGE_PATH),
        isNoIndex: true,
      }}
    >
      <div class="offline-page">
        {languages.map((language, i) => {
          const locale = createLocale({
            language,
            defaultLanguage: chrome.locale.defaultLanguage,
            timeZone: chrome.timeZone,
          })
          const Heading = i === 0 ? 'h1' : 'h2'
          return (
            <section key={language} lang={LANGUAGES[language].hreflang} dir={locale.dir}>
              <Heading>{locale.t('offline.title')}</Heading>
              <p>{locale.t('offline.text')}</p>
              <ul>
                <li>
                  <a href={locale.path('/')}>{locale.t('offline.frontPage')}</a>
                </li>
                <li>
                  <a href={locale.path('/lite/')}>{locale.t('offline.liteEdition')}</a>
                </li>
              </ul>
            </section>
          )
        })}
      </div>
    </Layout>
  )
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(renderDocument(page))
}

export function registerOfflineRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(SERVICE_WORKER_PATH, (request, reply) => sendServiceWorker(ctx, request, reply))
  app.get(OFFLINE_PAGE_PATH, (_request, reply) => showOfflinePage(ctx, reply))
}
