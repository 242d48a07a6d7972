// /admin/webhooks: administrators register webhook addresses (the signing secret is shown once),
// disable, delete and test them, and read each one's delivery log (attempts, codes, retries).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { type AdminMessageKey, adminT, requestLocale, useAdminT } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { type FieldErrors, TextField } from '../admin/form-fields.tsx'
import { translateFieldErrors, translateProblem, translateProblems } from '../admin/problem-messages.ts'
import { idParam, queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import type { WebhookDeliveryStatus } from '../db/tables.ts'
import { AppError, ValidationError } from '../errors.ts'
import { useLocale } from '../i18n/locale-context.ts'
import {
  createWebhook,
  type DeliveryView,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  queueTestDelivery,
  setWebhookEnabled,
  WEBHOOK_EVENTS,
  type WebhookView,
} from './webhooks.service.ts'

const ACCESS = { config: { capability: 'webhooks.manage' } } as const

const NOTICES: Record<string, AdminMessageKey> = {
  enabled: 'admin.webhooks.noticeEnabled',
  disabled: 'admin.webhooks.noticeDisabled',
  deleted: 'admin.webhooks.noticeDeleted',
  tested: 'admin.webhooks.noticeTested',
}

const DELIVERY_STATUS: Record<WebhookDeliveryStatus, AdminMessageKey> = {
  pending: 'admin.webhooks.statusPending',
  sending: 'admin.webhooks.statusSending',
  delivered: 'admin.webhooks.statusDelivered',
  failed: 'admin.webhooks.statusFailed',
}

function formValues(body: Record<string, unknown>, name: string): string[] {
  const value = body[name]
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
}

export function WebhooksPage(props: {
  chrome: AdminChrome
  webhooks: WebhookView[]
  created?: { webhook: WebhookView; secret: string }
  notice?: string
  problems: string[]
  errors: FieldErrors
  form: { url: string; events: string[] }
}) {
  const t = useAdminT()
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.nav.webhooks')}>
      <h1>{t('admin.nav.webhooks')}</h1>
      <p>
        {t('admin.webhooks.intro')} <code dir="ltr">X-Dateline-Signature</code>
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.created ? (
        <Notice kind="success">
          <p>
            {t('admin.webhooks.registered')} <bdi dir="ltr">{props.created.webhook.url}</bdi>
          </p>
          <p class="secret" id="webhook-secret" dir="ltr">
            <code>{props.created.secret}</code>
          </p>
        </Notice>
      ) : null}
      <section class="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">{t('admin.webhooks.addHeading')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/webhooks" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <TextField
            name="url"
            label={t('admin.webhooks.address')}
            value={props.form.url}
            errors={props.errors}
            isRequired
            dir="ltr"
          />
          <fieldset>
            <legend>{t('admin.webhooks.events')}</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <div class="field field-checkbox" key={event}>
                <input
                  id={`event-${event}`}
                  type="checkbox"
                  name="events"
                  value={event}
                  checked={props.form.events.includes(event)}
                />
                <label for={`event-${event}`} dir="ltr">
                  {event}
                </label>
              </div>
            ))}
            {props.errors.events ? <p class="field-error">{props.errors.events}</p> : null}
          </fieldset>
          <button type="submit">{t('admin.webhooks.add')}</button>
        </form>
      </section>
      <div class="table-scroll">
        <table class="manage-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.webhooks.colAddress')}</th>
              <th scope="col">{t('admin.webhooks.events')}</th>
              <th scope="col">{t('admin.apiKeys.colState')}</th>
            </tr>
          </thead>
          <tbody>
            {props.webhooks.map((w) => (
              <tr key={w.id}>
                <td dir="ltr">
                  <a href={`/admin/webhooks/${w.id}`}>{w.url}</a>
                </td>
                <td dir="ltr">{w.events.join(', ')}</td>
                <td>{w.isEnabled ? t('admin.webhooks.enabled') : t('admin.webhooks.disabled')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

export function WebhookPage(props: {
  chrome: AdminChrome
  webhook: WebhookView
  deliveries: DeliveryView[]
  notice?: string
  timeZone: string
}) {
  const { webhook, chrome } = props
  const t = useAdminT()
  const locale = useLocale()
  const when = (iso: string | null) => (iso ? locale.formatDateTime(iso) : '—')
  return (
    <AdminLayout chrome={chrome} title={t('admin.webhooks.pageTitle', { url: webhook.url })}>
      <p>
        <a href="/admin/webhooks">{t('admin.webhooks.back')}</a>
      </p>
      <h1>{t('admin.webhooks.heading')}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        <bdi dir="ltr">
          <code>{webhook.url}</code> · {webhook.events.join(', ')}
        </bdi>{' '}
        · {webhook.isEnabled ? t('admin.webhooks.enabled') : t('admin.webhooks.disabled')}
      </p>
      <div class="button-row">
        <form method="post" action={`/admin/webhooks/${webhook.id}/test`} class="inline-form">
          <CsrfField token={chrome.csrfToken} />
          <button type="submit">{t('admin.webhooks.sendTest')}</button>
        </form>
        <form
          method="post"
          action={`/admin/webhooks/${webhook.id}/${webhook.isEnabled ? 'disable' : 'enable'}`}
          class="inline-form"
        >
          <CsrfField token={chrome.csrfToken} />
          <button type="submit">
            {webhook.isEnabled ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
          </button>
        </form>
        <form method="post" action={`/admin/webhooks/${webhook.id}/delete`} class="inline-form">
          <CsrfField token={chrome.csrfToken} />
          <button type="submit" class="danger">
            {t('admin.common.delete')}
          </button>
        </form>
      </div>
      <h2>{t('admin.webhooks.logHeading')}</h2>
      <p>{t('admin.webhooks.logIntro', { timeZone: props.timeZone })}</p>
      <div class="table-scroll">
        <table class="manage-table delivery-log">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('admin.webhooks.colEvent')}</th>
              <th scope="col">{t('admin.webhooks.colStory')}</th>
              <th scope="col">{t('admin.stories.status')}</th>
              <th scope="col">{t('admin.webhooks.colAttempts')}</th>
              <th scope="col">{t('admin.webhooks.colResponse')}</th>
              <th scope="col">{t('admin.webhooks.colNextRetry')}</th>
              <th scope="col">{t('admin.webhooks.colLastError')}</th>
              <th scope="col">{t('admin.webhooks.colQueued')}</th>
            </tr>
          </thead>
          <tbody>
            {props.deliveries.map((d) => (
              <tr key={d.id} data-delivery={d.id}>
                <td>{d.id}</td>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td>{d.articleId ?? '—'}</td>
                <td class="delivery-status">{t(DELIVERY_STATUS[d.status])}</td>
                <td class="delivery-attempts number">{d.attempts}</td>
                <td class="delivery-code">{d.lastStatusCode ?? '—'}</td>
                <td class="delivery-next">{when(d.nextAttemptAt)}</td>
                <td class="delivery-error" dir="ltr">
                  {d.lastError ?? ''}
                </td>
                <td>{when(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

function noticeOf(request: FastifyRequest): string | undefined {
  const key = NOTICES[queryParam(request, 'notice')]
  return key && adminT(request)(key)
}

export function registerWebhookRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/webhooks', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const page = (
      <WebhooksPage
        chrome={adminChrome(ctx, request, reply)}
        webhooks={await listWebhooks(ctx, actor)}
        notice={noticeOf(request)}
        problems={[]}
        errors={{}}
        form={{ url: '', events: [...WEBHOOK_EVENTS.slice(0, 3)] }}
      />
    )
    return sendAdminPage(reply, page)
  })

  admin.post('/webhooks', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const form = { url: formField(body, 'url'), events: formValues(body, 'events') }
    try {
      const created = await createWebhook(ctx, actor, form)
      // The secret is in this response only, never in a URL.
      const page = (
        <WebhooksPage
          chrome={adminChrome(ctx, request, reply)}
          webhooks={await listWebhooks(ctx, actor)}
          created={created}
          problems={[]}
          errors={{}}
          form={{ url: '', events: [...WEBHOOK_EVENTS.slice(0, 3)] }}
        />
      )
      return sendAdminPage(reply, page, 201)
    } catch (error) {
      const isUrlRefused = error instanceof AppError && error.code === 'WEBHOOK_URL_REFUSED'
      if (!(error instanceof ValidationError) && !isUrlRefused) throw error
      const locale = requestLocale(request)
      const problems =
        error instanceof ValidationError
          ? translateProblems(request, error)
          : [translateProblem(locale, error.message)]
      const errors =
        error instanceof ValidationError
          ? translateFieldErrors(request, error)
          : { url: translateProblem(locale, error.message) }
      const page = (
        <WebhooksPage
          chrome={adminChrome(ctx, request, reply)}
          webhooks={await listWebhooks(ctx, actor)}
          problems={problems}
          errors={errors}
          form={form}
        />
      )
      return sendAdminPage(reply, page, 422)
    }
  })

  admin.get('/webhooks/:id', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const id = idParam(request)
    const webhook = await getWebhook(ctx, actor, id)
    const page = (
      <WebhookPage
        chrome={adminChrome(ctx, request, reply)}
        webhook={webhook}
        deliveries={await listDeliveries(ctx, actor, id)}
        notice={noticeOf(request)}
        timeZone={ctx.config.timeZone}
      />
    )
    return sendAdminPage(reply, page)
  })

  admin.post('/webhooks/:id/test', ACCESS, async (request, reply) => {
    const id = idParam(request)
    await queueTestDelivery(ctx, requireActor(request), id)
    return reply.redirect(`/admin/webhooks/${id}?notice=tested`, 303)
  })
  for (const [action, isEnabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    admin.post(`/webhooks/:id/${action}`, ACCESS, async (request, reply) => {
      const id = idParam(request)
      await setWebhookEnabled(ctx, requireActor(request), id, isEnabled)
      return reply.redirect(`/admin/webhooks/${id}?notice=${action}d`, 303)
    })
  }
  admin.post('/webhooks/:id/delete', ACCESS, async (request, reply) => {
    await deleteWebhook(ctx, requireActor(request), idParam(request))
    return reply.redirect('/admin/webhooks?notice=deleted', 303)
  })
}
