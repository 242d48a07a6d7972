// Glue between features' page handlers and Fastify: the chrome every page shares, and sending HTML.
import type { FastifyReply } from 'fastify'
import type { VNode } from 'preact'
import type { AppContext } from '../context.ts'
import { listSections } from '../sections/sections.service.ts'
import { renderDocument } from '../views/render.ts'
import type { SiteChrome } from '../views/site-chrome.ts'
import { stylesheetUrl } from './assets.ts'

export async function buildChrome(ctx: AppContext, language = ctx.config.defaultLanguage): Promise<SiteChrome> {
  return {
    siteName: ctx.config.siteName,
    siteUrl: ctx.config.siteUrl,
    language,
    timeZone: ctx.config.timeZone,
    sections: await listSections(ctx),
    stylesheetUrl: stylesheetUrl(),
    year: Number(new Intl.DateTimeFormat('en', { timeZone: ctx.config.timeZone, year: 'numeric' }).format(ctx.clock.now())),
  }
}

/** Public pages may be kept by browsers and CDNs briefly, and served stale while they refresh. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600'

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', status === 200 ? PUBLIC_PAGE_CACHE_CONTROL : 'no-store')
    .send(renderDocument(page))
}

export function absoluteUrl(ctx: AppContext, path: string): string {
  return ctx.config.siteUrl + path
}

/** A permanent redirect to a path on this site (never to another host). */
export function redirectTo(reply: FastifyReply, path: string, status: 301 | 302 | 308 = 301): FastifyReply {
  const safePath = path.startsWith('/') && !path.startsWith('//') ? path : '/'
  return reply.redirect(safePath, status)
}
