// buildApp: a pure factory. It wires the features into a Fastify instance and never listens, so
// tests can run many apps in one process.

import http from 'node:http'
import fastifyEtag from '@fastify/etag'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { registerAdmin } from './admin/admin.plugin.tsx'
import { registerContentApi } from './api/api.plugin.ts'
import { type CacheFrontDoor, createCacheFrontDoor } from './cache/cache-front-door.ts'
import { purgeOnContentEvents } from './cache/content-invalidation.ts'
import { type CachePurger, createPageCache, type PageCache } from './cache/page-cache.ts'
import { registerPageCache } from './cache/page-cache-hooks.ts'
import type { AppContext } from './context.ts'
import { localEventsOnly } from './events/content-events.ts'
import { registerAssetRoutes } from './http/assets.ts'
import { registerErrorHandlers } from './http/error-handler.ts'
import { registerPublicRoutes, urlLanguage } from './http/public-routes.ts'
import { registerSecurityHeaders } from './http/security-headers.ts'
import { registerLiteMode } from './lite/lite-mode.site.ts'
import { registerMirrorsPage } from './mirror/mirrors.site.tsx'
import { createArticleViewCounter } from './most-read/most-read.service.ts'
import type { ViewCounter } from './most-read/view-counter.ts'
import { registerOfflineRoutes } from './offline/offline.site.tsx'
import { registerHealthRoutes } from './ops/health.ts'
import { registerMetrics } from './ops/metrics.ts'
import { echoRequestId, requestIdFor } from './ops/request-id.ts'
import { registerQueryRedirects } from './redirects/query-redirects.ts'
import { indexOnContentEvents } from './search/search.service.ts'
import { readerLanguage, readerLanguageNow } from './settings/settings.service.ts'
import { publishStaticOnEvents } from './static/static-live.ts'
import { queueWebhooksOnContentEvents } from './webhooks/webhooks.service.ts'

export interface AppOptions {
  /** The page cache; false runs without one (the benchmark's uncached rows). Default: a new one. */
  pageCache?: PageCache | false
  /** Caches in front of the app (a CDN): purged with the same surrogate keys as the page cache. */
  purgers?: CachePurger[]
  /** Counts story views for "Most read". Default: one that writes every 5 seconds and on close. */
  viewCounter?: ViewCounter
}

/**
 * Fastify's own HTTP/1 server, with the page cache's front door (src/cache/cache-front-door.ts)
 * asked first. Tests that inject requests go straight to Fastify; those over a socket meet it.
 */
function serverWithFrontDoor(frontDoor: () => CacheFrontDoor | undefined) {
  return (handler: http.RequestListener, options: FastifyServerOptions): http.Server => {
    const server = http.createServer((request, response) => {
      if (!frontDoor()?.answer(request, response)) handler(request, response)
    })
    // What Fastify sets on the server it makes itself (fastify/lib/server.js).
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout)
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket
    return server
  }
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  let frontDoor: CacheFrontDoor | undefined
  const app = Fastify({
    serverFactory: serverWithFrontDoor(() => frontDoor),
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Long URLs are answered, not crashed on; Node itself refuses headers over 16 KB with 431.
    routerOptions: { maxParamLength: 500 },
    // The client's address (the login throttle's per-address key) from X-Forwarded-For only when it
    // comes from a proxy the operator named (TRUST_PROXY); otherwise from the TCP connection.
    trustProxy: ctx.config.trustedProxies.length > 0 ? [...ctx.config.trustedProxies] : false,
    // Request ids in every log line and in X-Request-Id (src/ops/request-id.ts).
    genReqId: requestIdFor,
    // Our route schemas are constants, compiled against JSON Schema's meta-schema by
    // test/content-api.test.ts: checking them again at every start cost ~100 ms of a cold start.
    ajv: { customOptions: { validateSchema: false } },
  })
  echoRequestId(app)
  const pageCache = options.pageCache === false ? undefined : (options.pageCache ?? createPageCache())
  // Before any feature registers its routes: hooks reach only the scopes created after them.
  const recordRequest = registerMetrics(app, ctx, pageCache ? { pageCache } : {})
  // The language a site URL is cached under (its prefix, else the default language setting), for
  // the front door and the site's cache hook alike; without waiting when the settings are in memory.
  const cachedLanguageNow = (url: string): string | undefined => {
    const defaultLanguage = readerLanguageNow(ctx)
    return defaultLanguage === undefined ? undefined : urlLanguage(url, defaultLanguage)
  }
  if (pageCache) {
    const cacheDoor = createCacheFrontDoor({
      cache: pageCache,
      languageOf: cachedLanguageNow,
      requestIdOf: requestIdFor,
      onAnswered: (request, status, seconds) =>
        recordRequest('(page cache)', request.method ?? 'GET', status, seconds),
    })
    frontDoor = cacheDoor
    app.addHook('preClose', async () => cacheDoor.close())
  }
  registerHealthRoutes(app, ctx)

  registerSecurityHeaders(app, ctx.config.siteUrl)
  await app.register(fastifyEtag)
  await app.register(fastifyStatic, {
    root: ctx.config.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    maxAge: '30d',
    immutable: true,
    index: false,
    dotfiles: 'deny',
  })

  registerErrorHandlers(app, ctx)
  registerAssetRoutes(app)
  // The newsroom admin, in its own scope under /admin: its hooks never touch the public site.
  await registerAdmin(app, ctx)

  const purgers = [...(pageCache ? [pageCache] : []), ...(options.purgers ?? [])]
  const stopPurging = purgeOnContentEvents(ctx, purgers)
  app.addHook('onClose', async () => stopPurging())
  // The search index follows publish, update, unpublish and delete at once.
  // Search and webhooks write to the shared database: only the instance where a change happened
  // does it, not every instance that hears of it over the PostgreSQL bridge.
  const localCtx = { ...ctx, events: localEventsOnly(ctx.events) }
  const stopIndexing = indexOnContentEvents(localCtx)
  app.addHook('onClose', async () => stopIndexing())
  // Webhook deliveries are queued on every content event; main.ts runs the dispatcher that sends them.
  const stopQueueing = queueWebhooksOnContentEvents(localCtx)
  app.addHook('onClose', async () => stopQueueing())
  // The read-only content API under /api/v1, in its own scope, cached like the site's pages.
  await registerContentApi(app, ctx, pageCache ? { pageCache } : {})
  const views = options.viewCounter ?? createArticleViewCounter(ctx)
  app.addHook('onClose', async () => views.stop())
  // The public site in a scope of its own, so that the cache's hooks cover its routes only.
  await app.register(async (site) => {
    // Before the page cache: /?p=123 of an imported WordPress site is a redirect, not the home page.
    registerQueryRedirects(site, ctx)
    if (pageCache)
      registerPageCache(site, {
        cache: pageCache,
        languageOf: (request) =>
          cachedLanguageNow(request.url) ??
          readerLanguage(ctx).then((defaultLanguage) => urlLanguage(request.url, defaultLanguage)),
      })
    // After the page cache: lite-mode readers' pages are stored under their own key, then sent private.
    await registerLiteMode(site, ctx)
    registerOfflineRoutes(site, ctx)
    // Before the catch-all shapes: /mirrors/ is a page of its own (src/mirror/).
    registerMirrorsPage(site, ctx)
    registerPublicRoutes(site, ctx, { views })
  })
  // STATIC_DIR: every public page kept as a file for nginx, rewritten on the same events (src/static/).
  if (ctx.config.staticDir) publishStaticOnEvents(app, ctx, ctx.config.staticDir)
  return app
}
