// /admin/api-keys: administrators create content API keys (shown once) and revoke them.
import type { FastifyInstance } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { adminT, useAdminT } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { type FieldErrors, TextField } from '../admin/form-fields.tsx'
import { translateFieldErrors, translateProblems } from '../admin/problem-messages.ts'
import { idParam, queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { ValidationError } from '../errors.ts'
import { useLocale } from '../i18n/locale-context.ts'
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
  const t = useAdminT()
  const locale = useLocale()
  const when = (iso: string | null) => (iso ? locale.formatDateTime(iso) : '—')
  return (
    <AdminLayout chrome={props.chrome} title={t('admin.nav.apiKeys')}>
      <h1>{t('admin.nav.apiKeys')}</h1>
      <p>
        {t('admin.apiKeys.intro')} <code dir="ltr">/api/v1</code> ·{' '}
        <code dir="ltr">Authorization: Bearer &lt;key&gt;</code>
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.newKey ? (
        <Notice kind="success">
          <p>{t('admin.apiKeys.ready', { name: props.newKey.name })}</p>
          <p class="secret" id="new-api-key" dir="ltr">
            <code>{props.newKey.key}</code>
          </p>
        </Notice>
      ) : null}
      <section class="panel" aria-labelledby="create-heading">
        <h2 id="create-heading">{t('admin.apiKeys.createHeading')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/api-keys" class="stacked-form">
          <CsrfField token={props.chrome.csrfToken} />
          <TextField
            name="name"
            label={t('admin.apiKeys.name')}
            value={props.name}
            errors={props.errors}
            maxLength={80}
            isRequired
          />
          <input type="hidden" name="scope" value={DRAFTS_SCOPE} />
          <p class="hint">{t('admin.apiKeys.scopeHint')}</p>
          <button type="submit">{t('admin.apiKeys.create')}</button>
        </form>
      </section>
      <div class="table-scroll">
        <table class="manage-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.apiKeys.colName')}</th>
              <th scope="col">{t('admin.apiKeys.colBegins')}</th>
              <th scope="col">{t('admin.apiKeys.colScope')}</th>
              <th scope="col">{t('admin.apiKeys.colCreated')}</th>
              <th scope="col">{t('admin.apiKeys.colLastUsed')}</th>
              <th scope="col">{t('admin.apiKeys.colState')}</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <tr key={k.id}>
                <td>
                  <bdi>{k.name}</bdi>
                </td>
                <td dir="ltr">
                  <code>{k.prefix}…</code>
                </td>
                <td dir="ltr">{k.scope}</td>
                <td>{when(k.createdAt)}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td>
                  {k.revokedAt ? (
                    t('admin.apiKeys.revokedAt', { time: when(k.revokedAt) })
                  ) : (
                    <form method="post" action={`/admin/api-keys/${k.id}/revoke`} class="inline-form">
                      <CsrfField token={props.chrome.csrfToken} />
                      <button type="submit" class="danger">
                        {t('admin.apiKeys.revoke')}
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
    const notice =
      queryParam(request, 'notice') === 'revoked' ? adminT(request)('admin.apiKeys.revoked') : undefined
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
          problems={translateProblems(request, error)}
          errors={translateFieldErrors(request, error)}
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
