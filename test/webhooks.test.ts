// Webhooks and API keys through the admin, on every database: signed deliveries checked by a
// receiver started here on 127.0.0.1, retries with backoff driven by runDue(now) (no sleeping),
// claims that two dispatchers never share, publishing that never waits for a receiver, the
// delivery log, and CSRF on every form.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowStep } from '../src/articles/workflow.service.ts'
import { systemActor } from '../src/context.ts'
import { createWebhookDispatcher, retryDelayMs } from '../src/webhooks/webhook-dispatcher.ts'
import { verifyWebhookSignature } from '../src/webhooks/webhook-signature.ts'
import { webhookUrlProblem } from '../src/webhooks/webhook-url.ts'
import { type AdminClient, signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

type Behaviour = 'ok' | 'fail' | 'hang'

interface Receiver {
  url: string
  received: { headers: http.IncomingHttpHeaders; body: string }[]
  behaviours: Behaviour[]
  close(): Promise<void>
}

async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = []
  const behaviours: Behaviour[] = []
  const hanging: http.ServerResponse[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      const behaviour = behaviours.shift() ?? 'ok'
      if (behaviour === 'hang') {
        hanging.push(response)
        return
      }
      response.writeHead(behaviour === 'ok' ? 200 : 500).end(behaviour)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    behaviours,
    close: async () => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const at = (ms: number): Date => new Date(TEST_NOW.getTime() + ms)

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: webhooks and API keys`, () => {
    let t: TestApp
    let receiver: Receiver
    let admin: AdminClient
    let webhookId = 0
    let secret = ''
    let sectionId = 0
    let authorId = 0

    async function deliveries() {
      return t.ctx.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute()
    }

    beforeAll(async () => {
      t = await startTestApp(engine)
      receiver = await startReceiver()
      admin = (await signedInAs(t, 'admin')).client
      sectionId = await makeSection(t.ctx, { slug: 'news', name: 'News' })
      authorId = await makeAuthor(t.ctx, { slug: 'desk', name: 'Desk' })
    })
    afterAll(async () => {
      await receiver?.close()
      await t?.close()
    })

    it('refuses webhook forms without a CSRF token and to non-administrators', async () => {
      await admin.page('/admin/webhooks')
      const forged = await admin.post('/admin/webhooks', {
        _csrf: '',
        url: receiver.url,
        events: 'article.published',
      })
      expect(forged.status).toBe(403)
      const keyForged = await admin.post('/admin/api-keys', { _csrf: '', name: 'x', scope: 'drafts:read' })
      expect(keyForged.status).toBe(403)
      const { client: editor } = await signedInAs(t, 'editor')
      expect((await editor.get('/admin/webhooks')).status).toBe(403)
      expect((await editor.get('/admin/api-keys')).status).toBe(403)
      expect(await t.ctx.db.selectFrom('webhooks').select('id').execute()).toEqual([])
    })

    it('refuses addresses that are not http(s), and internal ones when not allowed', async () => {
      await admin.page('/admin/webhooks')
      const refused = await admin.post('/admin/webhooks', {
        url: 'file:///etc/passwd',
        events: 'article.published',
      })
      expect(refused.status).toBe(422)
      expect(webhookUrlProblem('http://127.0.0.1:8080/x', false)).toMatch(/inside/)
      expect(webhookUrlProblem('http://[::1]/x', false)).toMatch(/inside/)
      expect(webhookUrlProblem('http://10.1.2.3/x', false)).toMatch(/inside/)
      expect(webhookUrlProblem('http://localhost/x', false)).toMatch(/inside/)
      expect(webhookUrlProblem('https://hooks.example.org/x', false)).toBeUndefined()
      expect(webhookUrlProblem('http://127.0.0.1:8080/x', true)).toBeUndefined()
    })

    it('registers a webhook and shows its secret once, with an audit entry', async () => {
      await admin.page('/admin/webhooks')
      const body = new URLSearchParams({ _csrf: admin.csrf, url: receiver.url })
      for (const event of ['article.published', 'article.updated', 'article.unpublished'])
        body.append('events', event)
      const response = await t.get('/admin/webhooks', {
        method: 'POST',
        headers: { cookie: admin.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      })
      expect(response.status).toBe(201)
      const $ = cheerio.load(await response.text())
      secret = $('#webhook-secret code').text()
      expect(secret).toMatch(/^whsec_/)
      const row = await t.ctx.db.selectFrom('webhooks').selectAll().executeTakeFirstOrThrow()
      webhookId = row.id
      // Stored sealed (src/lib/secret-box.ts): a copy of the database alone cannot sign.
      expect(row.secret).toMatch(/^sealed1:/)
      expect(row.secret).not.toContain(secret.slice('whsec_'.length))
      expect(row.events).toBe('article.published,article.updated,article.unpublished')
      const list = cheerio.load(await (await admin.get('/admin/webhooks')).text())
      expect(list('body').text()).not.toContain(secret)
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'webhook.created')
        .execute()
      expect(audit).toHaveLength(1)
    })

    it('queues on publish without sending, then sends a signed POST the receiver can verify', async () => {
      const id = await makeArticle(t.ctx, {
        headline: 'Wells open in the west',
        slug: 'wells-open',
        sectionId,
        authorIds: [authorId],
        publishedAt: '2026-11-27T07:00:00.000Z',
      })
      // The write only queued a row; nothing was sent in the publishing request.
      expect(receiver.received).toHaveLength(0)
      const [queued] = await deliveries()
      expect(queued?.status).toBe('pending')
      expect(queued?.article_id).toBe(id)

      const dispatcher = createWebhookDispatcher(t.ctx, { timeoutMs: 2_000 })
      expect(await dispatcher.runDue(at(0))).toEqual({ delivered: 1, retried: 0, failed: 0 })
      expect(receiver.received).toHaveLength(1)
      const request = receiver.received[0]
      const signature = String(request?.headers['x-dateline-signature'])
      const timestamp = String(request?.headers['x-dateline-timestamp'])
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/)
      expect(
        verifyWebhookSignature({
          secret,
          body: request?.body ?? '',
          signature,
          timestamp,
          nowSeconds: Math.floor(Date.now() / 1000),
        }),
      ).toBe(true)
      // Any change to the body, the timestamp or the secret breaks it.
      const now = Math.floor(Date.now() / 1000)
      expect(
        verifyWebhookSignature({ secret, body: `${request?.body} `, signature, timestamp, nowSeconds: now }),
      ).toBe(false)
      expect(
        verifyWebhookSignature({
          secret: 'whsec_other',
          body: request?.body ?? '',
          signature,
          timestamp,
          nowSeconds: now,
        }),
      ).toBe(false)
      expect(
        verifyWebhookSignature({
          secret,
          body: request?.body ?? '',
          signature,
          timestamp,
          nowSeconds: now + 3600,
        }),
      ).toBe(false)
      const payload = JSON.parse(request?.body ?? '{}')
      expect(payload).toMatchObject({
        event: 'article.published',
        article: {
          id,
          url: 'https://news.example/news/wells-open',
          headline: 'Wells open in the west',
          status: 'published',
        },
      })
      expect(request?.headers['x-dateline-event']).toBe('article.published')
      const [sent] = await deliveries()
      expect(sent).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 })
    })

    it('retries with exponential backoff after failures, and the admin log shows the attempts', async () => {
      receiver.received.length = 0
      receiver.behaviours.push('fail', 'fail', 'ok')
      const id = await makeArticle(t.ctx, {
        headline: 'Second story',
        sectionId,
        authorIds: [authorId],
        publishedAt: '2026-11-27T07:10:00.000Z',
      })
      const dispatcher = createWebhookDispatcher(t.ctx, { timeoutMs: 2_000 })
      const deliveryOf = async () => (await deliveries()).find((d) => d.article_id === id)

      expect(await dispatcher.runDue(at(0))).toEqual({ delivered: 0, retried: 1, failed: 0 })
      let row = await deliveryOf()
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500 })
      expect(row?.last_error).toContain('500')
      expect(row?.next_attempt_at).toBe(at(retryDelayMs(1)).toISOString())
      // Not yet due: nothing is sent.
      expect(await dispatcher.runDue(at(retryDelayMs(1) - 1))).toEqual({
        delivered: 0,
        retried: 0,
        failed: 0,
      })

      expect(await dispatcher.runDue(at(retryDelayMs(1)))).toEqual({ delivered: 0, retried: 1, failed: 0 })
      row = await deliveryOf()
      expect(row?.attempts).toBe(2)
      // The wait doubles.
      expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1))
      expect(row?.next_attempt_at).toBe(at(retryDelayMs(1) + retryDelayMs(2)).toISOString())

      expect(await dispatcher.runDue(at(retryDelayMs(1) + retryDelayMs(2)))).toEqual({
        delivered: 1,
        retried: 0,
        failed: 0,
      })
      row = await deliveryOf()
      expect(row).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200 })
      expect(receiver.received).toHaveLength(3)

      const { $ } = await admin.page(`/admin/webhooks/${webhookId}`)
      const logRow = $(`tr[data-delivery=${row?.id}]`)
      expect(logRow.find('.delivery-status').text()).toBe('delivered')
      expect(logRow.find('.delivery-attempts').text()).toBe('3')
      expect(logRow.find('.delivery-code').text()).toBe('200')
    })

    it('never lets two dispatchers send the same delivery', async () => {
      receiver.received.length = 0
      await makeArticle(t.ctx, {
        headline: 'Third story',
        sectionId,
        authorIds: [authorId],
        publishedAt: '2026-11-27T07:20:00.000Z',
      })
      const one = createWebhookDispatcher(t.ctx, { timeoutMs: 2_000 })
      const two = createWebhookDispatcher(t.ctx, { timeoutMs: 2_000 })
      const [a, b] = await Promise.all([one.runDue(at(0)), two.runDue(at(0))])
      expect(a.delivered + b.delivered).toBe(1)
      expect(receiver.received).toHaveLength(1)
    })

    it('publishes at once while the receiver hangs; the delivery times out and waits for a retry', async () => {
      receiver.received.length = 0
      receiver.behaviours.push('hang')
      const id = await makeArticle(t.ctx, {
        headline: 'Draft to publish',
        sectionId,
        authorIds: [authorId],
        status: 'draft',
        publishedAt: null,
      })
      await applyWorkflowStep(t.ctx, systemActor('test'), id, 'publish')
      // Publishing has returned; the receiver has not even been called, the delivery is queued.
      expect(receiver.received).toHaveLength(0)
      const queued = (await deliveries()).find((d) => d.article_id === id)
      expect(queued?.status).toBe('pending')
      expect((await t.get(`/api/v1/articles/${id}`)).status).toBe(200)

      const dispatcher = createWebhookDispatcher(t.ctx, { timeoutMs: 300 })
      expect(await dispatcher.runDue(at(0))).toEqual({ delivered: 0, retried: 1, failed: 0 })
      const after = (await deliveries()).find((d) => d.article_id === id)
      expect(after).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null })
      expect(after?.last_error).toMatch(/time limit/)

      // Unpublishing queues its own event.
      await applyWorkflowStep(t.ctx, systemActor('test'), id, 'unpublish')
      const types = (await deliveries()).filter((d) => d.article_id === id).map((d) => d.event_type)
      expect(types).toEqual(['article.published', 'article.unpublished'])
    })

    it('sends a test delivery from the admin, and stops sending once disabled', async () => {
      await admin.page(`/admin/webhooks/${webhookId}`)
      const test = await admin.post(`/admin/webhooks/${webhookId}/test`)
      expect(test.status).toBe(303)
      const testDelivery = (await deliveries()).find((d) => d.event_type === 'webhook.test')
      expect(testDelivery?.status).toBe('pending')
      await admin.page(`/admin/webhooks/${webhookId}`)
      expect((await admin.post(`/admin/webhooks/${webhookId}/disable`)).status).toBe(303)
      const before = (await deliveries()).length
      await makeArticle(t.ctx, {
        headline: 'While disabled',
        sectionId,
        authorIds: [authorId],
        publishedAt: '2026-11-27T07:30:00.000Z',
      })
      expect((await deliveries()).length).toBe(before)
      await admin.page(`/admin/webhooks/${webhookId}`)
      expect((await admin.post(`/admin/webhooks/${webhookId}/delete`)).status).toBe(303)
      expect(await t.ctx.db.selectFrom('webhooks').select('id').execute()).toEqual([])
    })

    it('creates an API key in the admin (shown once), which reads drafts until revoked', async () => {
      await admin.page('/admin/api-keys')
      const created = await admin.post('/admin/api-keys', { name: 'Newsletter tool', scope: 'drafts:read' })
      expect(created.status).toBe(201)
      const key = cheerio
        .load(await created.text())('#new-api-key code')
        .text()
      expect(key).toMatch(/^dtl_/)
      const stored = await t.ctx.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow()
      expect(stored.key_hash).not.toContain(key)
      expect(JSON.stringify(stored)).not.toContain(key)
      const auth = { headers: { authorization: `Bearer ${key}` } }
      expect((await t.get('/api/v1/articles?status=draft', auth)).status).toBe(200)
      const { $ } = await admin.page('/admin/api-keys')
      expect($('body').text()).not.toContain(key)
      expect((await admin.post(`/admin/api-keys/${stored.id}/revoke`)).status).toBe(303)
      expect((await t.get('/api/v1/articles?status=draft', auth)).status).toBe(401)
      const actions = (await t.ctx.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action)
      expect(actions).toEqual(
        expect.arrayContaining(['api-key.created', 'api-key.revoked', 'webhook.disabled', 'webhook.deleted']),
      )
    })
  })
}
