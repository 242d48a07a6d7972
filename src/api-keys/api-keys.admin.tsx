// /admin/api-keys: administrators create content API keys (shown once) and revoke them.
import type { FastifyInstance } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { type FieldErrors, TextField } from '../admin/form-fields.tsx'
import { idParam, queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { ValidationError } from '../errors.ts'
import { formatDateTime } from '../lib/time.ts'
import { type ApiKeyView, createApiKey, DRAFTS_SCOPE, listApiKeys, revokeApiKey } from './api-keys.service.ts'

const ACCESS = { config: { capability: 'api-keys.manage' } } as const

export function ApiKeysPage(props: {
  chrome: AdminChrome
  keys: ApiKeyView[]
  timeZone: string
  newKey?: { name: string; key: string }
  notice?: string
  problems: string[]
  errors: FieldErrors
  name: string
}) {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, props.timeZone) : '—')
  return (
    <AdminLayout chrome={props.chrome} title="API keys">
      <h1>API keys</h1>
      <p>
        Keys let a program read stories that are not published yet (drafts, stories in review, scheduled ones)
        through the content API at <code>/api/v1</code>, by sending{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>. Published stories need no key.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.newKey ? (
        <Notice kind="success">
          <p>
            The key “{props.newKey.name}” is ready. Copy it now: it is shown only this once and cannot be
            recovered.
          </p>
          <p class="secret" id="new-api-key">
            <code>{props.newKey.key}</code>
          </p>
        </Notice>
      ) : null}
      <section class="panel" aria-labelledby="create-heading">
        <h2 id="create-heading">Create a key</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/api-keys" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <TextField
            name="name"
            label="Name (who or what uses it)"
            value={props.name}
            errors={props.errors}
            maxLength={80}
            isRequired
          />
          <input type="hidden" name="scope" value={DRAFTS_SCOPE} />
          <p class="hint">Scope: read drafts and scheduled stories (drafts:read).</p>
          <button type="submit">Create key</button>
        </form>
      </section>
      <div class="table-scroll">
        <table class="manage-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key begins</th>
              <th scope="col">Scope</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{k.scope}</td>
                <td>{when(k.createdAt)}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td>
                  {k.revokedAt ? (
                    `Revoked ${when(k.revokedAt)}`
                  ) : (
                    <form method="post" action={`/admin/api-keys/${k.id}/revoke`} class="inline-form">
                      <CsrfField token={props.chrome.csrfToken} />
                      <button type="submit" class="danger">
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

export function registerApiKeyRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/api-keys', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const notice = queryParam(request, 'notice') === 'revoked' ? 'The key is revoked.' : undefined
    const page = (
      <ApiKeysPage
        chrome={adminChrome(ctx, request, reply)}
        keys={await listApiKeys(ctx, actor)}
        timeZone={ctx.config.timeZone}
        notice={notice}
        problems={[]}
        errors={{}}
        name=""
      />
    )
    return sendAdminPage(reply, page)
  })

  admin.post('/api-keys', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const name = formField(body, 'name')
    try {
      const created = await createApiKey(ctx, actor, { name, scope: formField(body, 'scope') })
      // Shown in this response only (never in a redirect's URL, which browsers and logs keep).
      const page = (
        <ApiKeysPage
          chrome={adminChrome(ctx, request, reply)}
          keys={await listApiKeys(ctx, actor)}
          timeZone={ctx.config.timeZone}
          newKey={{ name: created.view.name, key: created.key }}
          problems={[]}
          errors={{}}
          name=""
        />
      )
      return sendAdminPage(reply, page, 201)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const page = (
        <ApiKeysPage
          chrome={adminChrome(ctx, request, reply)}
          keys={await listApiKeys(ctx, actor)}
          timeZone={ctx.config.timeZone}
          problems={error.problems}
          errors={error.fields}
          name={name}
        />
      )
      return sendAdminPage(reply, page, 422)
    }
  })

  admin.post('/api-keys/:id/revoke', ACCESS, async (request, reply) => {
    await revokeApiKey(ctx, requireActor(request), idParam(request))
    return reply.redirect('/admin/api-keys?notice=revoked', 303)
  })
}
