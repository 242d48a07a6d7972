// The rest of the newsroom's admin over real HTTP with real sign-ins, on every database (who may
// use each page is in the role matrix, admin-roles.test.ts): section renames
// that leave 301s behind; order and nesting on the public navigation; tag merges; pseudonymous
// bylines that never reveal their account; invitations; deactivation; the last administrator;
// settings that reach the public site at once; CSRF; stale forms; the audit log.
import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findAuthorBySlug, PUBLIC_AUTHOR_FIELDS } from '../src/authors/authors.service.ts'
import { systemActor } from '../src/context.ts'
import { changeUserRole } from '../src/users/users.service.ts'
import { AdminClient, makeStaff, signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

async function auditActions(t: TestApp): Promise<string[]> {
  const rows = await t.ctx.db.selectFrom('audit_log').select('action').execute()
  return rows.map((r) => r.action)
}

async function publicPage(
  t: TestApp,
  path: string,
): Promise<{ status: number; html: string; $: cheerio.CheerioAPI }> {
  const response = await t.get(path)
  const html = await response.text()
  return { status: response.status, html, $: cheerio.load(html) }
}

function navNames($: cheerio.CheerioAPI): string[] {
  return $('nav.section-nav a')
    .map((_i, el) => $(el).text().trim())
    .get()
}

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: newsroom admin`, () => {
    let t: TestApp
    let admin: AdminClient
    let adminId: number

    beforeAll(async () => {
      t = await startTestApp(engine)
      const signed = await signedInAs(t, 'admin')
      admin = signed.client
      adminId = signed.user.id
    })
    afterAll(async () => {
      await t?.close()
    })

    it('refuses a management form sent without a CSRF token (403) and saves nothing', async () => {
      await admin.page('/admin/sections')
      const response = await admin.post('/admin/sections', {
        _csrf: '',
        name: 'Forged section',
        slug: 'forged',
      })
      expect(response.status).toBe(403)
      const row = await t.ctx.db
        .selectFrom('sections')
        .select('id')
        .where('slug', '=', 'forged')
        .executeTakeFirst()
      expect(row).toBeUndefined()
    })

    it('renames a section and its old section, paged and story addresses answer 301 to the new ones', async () => {
      const sectionId = await makeSection(t.ctx, { slug: 'world', name: 'World' })
      const authorId = await makeAuthor(t.ctx)
      for (let i = 0; i < 21; i++)
        await makeArticle(t.ctx, { sectionId, authorIds: [authorId], slug: `world-story-${i}` })
      await admin.page(`/admin/sections/${sectionId}`)
      const response = await admin.post(`/admin/sections/${sectionId}`, {
        name: 'International',
        slug: 'international',
        description: '',
        parentId: '',
        expectedName: 'World',
        expectedSlug: 'world',
        expectedParentId: '',
      })
      expect(response.status).toBe(303)
      for (const [from, to] of [
        ['/world/', '/international/'],
        ['/world/page/2/', '/international/page/2/'],
        ['/world/world-story-3', '/international/world-story-3'],
      ] as const) {
        const old = await t.get(from)
        expect(old.status, from).toBe(301)
        expect(old.headers.get('location'), from).toBe(to)
      }
      expect((await t.get('/international/')).status).toBe(200)
      expect((await t.get('/international/page/2/')).status).toBe(200)
      // Renamed again: the first address goes straight to the newest, never through a chain.
      await admin.page(`/admin/sections/${sectionId}`)
      await admin.post(`/admin/sections/${sectionId}`, {
        name: 'Abroad',
        slug: 'abroad',
        description: '',
        parentId: '',
        expectedName: 'International',
        expectedSlug: 'international',
        expectedParentId: '',
      })
      expect((await t.get('/world/')).headers.get('location')).toBe('/abroad/')
      expect((await t.get('/international/')).headers.get('location')).toBe('/abroad/')
      expect(await auditActions(t)).toContain('section.updated')
      // Addresses that never existed are still 404s.
      expect((await t.get('/never-was-a-section/')).status).toBe(404)
    })

    it('reorders and nests sections on the public navigation, and refuses a cycle', async () => {
      const first = await makeSection(t.ctx, { slug: 'alpha-desk', name: 'Alpha desk', position: 50 })
      const second = await makeSection(t.ctx, { slug: 'beta-desk', name: 'Beta desk', position: 51 })
      const authorId = await makeAuthor(t.ctx)
      await makeArticle(t.ctx, {
        sectionId: second,
        authorIds: [authorId],
        headline: 'Beta desk exclusive report',
      })
      let nav = navNames((await publicPage(t, '/')).$)
      expect(nav.indexOf('Alpha desk')).toBeLessThan(nav.indexOf('Beta desk'))

      await admin.page('/admin/sections')
      expect((await admin.post(`/admin/sections/${second}/move`, { direction: 'up' })).status).toBe(303)
      nav = navNames((await publicPage(t, '/latest/')).$)
      expect(nav.indexOf('Beta desk')).toBeLessThan(nav.indexOf('Alpha desk'))

      // Nest Beta under Alpha: it leaves the top navigation, and Alpha's page lists its stories.
      await admin.page(`/admin/sections/${second}`)
      const nest = await admin.post(`/admin/sections/${second}`, {
        name: 'Beta desk',
        slug: 'beta-desk',
        description: '',
        parentId: String(first),
        expectedName: 'Beta desk',
        expectedSlug: 'beta-desk',
        expectedParentId: '',
      })
      expect(nest.status).toBe(303)
      const alpha = await publicPage(t, '/alpha-desk/')
      expect(navNames(alpha.$)).not.toContain('Beta desk')
      expect(alpha.html).toContain('Beta desk exclusive report')
      const tree = (await admin.page('/admin/sections')).$
      expect(tree('.section-tree li.depth-1').text()).toContain('Beta desk')

      // Alpha inside Beta would be a cycle: refused, with the reason tied to the field, nothing saved.
      const { $ } = await admin.page(`/admin/sections/${first}`)
      expect($(`select[name=parentId] option[value="${second}"]`).length).toBe(0)
      const cycle = await admin.post(`/admin/sections/${first}`, {
        name: 'Alpha desk',
        slug: 'alpha-desk',
        description: '',
        parentId: String(second),
        expectedName: 'Alpha desk',
        expectedSlug: 'alpha-desk',
        expectedParentId: '',
      })
      expect(cycle.status).toBe(422)
      const page = cheerio.load(await cycle.text())
      expect(page('#edit-parentId-error').text()).toMatch(/inside itself or one of its own subsections/)
      expect(page('#edit-parentId').attr('aria-describedby')).toContain('edit-parentId-error')
      const row = await t.ctx.db
        .selectFrom('sections')
        .select('parent_id')
        .where('id', '=', first)
        .executeTakeFirstOrThrow()
      expect(row.parent_id).toBeNull()
    })

    it('refuses reserved, year-like, invalid, duplicate and empty section names and slugs, keeping the input', async () => {
      await makeSection(t.ctx, { slug: 'sport', name: 'Sport' })
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ name: 'Tags', slug: 'tag' }, 'slug', /reserved/],
        [{ name: 'Year', slug: '2026' }, 'slug', /four digits/],
        [{ name: 'Bad', slug: 'Bad Slug!' }, 'slug', /cannot be a slug/],
        [{ name: 'Sport again', slug: 'sport' }, 'slug', /already uses the slug "sport"/],
        [{ name: '   ', slug: 'nameless' }, 'name', /needs a name/],
      ]
      for (const [fields, field, message] of cases) {
        await admin.page('/admin/sections')
        const response = await admin.post('/admin/sections', {
          description: 'Kept text',
          parentId: '',
          ...fields,
        })
        expect(response.status, JSON.stringify(fields)).toBe(422)
        const $ = cheerio.load(await response.text())
        expect($(`#new-${field}-error`).text()).toMatch(message)
        expect($(`#new-${field}`).attr('aria-invalid')).toBe('true')
        expect($('#new-description').text()).toBe('Kept text')
        expect($('#new-slug').attr('value')).toBe(fields.slug)
      }
    })

    it('refuses to delete a section that stories use, with a clear message, and deletes an empty one', async () => {
      const used = await makeSection(t.ctx, { name: 'Used desk', slug: 'used-desk' })
      await makeArticle(t.ctx, { sectionId: used, authorIds: [await makeAuthor(t.ctx)] })
      await admin.page(`/admin/sections/${used}`)
      const refused = await admin.post(`/admin/sections/${used}/delete`)
      expect(refused.status).toBe(409)
      expect(await refused.text()).toMatch(/still has 1 story/)
      const empty = await makeSection(t.ctx, { name: 'Empty desk', slug: 'empty-desk' })
      await admin.page(`/admin/sections/${empty}`)
      expect((await admin.post(`/admin/sections/${empty}/delete`)).status).toBe(303)
      expect(
        await t.ctx.db.selectFrom('sections').select('id').where('id', '=', empty).executeTakeFirst(),
      ).toBeUndefined()
      expect(await auditActions(t)).toContain('section.deleted')
    })

    it('catches a stale section form: the input is kept and nothing is overwritten', async () => {
      const id = await makeSection(t.ctx, { name: 'Opinion', slug: 'opinion' })
      await t.ctx.db.updateTable('sections').set({ name: 'Comment' }).where('id', '=', id).execute()
      await admin.page(`/admin/sections/${id}`)
      const response = await admin.post(`/admin/sections/${id}`, {
        name: 'Views',
        slug: 'opinion',
        description: '',
        parentId: '',
        expectedName: 'Opinion',
        expectedSlug: 'opinion',
        expectedParentId: '',
      })
      expect(response.status).toBe(409)
      const $ = cheerio.load(await response.text())
      expect($('.notice-error').text()).toMatch(/Someone else changed this section/)
      expect($('#edit-name').attr('value')).toBe('Views')
      const row = await t.ctx.db
        .selectFrom('sections')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(row.name).toBe('Comment')
    })

    it('lists tags with counts and search, renames one (old address redirects) and merges two', async () => {
      const sectionId = await makeSection(t.ctx)
      const authorId = await makeAuthor(t.ctx)
      const one = await makeArticle(t.ctx, { sectionId, authorIds: [authorId], tagNames: ['Kabul water'] })
      const two = await makeArticle(t.ctx, {
        sectionId,
        authorIds: [authorId],
        tagNames: ['Water', 'Kabul water'],
      })
      const three = await makeArticle(t.ctx, { sectionId, authorIds: [authorId], tagNames: ['Water'] })
      const tagId = async (slug: string) =>
        (await t.ctx.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst())?.id

      const list = (await admin.page('/admin/tags?q=water')).$
      const rows = list('table.manage-table tbody tr')
        .map((_i, el) => list(el).text().replace(/\s+/g, ' ').trim())
        .get()
      expect(rows).toContain('Kabul water/tag/kabul-water/2')
      expect(rows).toContain('Water/tag/water/2')

      const source = (await tagId('kabul-water')) as number
      const target = (await tagId('water')) as number
      await admin.page(`/admin/tags/${source}`)
      const merge = await admin.post(`/admin/tags/${source}/merge`, { into: 'water' })
      expect(merge.status).toBe(303)
      expect(await tagId('kabul-water')).toBeUndefined()
      const tagged = await t.ctx.db
        .selectFrom('article_tags')
        .select('article_id')
        .where('tag_id', '=', target)
        .execute()
      expect(tagged.map((r) => r.article_id).sort((a, b) => a - b)).toEqual(
        [one, two, three].sort((a, b) => a - b),
      )
      const old = await t.get('/tag/kabul-water/')
      expect(old.status).toBe(301)
      expect(old.headers.get('location')).toBe('/tag/water/')

      await admin.page(`/admin/tags/${target}`)
      const rename = await admin.post(`/admin/tags/${target}`, {
        name: 'Drinking water',
        slug: 'drinking-water',
        expectedName: 'Water',
        expectedSlug: 'water',
      })
      expect(rename.status).toBe(303)
      expect((await t.get('/tag/water/')).headers.get('location')).toBe('/tag/drinking-water/')
      // The merged tag's address follows the rename too.
      expect((await t.get('/tag/kabul-water/')).headers.get('location')).toBe('/tag/drinking-water/')
      expect((await publicPage(t, '/tag/drinking-water/')).status).toBe(200)
      const actions = await auditActions(t)
      expect(actions).toContain('tag.merged')
      expect(actions).toContain('tag.renamed')
    })

    it('never reveals the account behind a pseudonymous byline on any public page', async () => {
      const writer = await makeStaff(t.ctx, 'author', { email: 'real.writer.secret@newsroom.test' })
      const realName = (
        await t.ctx.db
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', writer.id)
          .executeTakeFirstOrThrow()
      ).display_name
      await admin.page('/admin/authors')
      const created = await admin.post('/admin/authors', {
        name: 'Night Owl',
        slug: 'night-owl',
        kind: 'person',
        jobTitle: 'Correspondent',
        bio: 'Writes about the city at night.',
        avatarMediaId: '',
        isPseudonym: 'on',
        userId: String(writer.id),
      })
      expect(created.status).toBe(303)
      const author = await t.ctx.db
        .selectFrom('authors')
        .selectAll()
        .where('slug', '=', 'night-owl')
        .executeTakeFirstOrThrow()
      expect(author.user_id).toBe(writer.id)
      expect(author.is_pseudonym).toBe(1)
      const sectionId = await makeSection(t.ctx, { slug: 'night-desk', name: 'Night desk' })
      await makeArticle(t.ctx, {
        sectionId,
        authorIds: [author.id],
        slug: 'city-at-night',
        headline: 'The city at night',
      })

      for (const path of [
        '/',
        '/latest/',
        '/night-desk/',
        '/night-desk/city-at-night',
        '/author/night-owl/',
      ]) {
        const { status, html } = await publicPage(t, path)
        expect(status, path).toBe(200)
        expect(html, path).toContain('Night Owl')
        for (const secret of [writer.email, realName, 'real.writer', 'user_id', 'userId']) {
          expect(html.includes(secret), `${path} reveals ${secret}`).toBe(false)
        }
      }
      // The public read functions carry exactly the public fields (what any future API would use).
      const view = await findAuthorBySlug(t.ctx, 'night-owl')
      expect(Object.keys(view ?? {}).sort()).toEqual([...PUBLIC_AUTHOR_FIELDS].sort())

      // An editor manages the profile but can neither see nor change the account behind it.
      const { client: editor } = await signedInAs(t, 'editor')
      const { $, response } = await editor.page(`/admin/authors/${author.id}`)
      expect(response.status).toBe(200)
      expect($('select[name=userId]').length).toBe(0)
      expect($.html()).not.toContain(writer.email)
      const forged = await editor.post(`/admin/authors/${author.id}`, {
        name: 'Night Owl',
        slug: 'night-owl',
        kind: 'person',
        jobTitle: '',
        bio: '',
        avatarMediaId: '',
        isPseudonym: 'on',
        userId: '',
        expectedName: 'Night Owl',
        expectedSlug: 'night-owl',
      })
      expect(forged.status).toBe(403)
      const after = await t.ctx.db
        .selectFrom('authors')
        .select('user_id')
        .where('id', '=', author.id)
        .executeTakeFirstOrThrow()
      expect(after.user_id).toBe(writer.id)
    })

    it('renames a byline: the old author page redirects, and the audit log records it without the account', async () => {
      const id = await makeAuthor(t.ctx, { slug: 'agency-one', name: 'Agency One', kind: 'organization' })
      await admin.page(`/admin/authors/${id}`)
      const response = await admin.post(`/admin/authors/${id}`, {
        name: 'Agency One News',
        slug: 'agency-one-news',
        kind: 'organization',
        jobTitle: '',
        bio: 'A news agency.',
        avatarMediaId: '',
        userId: '',
        expectedName: 'Agency One',
        expectedSlug: 'agency-one',
      })
      expect(response.status).toBe(303)
      const old = await t.get('/author/agency-one/')
      expect(old.status).toBe(301)
      expect(old.headers.get('location')).toBe('/author/agency-one-news/')
      const bad = await admin.post(`/admin/authors/${id}`, {
        name: 'Agency One News',
        slug: 'agency-one-news',
        kind: 'organization',
        jobTitle: '',
        bio: '',
        avatarMediaId: '999999',
        expectedName: 'Agency One News',
        expectedSlug: 'agency-one-news',
      })
      expect(bad.status).toBe(422)
      expect(
        cheerio
          .load(await bad.text())('#edit-avatarMediaId-error')
          .text(),
      ).toMatch(/no media item number 999999/)
    })

    it('invites someone by link: they choose a name and password, sign in, and the link is then used up', async () => {
      await admin.page('/admin/users')
      const response = await admin.post('/admin/users/invite', {
        email: 'New.Reporter@newsroom.test',
        role: 'author',
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      const url = cheerio
        .load(await response.text())('.secret code')
        .text()
      expect(url).toMatch(/^https:\/\/news\.example\/admin\/invite\/[A-Za-z0-9_-]{40,}$/)
      const path = new URL(url).pathname

      // Nobody can sign in before the link is used.
      const early = new AdminClient(t)
      await early.page('/admin/login')
      expect(
        (await early.post('/admin/login', { email: 'new.reporter@newsroom.test', password: '' })).status,
      ).not.toBe(303)

      const invitee = new AdminClient(t)
      const { $, response: open } = await invitee.page(path)
      expect(open.status).toBe(200)
      expect($('h1').text()).toMatch(/Welcome/)
      const short = await invitee.post(path, {
        displayName: 'Nadia Rahimi',
        password: 'short',
        confirmation: 'short',
      })
      expect(short.status).toBe(422)
      const shortPage = cheerio.load(await short.text())
      expect(shortPage('#password-error').text()).toMatch(/at least 12/)
      expect(shortPage('#displayName').attr('value')).toBe('Nadia Rahimi')
      const accepted = await invitee.post(path, {
        displayName: 'Nadia Rahimi',
        password: 'a long enough password',
        confirmation: 'a long enough password',
      })
      expect(accepted.status).toBe(303)
      const signedIn = new AdminClient(t)
      await signedIn.signIn('new.reporter@newsroom.test', 'a long enough password')
      const dashboard = await signedIn.page('/admin')
      expect(dashboard.$('.admin-user a').text()).toBe('Nadia Rahimi')
      expect((await new AdminClient(t).get(path)).status).toBe(410)
      const actions = await auditActions(t)
      expect(actions).toContain('user.invited')
      expect(actions).toContain('user.invite-accepted')
    })

    it('changes a role at once and deactivating someone ends their sessions', async () => {
      const { client, user } = await signedInAs(t, 'editor')
      expect((await client.get('/admin/sections')).status).toBe(200)
      await admin.page('/admin/users')
      expect(
        (await admin.post(`/admin/users/${user.id}/role`, { role: 'contributor', expectedRole: 'editor' }))
          .status,
      ).toBe(303)
      expect((await client.get('/admin/sections')).status).toBe(403)
      expect((await admin.post(`/admin/users/${user.id}/deactivate`)).status).toBe(303)
      const sessions = await t.ctx.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .execute()
      expect(sessions).toEqual([])
      const after = await client.get('/admin')
      expect(after.status).toBe(303)
      expect(after.headers.get('location')).toMatch(/^\/admin\/login/)
      expect((await admin.post(`/admin/users/${user.id}/activate`)).status).toBe(303)
      const actions = await auditActions(t)
      expect(actions).toEqual(
        expect.arrayContaining(['user.role-changed', 'user.deactivated', 'user.activated']),
      )
    })

    it('never lets the newsroom lose its last active administrator', async () => {
      // Make this admin the only active one.
      const others = await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('id', '!=', adminId)
        .execute()
      for (const o of others) await changeUserRole(t.ctx, systemActor('test'), o.id, 'editor')
      await admin.page('/admin/users')
      const demote = await admin.post(`/admin/users/${adminId}/role`, {
        role: 'editor',
        expectedRole: 'admin',
      })
      expect(demote.status).toBe(409)
      expect(await demote.text()).toMatch(/last active administrator/)
      await admin.page('/admin/users')
      const deactivate = await admin.post(`/admin/users/${adminId}/deactivate`)
      expect(deactivate.status).toBe(409)
      const me = await t.ctx.db
        .selectFrom('users')
        .select(['role', 'is_active'])
        .where('id', '=', adminId)
        .executeTakeFirstOrThrow()
      expect(me).toEqual({ role: 'admin', is_active: 1 })
      // With a second administrator, the first may step down.
      const second = await makeStaff(t.ctx, 'admin')
      await admin.page('/admin/users')
      expect(
        (await admin.post(`/admin/users/${adminId}/role`, { role: 'editor', expectedRole: 'admin' })).status,
      ).toBe(303)
      await changeUserRole(t.ctx, systemActor('test'), adminId, 'admin')
      await changeUserRole(t.ctx, systemActor('test'), second.id, 'editor')
    })

    it('shows changed settings on the public site at once: name in the header, time zone in <time>', async () => {
      const sectionId = await makeSection(t.ctx, { slug: 'settings-desk', name: 'Settings desk' })
      await makeArticle(t.ctx, {
        sectionId,
        authorIds: [await makeAuthor(t.ctx)],
        slug: 'time-zone-story',
        publishedAt: '2026-11-20T06:00:00.000Z',
      })
      const before = await publicPage(t, '/settings-desk/time-zone-story')
      expect(before.$('.site-name').text()).toBe('Dateline Daily')
      expect(before.$('time').first().attr('datetime')).toBe('2026-11-20T10:30:00+04:30')
      // Served again from the page cache…
      await t.get('/settings-desk/time-zone-story')

      const { $ } = await admin.page('/admin/settings')
      // Feeds carry whole stories unless the newsroom unticks it.
      expect($('input[name=feedsFullContent]').attr('checked')).toBeDefined()
      const version = $('input[name=version]').attr('value') ?? ''
      const invalid = await admin.post('/admin/settings', {
        siteName: 'Kabul Evening Post',
        logoMediaId: '',
        feedsFullContent: 'on',
        defaultLanguage: 'en',
        timeZone: 'Mars/Olympus',
        version,
      })
      expect(invalid.status).toBe(422)
      const invalidPage = cheerio.load(await invalid.text())
      expect(invalidPage('#timeZone-error').text()).toMatch(/not a known time zone/)
      expect(invalidPage('#siteName').attr('value')).toBe('Kabul Evening Post')
      expect((await publicPage(t, '/')).$('.site-name').text()).toBe('Dateline Daily')

      const saved = await admin.post('/admin/settings', {
        siteName: 'Kabul Evening Post',
        logoMediaId: '',
        feedsFullContent: 'on',
        defaultLanguage: 'en',
        timeZone: 'Europe/London',
        version,
      })
      expect(saved.status).toBe(303)
      // …but the save purged it: the next reader sees the new name and zone.
      const after = await publicPage(t, '/settings-desk/time-zone-story')
      expect(after.$('.site-name').text()).toBe('Kabul Evening Post')
      expect(after.$('title').text()).toContain('Kabul Evening Post')
      expect(after.$('time').first().attr('datetime')).toBe('2026-11-20T06:00:00+00:00')
      expect((await publicPage(t, '/')).$('.site-name').text()).toBe('Kabul Evening Post')

      // A second save from the old form is stale: refused with the input kept.
      const stale = await admin.post('/admin/settings', {
        siteName: 'Old form name',
        logoMediaId: '',
        feedsFullContent: 'on',
        defaultLanguage: 'en',
        timeZone: 'Asia/Kabul',
        version,
      })
      expect(stale.status).toBe(409)
      expect(
        cheerio
          .load(await stale.text())('#siteName')
          .attr('value'),
      ).toBe('Old form name')

      // Back to the environment's defaults: nothing stays stored for them.
      const current = (await admin.page('/admin/settings')).$('input[name=version]').attr('value') ?? ''
      await admin.post('/admin/settings', {
        siteName: 'Dateline Daily',
        logoMediaId: '',
        feedsFullContent: 'on',
        defaultLanguage: 'en',
        timeZone: 'Asia/Kabul',
        version: current,
      })
      const stored = await t.ctx.db
        .selectFrom('settings')
        .select('key')
        .where('key', '!=', 'settings_revision')
        .execute()
      expect(stored).toEqual([])
      expect((await publicPage(t, '/')).$('.site-name').text()).toBe('Dateline Daily')
    })

    it('shows the management actions in the audit log with useful details and no secrets', async () => {
      const { $ } = await admin.page('/admin/audit')
      const text = $('table.audit-table').text()
      expect(text).toContain('settings.updated')
      expect(text).toMatch(/timeZone: Europe\/London/)
      const all = await t.ctx.db.selectFrom('audit_log').select('details').execute()
      for (const row of all) expect(row.details).not.toMatch(/invite\/[A-Za-z0-9_-]{20,}/)
    })
  })
}
