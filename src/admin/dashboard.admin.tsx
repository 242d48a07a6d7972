// /admin: a greeting and how many stories are in each state.
import type { FastifyInstance } from 'fastify'
import { requireSignedIn } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { type AdminChrome, AdminLayout } from './admin-layout.tsx'
import { adminChrome, sendAdminPage } from './admin-pages.ts'
import { countStoriesByStatus, STATUS_ORDER } from './dashboard.queries.ts'

const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Drafts',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
}

export function DashboardPage(props: {
  chrome: AdminChrome
  name: string
  counts: Record<ArticleStatus, number>
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Dashboard">
      <h1>Hello, {props.name}</h1>
      <section aria-labelledby="story-counts">
        <h2 id="story-counts">Stories</h2>
        <ul class="stat-list">
          {STATUS_ORDER.map((status) => (
            <li key={status} class={`stat stat-${status}`}>
              <span class="stat-number">{props.counts[status]}</span>{' '}
              <span class="stat-label">{STATUS_LABELS[status]}</span>
            </li>
          ))}
        </ul>
      </section>
    </AdminLayout>
  )
}

export function registerDashboardRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/', { config: { capability: 'admin.enter' } }, async (request, reply) => {
    const session = requireSignedIn(request)
    const counts = await countStoriesByStatus(ctx)
    const page = (
      <DashboardPage
        chrome={adminChrome(ctx, request, reply)}
        name={session.user.displayName}
        counts={counts}
      />
    )
    return sendAdminPage(reply, page)
  })
}
