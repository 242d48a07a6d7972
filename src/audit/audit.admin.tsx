// /admin/audit: the audit log for administrators, newest first, paginated (?page=2).
import type { FastifyInstance } from 'fastify'
import { type AdminChrome, AdminLayout } from '../admin/admin-layout.tsx'
import { useAdminT } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { useLocale } from '../i18n/locale-context.ts'
import { parsePageNumber } from '../lib/pagination.ts'
import { type AuditEntry, listAudit } from './audit.service.ts'

function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ')
}

export function AuditPage(props: {
  chrome: AdminChrome
  entries: AuditEntry[]
  page: number
  pageCount: number
  total: number
  timeZone: string
}) {
  const t = useAdminT()
  const locale = useLocale()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.nav.audit')}>
      <h1>{t('admin.nav.audit')}</h1>
      <p>{t('admin.audit.count', { count: props.total, timeZone: props.timeZone })}</p>
      <p class="hint">{t('admin.audit.codesHint')}</p>
      <div class="table-scroll">
        <table class="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.what')}</th>
              <th scope="col">{t('admin.audit.target')}</th>
              <th scope="col">{t('admin.audit.details')}</th>
              <th scope="col">{t('admin.audit.session')}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{locale.formatDateTime(e.at)}</time>
                </td>
                <td>
                  <bdi>{e.who}</bdi>
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td dir="ltr">{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</td>
                <td dir="ltr">{detailsText(e.details)}</td>
                <td>{e.sessionRef ? <code>{e.sessionRef.slice(0, 8)}</code> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={t('admin.pager.label')}>
        {props.page > 1 ? (
          <a rel="prev" href={props.page === 2 ? '/admin/audit' : `/admin/audit?page=${props.page - 1}`}>
            {t('admin.pager.newer')}
          </a>
        ) : null}
        <span>{t('admin.pager.status', { page: props.page, pageCount: props.pageCount })}</span>
        {props.page < props.pageCount ? (
          <a rel="next" href={`/admin/audit?page=${props.page + 1}`}>
            {t('admin.pager.older')}
          </a>
        ) : null}
      </nav>
    </AdminLayout>
  )
}

export function registerAuditRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/audit', { config: { capability: 'audit.view' } }, async (request, reply) => {
    const page = parsePageNumber((request.query as Record<string, string | undefined>).page)
    const result = await listAudit(ctx, page)
    if (page > result.pageCount) throw new NotFoundError('There is no such page of the audit log.')
    const view = (
      <AuditPage
        chrome={adminChrome(ctx, request, reply)}
        entries={result.items}
        page={page}
        pageCount={result.pageCount}
        total={result.total}
        timeZone={ctx.config.timeZone}
      />
    )
    return sendAdminPage(reply, view)
  })
}
