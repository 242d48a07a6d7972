// Glue for admin page handlers: the chrome every admin page shows, and sending the HTML.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import { csrfToken } from '../auth/csrf.ts'
import type { AppContext } from '../context.ts'
import { renderDocument } from '../views/render.ts'
import { adminStylesheetUrl } from './admin-assets.ts'
import type { AdminChrome } from './admin-layout.tsx'
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

/** Admin pages are never cached or indexed (the plugin sets those headers on every response). */
export function sendAdminPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').send(renderDocument(page))
}
