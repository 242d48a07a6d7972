// The editorial workflow over real HTTP with real sign-ins, on every database: who may submit,
// publish, schedule and unpublish whose story; CSRF; the scheduler publishing exactly once; the
// public site's answer at each step (404 before, 200 when published, 410 after unpublishing);
// staff preview; the audit log and the content events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScheduler } from '../src/articles/scheduler.ts'
import type { ContentEvent } from '../src/events/content-events.ts'
import { AdminClient, manualClock, signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeAuthor, makeSection } from './helpers/factories.ts'
import { createStoryViaForm, editStoryViaForm } from './helpers/story-forms.ts'
import { startTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts'

const HOUR = 3_600_000

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: editorial workflow`, () => {
    let t: TestApp
    const clock = manualClock(TEST_NOW)
    const events: ContentEvent[] = []
    let sectionId: number
    let sectionSlug: string
    let authorId: number

    const fields = (headline: string, extra: Record<string, string> = {}) => ({
      headline,
      sectionId: String(sectionId),
      authorIds: String(authorId),
      bodyHtml: `<p>${headline}: the water board opened new wells in the north of the city.</p>`,
      ...extra,
    })
    const statusOf = async (id: number) =>
      await t.ctx.db
        .selectFrom('articles')
        .select(['status', 'slug'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    const publicStatus = async (id: number) =>
      (await t.get(`/${sectionSlug}/${(await statusOf(id)).slug}`)).status
    const auditActions = async (id: number) =>
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('target_type', '=', 'story')
          .where('target_id', '=', String(id))
          .orderBy('id')
          .execute()
      ).map((r) => r.action)

    beforeAll(async () => {
      t = await startTestApp(engine, { clock })
      t.ctx.events.on((event) => {
        events.push(event)
      })
      sectionSlug = `news-${engine}`
      sectionId = await makeSection(t.ctx, { slug: sectionSlug, name: 'News' })
      authorId = await makeAuthor(t.ctx, { name: 'AT News', kind: 'organization' })
    })
    afterAll(async () => {
      await t?.close()
    })

    it('lets a contributor write and submit, but never publish', async () => {
      const { client } = await signedInAs(t, 'contributor')
      const id = await createStoryViaForm(client, fields('Contributor story'))
      expect((await statusOf(id)).status).toBe('draft')

      const { $ } = await client.page(`/admin/stories/${id}`)
      const buttons = $('button[name=action]')
        .map((_, el) => $(el).attr('value'))
        .get()
      expect(buttons).toEqual(['save', 'submit'])

      expect((await editStoryViaForm(client, id, {}, 'publish')).status).toBe(403)
      expect((await statusOf(id)).status).toBe('draft')
      expect((await editStoryViaForm(client, id, {}, 'submit')).status).toBe(303)
      expect((await statusOf(id)).status).toBe('review')
      // Still theirs to fix while in review…
      expect((await editStoryViaForm(client, id, { dek: 'A fix' })).status).toBe(303)
      // …but an editor publishes it, and then it is no longer the contributor's to change.
      const editor = await signedInAs(t, 'editor')
      expect((await editStoryViaForm(editor.client, id, {}, 'publish')).status).toBe(303)
      expect((await statusOf(id)).status).toBe('published')
      expect(await publicStatus(id)).toBe(200)
      expect((await client.get(`/admin/stories/${id}`)).status).toBe(403)
      expect(await auditActions(id)).toEqual([
        'story.created',
        'story.saved',
        'story.submitted',
        'story.saved',
        'story.saved',
        'story.published',
      ])
    })

    it('lets an author publish their own story but not somebody else’s', async () => {
      const author = await signedInAs(t, 'author')
      const own = await createStoryViaForm(author.client, fields('Author story'), 'publish')
      expect((await statusOf(own)).status).toBe('published')
      expect(await publicStatus(own)).toBe(200)
      expect(events).toContainEqual(expect.objectContaining({ type: 'article.published', articleId: own }))

      const other = await signedInAs(t, 'author')
      expect((await other.client.get(`/admin/stories/${own}`)).status).toBe(403)
      const theirs = await createStoryViaForm(other.client, fields('Other author story'))
      const page = await author.client.page('/admin/stories')
      expect(page.$(`a[href="/admin/stories/${theirs}"]`)).toHaveLength(0)
      const forged = await author.client.post(`/admin/stories/${theirs}`, {
        ...fields('Hijacked'),
        revision: '1',
        action: 'publish',
      })
      expect(forged.status).toBe(403)
      expect((await statusOf(theirs)).status).toBe('draft')
    })

    it('lets an editor do everything, and unpublishing answers 410 Gone', async () => {
      const author = await signedInAs(t, 'author')
      const id = await createStoryViaForm(author.client, fields('Story to withdraw'))
      const editor = await signedInAs(t, 'editor')
      expect((await editStoryViaForm(editor.client, id, {}, 'publish')).status).toBe(303)
      expect(await publicStatus(id)).toBe(200)
      events.length = 0
      expect((await editStoryViaForm(editor.client, id, {}, 'unpublish')).status).toBe(303)
      expect(await publicStatus(id)).toBe(410)
      expect(events.map((e) => e.type)).toEqual(['article.updated', 'article.unpublished'])
      const list = await editor.client.page('/admin/stories?status=unpublished')
      expect(list.$(`a[href="/admin/stories/${id}"]`).text()).toBe('Story to withdraw')
      // Back to draft and out again.
      expect((await editStoryViaForm(editor.client, id, {}, 'to-draft')).status).toBe(303)
      expect((await statusOf(id)).status).toBe('draft')
      expect(await auditActions(id)).toEqual(
        expect.arrayContaining(['story.published', 'story.unpublished', 'story.returned-to-draft']),
      )
    })

    it('refuses a form without a CSRF token and changes nothing', async () => {
      const { client } = await signedInAs(t, 'editor')
      const before = await t.ctx.db.selectFrom('articles').select('id').execute()
      const response = await client.post('/admin/stories', { ...fields('No token'), _csrf: '' })
      expect(response.status).toBe(403)
      const autosave = await client.post('/admin/stories/autosave', { ...fields('No token'), _csrf: '' })
      expect(autosave.status).toBe(403)
      expect(await t.ctx.db.selectFrom('articles').select('id').execute()).toHaveLength(before.length)
    })

    it('schedules a story that the scheduler publishes exactly once, at its time', async () => {
      const { client } = await signedInAs(t, 'editor')
      // The site's zone is the config default; an hour from "now" in it.
      const zone = t.ctx.config.timeZone
      const local = (iso: string) =>
        new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' })
          .format(new Date(iso))
          .replace(' ', 'T')
      const at = new Date(TEST_NOW.getTime() + HOUR)
      const id = await createStoryViaForm(
        client,
        fields('Scheduled story', { scheduleAt: local(at.toISOString()) }),
        'schedule',
      )
      const row = await t.ctx.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('scheduled')
      expect(row.published_at).toBe(at.toISOString())
      expect(await publicStatus(id)).toBe(404)

      // A time in the past is refused with a message, and the words are kept.
      const past = await editStoryViaForm(
        client,
        id,
        { scheduleAt: local(new Date(TEST_NOW.getTime() - HOUR).toISOString()), dek: 'kept' },
        'schedule',
      )
      expect(past.status).toBe(422)
      expect(await past.text()).toContain('must be in the future')

      events.length = 0
      // Two instances (two schedulers on one database) racing at the same moment.
      const first = createScheduler(t.ctx)
      const second = createScheduler(t.ctx)
      expect(await first.runDue(new Date(TEST_NOW.getTime() + HOUR / 2))).toEqual([])
      const due = new Date(TEST_NOW.getTime() + 2 * HOUR)
      const [a, b] = await Promise.all([first.runDue(due), second.runDue(due)])
      expect([...a, ...b]).toEqual([id])
      expect(await first.runDue(due)).toEqual([])
      expect(events.filter((e) => e.type === 'article.published' && e.articleId === id)).toHaveLength(1)
      expect((await statusOf(id)).status).toBe('published')

      clock.set(due)
      try {
        expect(await publicStatus(id)).toBe(200)
      } finally {
        clock.set(TEST_NOW)
      }
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'system_name'])
        .where('target_id', '=', String(id))
        .where('action', '=', 'story.published')
        .execute()
      expect(audit).toEqual([{ action: 'story.published', system_name: 'scheduler' }])
    })

    it('shows staff a preview of a draft, and nobody else', async () => {
      const { client } = await signedInAs(t, 'contributor')
      const id = await createStoryViaForm(client, fields('Preview me'))
      const preview = await client.page(`/admin/stories/${id}/preview`)
      expect(preview.response.status).toBe(200)
      expect(preview.$('h1').text()).toBe('Preview me')
      expect(preview.$('.story-body').text()).toContain('new wells')
      expect(preview.response.headers.get('cache-control')).toBe('no-store')

      const stranger = new AdminClient(t)
      const refused = await stranger.get(`/admin/stories/${id}/preview`)
      expect(refused.status).toBe(303)
      expect(refused.headers.get('location')).toMatch(/^\/admin\/login/)
      expect(await publicStatus(id)).toBe(404)
    })

    it('lists stories filtered by status, section and byline, searched by headline', async () => {
      const { client } = await signedInAs(t, 'editor')
      const otherSection = await makeSection(t.ctx, { name: 'Sport' })
      await createStoryViaForm(client, fields('Findable 50% headline', { sectionId: String(otherSection) }))
      const bySearch = await client.page(`/admin/stories?q=${encodeURIComponent('FINDABLE 50%')}`)
      expect(bySearch.$('.story-table tbody tr')).toHaveLength(1)
      // The same full-text index as the public search: a draft is found by a word of its headline,
      // however it is capitalised, and a word it does not contain finds nothing.
      expect(bySearch.$('.story-table tbody tr td.story-headline').text()).toBe('Findable 50% headline')
      const byWord = await client.page(`/admin/stories?q=${encodeURIComponent('headl')}`)
      expect(byWord.$('.story-table tbody tr')).toHaveLength(1)
      const nothing = await client.page(`/admin/stories?q=${encodeURIComponent('unfindable')}`)
      expect(nothing.$('.story-table tbody tr')).toHaveLength(0)
      const bySection = await client.page(`/admin/stories?section=${otherSection}`)
      expect(bySection.$('.story-table tbody tr td.story-headline').text()).toBe('Findable 50% headline')
      const byStatus = await client.page('/admin/stories?status=review')
      expect(
        byStatus
          .$('.story-table .status-badge')
          .map((_, el) => byStatus.$(el).text())
          .get(),
      ).not.toContain('Draft')
      const byAuthor = await client.page(`/admin/stories?author=${authorId}`)
      expect(byAuthor.$('.story-table tbody tr').length).toBeGreaterThan(3)
    })
  })
}
