// Glue for admin page handlers: the chrome every admin page shows, and sending the HTML.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { h, type VNode } from 'preact'
import { csrfToken } from '../auth/csrf.ts'
import type { AppContext } from '../context.ts'
import type { Locale } from '../i18n/locale.ts'
import { LocaleContext } from '../i18n/locale-context.ts'
import { ProvideContext } from '../views/provide-context.tsx'
import { renderDocument } from '../views/render.ts'
import { adminStylesheetUrl } from './admin-assets.ts'
import type { AdminChrome } from './admin-layout.tsx'
import { requestLocale } from './admin-messages.ts'
import { navFor } from './admin-nav.ts'

export function adminChrome(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): AdminChrome {
  const session = request.session
  const base = {
    siteName: ctx.config.siteName,
    stylesheetUrl: adminStylesheetUrl(),
    currentPath: request.url,
    csrfToken: csrfToken(ctx, request, reply),
  }
  if (session?.kind !== 'signed-in') return { ...base, nav: [] }
  return {
    ...base,
    user: { displayName: session.user.displayName, role: session.user.role },
    nav: navFor(session.actor),
  }
}

/**
 * Admin pages are never cached or indexed (the plugin sets those headers on every response). The
 * page renders inside the request's admin Locale, which its components read with useAdminT().
 */
export function sendAdminPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const localized = h(
    ProvideContext<Locale>,
    { context: LocaleContext, value: requestLocale(reply.request) },
    page,
  )
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', requestLocale(reply.request).language)
    .send(renderDocument(localized as VNode))
}
