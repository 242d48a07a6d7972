// Editing stories over real HTTP on every database: bad input answered in the page with nothing
// lost (missing headline, duplicate slug, a huge body), two people saving the same story (the
// second sees both versions, nothing is overwritten), revisions with their difference and a
// restore, the correction note on the public page, autosave, and the editor's JSON helpers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_CHARS } from '../src/articles/story-input.ts'
import { signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeAuthor, makeSection } from './helpers/factories.ts'
import { createStoryViaForm, editStoryViaForm, formFields } from './helpers/story-forms.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: editing stories`, () => {
    let t: TestApp
    let sectionId: number
    let sectionSlug: string
    let authorId: number

    const fields = (headline: string, extra: Record<string, string> = {}) => ({
      headline,
      sectionId: String(sectionId),
      authorIds: String(authorId),
      bodyHtml: `<p>${headline}: the council met on Tuesday.</p>`,
      ...extra,
    })
    const stored = (id: number) =>
      t.ctx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

    beforeAll(async () => {
      t = await startTestApp(engine)
      sectionSlug = `city-${engine}`
      sectionId = await makeSection(t.ctx, { slug: sectionSlug, name: 'City' })
      authorId = await makeAuthor(t.ctx, { name: 'Maryam Sadat' })
    })
    afterAll(async () => {
      await t?.close()
    })

    it('serves an editor that works without JavaScript and loads the island from a hashed URL', async () => {
      const { client } = await signedInAs(t, 'author')
      const { response, $ } = await client.page('/admin/stories/new')
      expect(response.status).toBe(200)
      expect($('form#story-form textarea[name=bodyHtml]')).toHaveLength(1)
      expect($('script:not([src]), style, [style]')).toHaveLength(0)
      const src = $('script[type=module]').attr('src') ?? ''
      expect(src).toMatch(/^\/admin\/assets\/editor\/editor\.[0-9a-f]{12}\.js$/)
      const script = await client.get(src)
      expect(script.status).toBe(200)
      expect(script.headers.get('cache-control')).toContain('immutable')
      expect((await script.text()).length).toBeGreaterThan(10_000)
      const css = $('link[rel=stylesheet]').last().attr('href') ?? ''
      expect((await client.get(css)).status).toBe(200)
      expect((await client.get('/admin/assets/editor/editor.000000000000.js')).status).toBe(404)
    })

    it('answers a missing headline, a taken slug and a huge body in the page, keeping the input', async () => {
      const { client } = await signedInAs(t, 'author')
      const { $ } = await client.page('/admin/stories/new')
      const base = formFields($)
      const noHeadline = await client.post('/admin/stories', {
        ...base,
        ...fields(''),
        bodyHtml: '<p>Words I must not lose</p>',
      })
      expect(noHeadline.status).toBe(422)
      const page = await noHeadline.text()
      expect(page).toContain('A headline is required.')
      expect(page).toContain('Words I must not lose')

      await createStoryViaForm(client, fields('First with slug', { slug: 'same-slug' }))
      const taken = await client.post('/admin/stories', {
        ...base,
        ...fields('Second with slug', { slug: 'same-slug' }),
      })
      expect(taken.status).toBe(409)
      const takenPage = await taken.text()
      expect(takenPage).toContain('already used by another story')
      expect(takenPage).toContain('Second with slug')
      // An automatic slug never collides: it gets a suffix.
      const auto = await createStoryViaForm(client, fields('Same headline'))
      const auto2 = await createStoryViaForm(client, fields('Same headline'))
      expect((await stored(auto2)).slug).toBe(`${(await stored(auto)).slug}-2`)

      const id = await createStoryViaForm(client, fields('Will grow'))
      const huge = await editStoryViaForm(client, id, {
        bodyHtml: `<p>${'x'.repeat(MAX_BODY_CHARS)}</p>`,
        dek: 'kept dek',
      })
      expect(huge.status).toBe(422)
      const hugePage = await huge.text()
      expect(hugePage).toContain('too long to save')
      expect(hugePage).toContain('kept dek')
      expect((await stored(id)).body_html).toBe('<p>Will grow: the council met on Tuesday.</p>')
    })

    it('never overwrites silently when two people save the same story', async () => {
      const first = await signedInAs(t, 'editor')
      const second = await signedInAs(t, 'editor')
      const id = await createStoryViaForm(first.client, fields('Shared story'))
      const mine = await first.client.page(`/admin/stories/${id}`)
      const theirs = await second.client.page(`/admin/stories/${id}`)
      const saved = await first.client.post(`/admin/stories/${id}`, {
        ...formFields(mine.$),
        bodyHtml: '<p>First editor’s words</p>',
        action: 'save',
      })
      expect(saved.status).toBe(303)
      const stale = await second.client.post(`/admin/stories/${id}`, {
        ...formFields(theirs.$),
        bodyHtml: '<p>Second editor’s words</p>',
        action: 'save',
      })
      expect(stale.status).toBe(409)
      const html = await stale.text()
      expect(html).toContain('Someone else saved this story')
      expect(html).toContain('First editor’s words') // the stored version
      expect(html).toContain('Second editor’s words') // theirs, still in the form
      expect((await stored(id)).body_html).toBe('<p>First editor’s words</p>')
    })

    it('keeps the re-posted conflict form as a deliberate overwrite', async () => {
      const first = await signedInAs(t, 'editor')
      const second = await signedInAs(t, 'editor')
      const id = await createStoryViaForm(first.client, fields('Second round'))
      const theirs = await second.client.page(`/admin/stories/${id}`)
      expect((await editStoryViaForm(first.client, id, { dek: 'first' })).status).toBe(303)
      const stale = await second.client.post(`/admin/stories/${id}`, {
        ...formFields(theirs.$),
        dek: 'second',
        action: 'save',
      })
      expect(stale.status).toBe(409)
      const cheerio = await import('cheerio')
      const $ = cheerio.load(await stale.text())
      expect($('input[name=revision]').attr('value')).toBe(String((await stored(id)).revision))
      const again = await second.client.post(`/admin/stories/${id}`, { ...formFields($), action: 'save' })
      expect(again.status).toBe(303)
      expect((await stored(id)).dek).toBe('second')
    })

    it('keeps revisions of a published story, shows their difference escaped, and restores one', async () => {
      const { client } = await signedInAs(t, 'editor')
      const id = await createStoryViaForm(
        client,
        fields('Revised story', { bodyHtml: '<p>Original paragraph.</p>' }),
        'publish',
      )
      expect(
        (
          await editStoryViaForm(client, id, {
            bodyHtml: '<p>Changed paragraph with <script>x</script>.</p>',
            headline: 'Revised <b>story</b>',
          })
        ).status,
      ).toBe(303)
      expect(
        (
          await editStoryViaForm(client, id, {
            bodyHtml: '<p>Third paragraph.</p>',
            correctionNote: 'An earlier version misnamed the council.',
          })
        ).status,
      ).toBe(303)
      const list = await client.page(`/admin/stories/${id}/revisions`)
      const ids = list
        .$('input[name=from]')
        .map((_, el) => list.$(el).attr('value'))
        .get()
      expect(ids).toHaveLength(3)
      const [newest, middle, oldest] = ids as [string, string, string]
      const diff = await client.page(`/admin/stories/${id}/revisions?from=${oldest}&to=${middle}`)
      expect(diff.$('.diff del').text()).toContain('Original')
      expect(diff.$('.diff ins').text()).toContain('Changed')
      // The headline's "<b>" is shown as text, never as markup.
      expect(diff.$('.diff ins').text()).toContain('<b>')
      expect(diff.$('.diff b')).toHaveLength(0)
      expect(diff.$('.diff script')).toHaveLength(0)

      const publicPage = await t.get(`/${sectionSlug}/${(await stored(id)).slug}`)
      expect(await publicPage.text()).toContain('An earlier version misnamed the council.')

      const current = (await stored(id)).revision
      const restored = await client.post(`/admin/stories/${id}/revisions/${oldest}/restore`, {
        revision: String(current),
      })
      expect(restored.status).toBe(303)
      expect((await stored(id)).body_html).toBe('<p>Original paragraph.</p>')
      expect((await stored(id)).revision).toBe(current + 1)
      const after = await client.page(`/admin/stories/${id}/revisions`)
      expect(after.$('input[name=from]')).toHaveLength(4)
      expect(after.$('td').text()).toContain('restored from revision')
      // A stale restore (an old revision number) is refused.
      const stale = await client.post(`/admin/stories/${id}/revisions/${newest}/restore`, {
        revision: String(current),
      })
      expect(stale.status).toBe(409)
    })

    it('autosaves drafts as JSON, creating the story first and catching stale saves', async () => {
      const { client } = await signedInAs(t, 'author')
      await client.page('/admin/stories/new')
      const created = await client.post('/admin/stories/autosave', {
        ...fields('Autosaved story'),
        storyId: '',
        revision: '1',
      })
      expect(created.status).toBe(200)
      const first = (await created.json()) as { id: number; revision: number; finalUrl: string }
      expect(first.revision).toBe(1)
      expect(first.finalUrl).toBe(`https://news.example/${sectionSlug}/autosaved-story`)
      const next = await client.post('/admin/stories/autosave', {
        ...fields('Autosaved story', { bodyHtml: '<p>More words.</p>' }),
        storyId: String(first.id),
        revision: '1',
      })
      expect(((await next.json()) as { revision: number }).revision).toBe(2)
      const stale = await client.post('/admin/stories/autosave', {
        ...fields('Autosaved story'),
        storyId: String(first.id),
        revision: '1',
      })
      expect(stale.status).toBe(409)
      expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('STORY_CONFLICT')
      expect((await stored(first.id)).body_html).toBe('<p>More words.</p>')

      expect((await editStoryViaForm(client, first.id, {}, 'publish')).status).toBe(303)
      const published = await client.post('/admin/stories/autosave', {
        ...fields('Autosaved story'),
        storyId: String(first.id),
        revision: String((await stored(first.id)).revision),
      })
      expect(published.status).toBe(409)
      expect(((await published.json()) as { error: { code: string } }).error.code).toBe('STORY_STATE')
    })

    it('suggests tags and looks up images for the editor', async () => {
      const { client } = await signedInAs(t, 'contributor')
      await createStoryViaForm(client, fields('Tagged', { tags: 'Water supply, Kabul' }))
      const response = await client.get('/admin/api/tags?q=wat')
      expect(await response.json()).toEqual([{ name: 'Water supply', slug: 'water-supply' }])
      const missing = await client.get('/admin/api/story-media/999999')
      expect(missing.status).toBe(404)
      expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('999999')
    })
  })
}
