// buildApp: a pure factory. It wires the features into a Fastify instance and never listens, so
// tests can run many apps in one process.
import fastifyEtag from '@fastify/etag'
import fastifyHelmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { Config } from './config/config.ts'
import type { AppContext } from './context.ts'
import type { DbHandle } from './db/create-db.ts'
import { registerAssetRoutes } from './http/assets.ts'
import { registerErrorHandlers } from './http/error-handler.ts'
import { registerPublicRoutes } from './http/public-routes.ts'
import type { Clock } from './lib/clock.ts'
import { systemClock } from './lib/clock.ts'

export interface AppDeps {
  config: Config
  db: DbHandle
  log: Logger
  clock?: Clock
}

/** Strict CSP: no inline scripts or styles anywhere, nothing from other hosts. */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    frameSrc: ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const ctx: AppContext = {
    db: deps.db.db,
    engine: deps.db.engine,
    config: deps.config,
    clock: deps.clock ?? systemClock,
    log: deps.log,
  }
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Long URLs are answered, not crashed on; Node itself refuses headers over 16 KB with 431.
    routerOptions: { maxParamLength: 500 },
    trustProxy: false,
  })

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // Readers' privacy: never tell other sites which story someone came from.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: deps.config.siteUrl.startsWith('https:'),
  })
  await app.register(fastifyEtag)
  await app.register(fastifyStatic, {
    root: deps.config.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    maxAge: '30d',
    immutable: true,
    index: false,
    dotfiles: 'deny',
  })

  registerErrorHandlers(app, ctx)
  registerAssetRoutes(app)
  registerPublicRoutes(app, ctx)
  return app
}
