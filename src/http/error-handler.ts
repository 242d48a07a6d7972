// One error handler for the whole app: AppErrors carry their status and a message safe to show;
// anything else is logged with its cause and answered with a plain 500. Never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { isSiteLanguage } from '../i18n/languages.ts'
import { findRedirect } from '../redirects/redirects.service.ts'
import { ErrorPage } from '../views/error-page.tsx'
import { buildChrome, sendPage } from './site-pages.ts'

/** The language a path's prefix names (/fa/…, /ps/…), or undefined for the default language. */
function prefixLanguage(url: string): string | undefined {
  const code = /^\/([a-z]{2})(?:[/?#]|$)/.exec(url)?.[1]
  return isSiteLanguage(code) ? code : undefined
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/')
}

async function sendError(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): Promise<FastifyReply> {
  if (wantsJson(request)) {
    return reply.status(status).header('cache-control', 'no-store').send({ error: { code, message } })
  }
  // An address that used to work (a renamed section, tag or byline) is looked up only here, on a
  // would-be 404, so pages that exist never pay for the query.
  if (status === 404 && (request.method === 'GET' || request.method === 'HEAD')) {
    const redirect = await findRedirect(ctx, request.url).catch((error: unknown) => {
      request.log.error({ err: error }, 'redirect lookup failed')
      return undefined
    })
    if (redirect) return reply.redirect(redirect.location, redirect.status)
  }
  try {
    // An error under /fa/ or /ps/ is told in that language; anywhere else in the default one.
    const chrome = await buildChrome(ctx, prefixLanguage(request.url))
    return sendPage(
      reply,
      ErrorPage({ chrome, status, message, canonicalUrl: `${ctx.config.siteUrl}/` }),
      status,
    )
  } catch (renderError) {
    // The database or the page template itself may be what failed: answer in plain text, and
    // never let Fastify's default handler show a reader the internal message.
    request.log.error({ err: renderError }, 'error page could not be rendered')
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .type('text/plain; charset=utf-8')
      .send(message)
  }
}

export function registerErrorHandlers(app: FastifyInstance, ctx: AppContext): void {
  app.setNotFoundHandler(async (request, reply) =>
    sendError(
      ctx,
      request,
      reply,
      404,
      'NOT_FOUND',
      'The page you asked for is not here. It may have moved.',
    ),
  )

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed')
      const message = error.isSafeToShow ? error.message : 'Something went wrong.'
      return sendError(ctx, request, reply, error.status, error.code, message)
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad URL encoding, oversized body): their messages are generic.
      return sendError(
        ctx,
        request,
        reply,
        status,
        error.code ?? 'BAD_REQUEST',
        'The request could not be understood.',
      )
    }
    request.log.error({ err: error }, 'unexpected error')
    return sendError(
      ctx,
      request,
      reply,
      500,
      'INTERNAL',
      'Something went wrong. Please try again in a moment.',
    )
  })
}
