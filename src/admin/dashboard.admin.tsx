// /admin: a greeting and how many stories are in each state.
import type { FastifyInstance } from 'fastify'
import { requireSignedIn } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import type { ArticleStatus } from '../db/tables.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { type AdminChrome, AdminLayout } from './admin-layout.tsx'
import { type AdminMessageKey, useAdminT } from './admin-messages.ts'
import { adminChrome, sendAdminPage } from './admin-pages.ts'
import { countStoriesByStatus, STATUS_ORDER } from './dashboard.queries.ts'

/** The words after each number ("drafts", "draft"): plural messages, since the count decides the form. */
const STATUS_COUNTS: Record<ArticleStatus, AdminMessageKey> = {
  draft: 'admin.dashboard.drafts',
  review: 'admin.dashboard.inReview',
  scheduled: 'admin.dashboard.scheduled',
  published: 'admin.dashboard.published',
  unpublished: 'admin.dashboard.unpublished',
}

export function DashboardPage(props: {
  chrome: AdminChrome
  name: string
  counts: Record<ArticleStatus, number>
}) {
  const t = useAdminT()
  const locale = useLocale()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.nav.dashboard')}>
      <h1>{t('admin.dashboard.hello', { name: props.name })}</h1>
      <section aria-labelledby="story-counts">
        <h2 id="story-counts">{t('admin.nav.stories')}</h2>
        <ul class="stat-list">
          {STATUS_ORDER.map((status) => (
            <li key={status} class={`stat stat-${status}`}>
              <span class="stat-number">{locale.formatNumber(props.counts[status])}</span>{' '}
              <span class="stat-label">{t(STATUS_COUNTS[status], { count: props.counts[status] })}</span>
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
