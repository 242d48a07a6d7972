// /admin/webhooks: administrators register webhook addresses (the signing secret is shown once),
// disable, delete and test them, and read each one's delivery log (attempts, codes, retries).
import type { FastifyInstance } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { type FieldErrors, TextField } from '../admin/form-fields.tsx'
import { idParam, queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, ValidationError } from '../errors.ts'
import { formatDateTime } from '../lib/time.ts'
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

const NOTICES: Record<string, string> = {
  enabled: 'The webhook is enabled.',
  disabled: 'The webhook is disabled: nothing is sent to it until it is enabled again.',
  deleted: 'The webhook is deleted.',
  tested: 'A test delivery is queued; it appears in the log below once sent.',
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
  return (
    <AdminLayout chrome={props.chrome} title="Webhooks">
      <h1>Webhooks</h1>
      <p>
        A webhook receives a signed POST (JSON) when a story is published, updated, unpublished or deleted.
        See docs/webhooks.md for checking the <code>X-Dateline-Signature</code> header.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.created ? (
        <Notice kind="success">
          <p>
            The webhook for {props.created.webhook.url} is registered. Its signing secret is shown only this
            once:
          </p>
          <p class="secret" id="webhook-secret">
            <code>{props.created.secret}</code>
          </p>
        </Notice>
      ) : null}
      <section class="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a webhook</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/webhooks" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <TextField
            name="url"
            label="Address (https://…)"
            value={props.form.url}
            errors={props.errors}
            isRequired
            dir="ltr"
          />
          <fieldset>
            <legend>Events</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <div class="field field-checkbox" key={event}>
                <input
                  id={`event-${event}`}
                  type="checkbox"
                  name="events"
                  value={event}
                  checked={props.form.events.includes(event)}
                />
                <label for={`event-${event}`}>{event}</label>
              </div>
            ))}
            {props.errors.events ? <p class="field-error">{props.errors.events}</p> : null}
          </fieldset>
          <button type="submit">Add webhook</button>
        </form>
      </section>
      <div class="table-scroll">
        <table class="manage-table">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.webhooks.map((w) => (
              <tr key={w.id}>
                <td>
                  <a href={`/admin/webhooks/${w.id}`}>{w.url}</a>
                </td>
                <td>{w.events.join(', ')}</td>
                <td>{w.isEnabled ? 'Enabled' : 'Disabled'}</td>
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
  const when = (iso: string | null) => (iso ? formatDateTime(iso, props.timeZone) : '—')
  return (
    <AdminLayout chrome={chrome} title={`Webhook ${webhook.url}`}>
      <p>
        <a href="/admin/webhooks">← All webhooks</a>
      </p>
      <h1>Webhook</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        <code>{webhook.url}</code> · {webhook.events.join(', ')} ·{' '}
        {webhook.isEnabled ? 'Enabled' : 'Disabled'}
      </p>
      <div class="button-row">
        <form method="post" action={`/admin/webhooks/${webhook.id}/test`} class="inline-form">
          <CsrfField token={chrome.csrfToken} />
          <button type="submit">Send test</button>
        </form>
        <form
          method="post"
          action={`/admin/webhooks/${webhook.id}/${webhook.isEnabled ? 'disable' : 'enable'}`}
          class="inline-form"
        >
          <CsrfField token={chrome.csrfToken} />
          <button type="submit">{webhook.isEnabled ? 'Disable' : 'Enable'}</button>
        </form>
        <form method="post" action={`/admin/webhooks/${webhook.id}/delete`} class="inline-form">
          <CsrfField token={chrome.csrfToken} />
          <button type="submit" class="danger">
            Delete
          </button>
        </form>
      </div>
      <h2>Delivery log</h2>
      <p>The newest 50 deliveries. Times are in {props.timeZone}.</p>
      <div class="table-scroll">
        <table class="manage-table delivery-log">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Event</th>
              <th scope="col">Story</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Response</th>
              <th scope="col">Next retry</th>
              <th scope="col">Last error</th>
              <th scope="col">Queued</th>
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
                <td class="delivery-status">{d.status}</td>
                <td class="delivery-attempts number">{d.attempts}</td>
                <td class="delivery-code">{d.lastStatusCode ?? '—'}</td>
                <td class="delivery-next">{when(d.nextAttemptAt)}</td>
                <td class="delivery-error">{d.lastError ?? ''}</td>
                <td>{when(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

export function registerWebhookRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/webhooks', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const page = (
      <WebhooksPage
        chrome={adminChrome(ctx, request, reply)}
        webhooks={await listWebhooks(ctx, actor)}
        notice={NOTICES[queryParam(request, 'notice')]}
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
      const problems = error instanceof ValidationError ? error.problems : [error.message]
      const errors = error instanceof ValidationError ? error.fields : { url: error.message }
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
        notice={NOTICES[queryParam(request, 'notice')]}
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
