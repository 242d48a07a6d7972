// The read-only content API under /api/v1, in a Fastify scope of its own: its hooks (CORS, API
// keys, the page cache, JSON errors) touch nothing else. Routes come from API_ROUTES, so the
// OpenAPI document describes exactly what is served.
//
// Caching: a request without a key is answered with Cache-Control for shared caches and
// Surrogate-Key headers, stored by the page cache (when one is given) and purged by content events
// like the site's pages; @fastify/etag adds ETag and answers If-None-Match with 304. A request with
// a key is private: never stored, `Cache-Control: private, no-store`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authenticateApiKey, DRAFTS_SCOPE } from '../api-keys/api-keys.service.ts'
import type { PageCache } from '../cache/page-cache.ts'
import { registerPageCache } from '../cache/page-cache-hooks.ts'
import { surrogateKeyHeader } from '../cache/surrogate-keys.ts'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import {
  type ApiCaller,
  type ApiResult,
  type ArticleListQuery,
  getArticle,
  listArticles,
  listAuthorsJson,
  listSectionsJson,
  listTagsJson,
  type SearchQueryParams,
  searchJson,
} from './api-handlers.ts'
import { API_PREFIX, API_ROUTES, type ApiOperationId } from './api-routes.ts'
import { buildOpenApiDocument } from './openapi.ts'

/** Shared caches keep API answers five minutes (purged on change), browsers one. */
export const API_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=60'
const PRIVATE_CACHE_CONTROL = 'private, no-store'

export interface ContentApiOptions {
  pageCache?: PageCache
}

type Handler = (request: FastifyRequest, caller: ApiCaller) => Promise<ApiResult>

function handlers(ctx: AppContext): Record<ApiOperationId, Handler> {
  // Built once per app: the document only changes with the code (and the site's address).
  const openApi = buildOpenApiDocument(ctx.config.siteUrl, ctx.config.siteName)
  return {
    listArticles: (request, caller) => listArticles(ctx, caller, request.query as ArticleListQuery),
    getArticle: (request, caller) =>
      getArticle(
        ctx,
        caller,
        (request.params as { idOrSlug: string }).idOrSlug,
        request.query as { language?: string; fields?: string; include?: string },
      ),
    listSections: () => listSectionsJson(ctx),
    listTags: () => listTagsJson(ctx),
    listAuthors: () => listAuthorsJson(ctx),
    search: (request) => searchJson(ctx, request.query as SearchQueryParams),
    openApi: async () => ({ body: openApi, surrogateKeys: ['api-openapi'] }),
  }
}

/** The caller's grant. A key that is sent but not valid is refused, never read as "no key". */
async function callerOf(ctx: AppContext, request: FastifyRequest): Promise<ApiCaller> {
  const header = request.headers.authorization
  if (header === undefined) return { canReadDrafts: false }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const grant = match?.[1] ? await authenticateApiKey(ctx, match[1]) : undefined
  if (!grant || grant.scope !== DRAFTS_SCOPE) {
    throw new AppError(
      'API_KEY_INVALID',
      'This API key is not valid (unknown, revoked or without the scope).',
      401,
    )
  }
  return { canReadDrafts: true }
}

function corsOrigin(allowed: readonly string[], origin: string | undefined): string | undefined {
  if (allowed.length === 0 || origin === undefined) return undefined
  if (allowed.includes('*')) return '*'
  return allowed.includes(origin) ? origin : undefined
}

function appendVary(reply: FastifyReply, names: readonly string[]): void {
  const current = String(reply.getHeader('vary') ?? '')
  const present = new Set(
    current
      .split(',')
      .map((v) => v.trim().toLowerCase())
      .filter((v) => v !== ''),
  )
  const added = names.filter((n) => !present.has(n.toLowerCase()))
  if (added.length > 0) reply.header('vary', [current, ...added].filter((v) => v !== '').join(', '))
}

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').send({ error: { code, message } })
}

async function contentApi(
  api: FastifyInstance,
  options: { ctx: AppContext } & ContentApiOptions,
): Promise<void> {
  const { ctx } = options
  if (options.pageCache) {
    registerPageCache(api, {
      cache: options.pageCache,
      languageOf: () => ctx.config.defaultLanguage,
      // The query selects filters and pages; unknown parameters are refused by the schemas.
      isQuerySignificant: true,
    })
  }

  // After the page cache's hooks, so these per-request headers are never stored with a page.
  api.addHook('onSend', async (request, reply, payload) => {
    appendVary(reply, ['Authorization', ...(ctx.config.apiCorsOrigins.length > 0 ? ['Origin'] : [])])
    const origin = corsOrigin(ctx.config.apiCorsOrigins, request.headers.origin)
    if (origin !== undefined) {
      // Never Access-Control-Allow-Credentials: the API has no cookies, and keys are not ambient.
      reply.header('access-control-allow-origin', origin)
      reply.header('access-control-expose-headers', 'ETag, Surrogate-Key')
    }
    return payload
  })

  api.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'api request failed')
      return sendError(
        reply,
        error.status,
        error.code,
        error.isSafeToShow ? error.message : 'Something went wrong.',
      )
    }
    if (error.validation) {
      // Fastify's message names the parameter ("querystring/per_page must be <= 100").
      return sendError(reply, 400, 'INVALID_PARAMETER', error.message)
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500
    if (status >= 400 && status < 500)
      return sendError(reply, status, 'BAD_REQUEST', 'The request could not be understood.')
    request.log.error({ err: error }, 'unexpected api error')
    return sendError(reply, 500, 'INTERNAL', 'Something went wrong. Please try again in a moment.')
  })
  api.setNotFoundHandler(async (_request, reply) =>
    sendError(reply, 404, 'NOT_FOUND', 'There is no API endpoint at this address; see /api/v1/openapi.json.'),
  )

  // Browsers ask before a cross-origin request with an Authorization header.
  api.options('/*', async (request, reply) => {
    const origin = corsOrigin(ctx.config.apiCorsOrigins, request.headers.origin)
    if (origin !== undefined) {
      reply
        .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
        .header('access-control-allow-headers', 'Authorization, If-None-Match')
        .header('access-control-max-age', '600')
    }
    return reply.status(204).header('cache-control', 'no-store').send()
  })

  const byOperation = handlers(ctx)
  for (const route of API_ROUTES) {
    const handle = byOperation[route.operationId]
    api.get(route.url, { schema: route.schema }, async (request, reply) => {
      const caller = await callerOf(ctx, request)
      const result = await handle(request, caller)
      if (request.headers.authorization !== undefined) {
        reply.header('cache-control', PRIVATE_CACHE_CONTROL)
      } else {
        reply.header('cache-control', API_CACHE_CONTROL)
        reply.header('surrogate-key', surrogateKeyHeader(result.surrogateKeys))
      }
      return reply.type('application/json; charset=utf-8').send(result.body)
    })
  }
}

export async function registerContentApi(
  app: FastifyInstance,
  ctx: AppContext,
  options: ContentApiOptions = {},
): Promise<void> {
  await app.register(contentApi, { prefix: API_PREFIX, ctx, ...options })
}
