// /admin/audit: the audit log for administrators, newest first, paginated (?page=2).
import type { FastifyInstance } from 'fastify'
import { type AdminChrome, AdminLayout } from '../admin/admin-layout.tsx'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { parsePageNumber } from '../lib/pagination.ts'
import { formatDateTime } from '../lib/time.ts'
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
  return (
    <AdminLayout chrome={props.chrome} title="Audit log">
      <h1>Audit log</h1>
      <p>
        {props.total} entr{props.total === 1 ? 'y' : 'ies'}, newest first. Times are in {props.timeZone}.
      </p>
      <div class="table-scroll">
        <table class="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
              <th scope="col">Session</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{formatDateTime(e.at, props.timeZone)}</time>
                </td>
                <td>{e.who}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</td>
                <td>{detailsText(e.details)}</td>
                <td>{e.sessionRef ? <code>{e.sessionRef.slice(0, 8)}</code> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Pages">
        {props.page > 1 ? (
          <a rel="prev" href={props.page === 2 ? '/admin/audit' : `/admin/audit?page=${props.page - 1}`}>
            Newer
          </a>
        ) : null}
        <span>
          Page {props.page} of {props.pageCount}
        </span>
        {props.page < props.pageCount ? (
          <a rel="next" href={`/admin/audit?page=${props.page + 1}`}>
            Older
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
