import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase, testEngines } from '../../test/helpers/databases.ts'
import { loadConfig } from '../config/config.ts'
import { type AppContext, createContext } from '../context.ts'
import { createDb, type DbHandle } from '../db/create-db.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { type SeedResult, seedDemo, seedDemoIfEmpty } from './seed.ts'

const NOW = new Date('2026-11-27T08:00:00Z')

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: demo seed`, () => {
    let database: TestDatabase
    let dir: string
    let handle: DbHandle
    let ctx: AppContext
    let result: SeedResult | undefined

    beforeAll(async () => {
      database = await createTestDatabase(engine)
      dir = database.dir
      handle = createDb(database.config)
      await migrateToLatest(handle.db, handle.engine)
      const databaseUrl =
        database.config.engine === 'sqlite' ? database.config.filename : database.config.connectionString
      ctx = createContext({
        config: loadConfig({ DATABASE_URL: databaseUrl, MEDIA_DIR: dir }, dir),
        db: handle,
        log: pino({ level: 'silent' }),
        clock: { now: () => NOW },
      })
      result = await seedDemoIfEmpty(ctx)
    }, 30_000)

    afterAll(async () => {
      await handle?.close()
      await database?.drop()
    })

    it('returns the admin login with a generated password', async () => {
      expect(result?.adminEmail).toBe('admin@dateline.local')
      expect(result?.adminPassword).toMatch(/^\S{5}-\S{5}-\S{5}-\S{5}$/)
      const admin = await ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
      expect(admin).toMatchObject({
        email: 'admin@dateline.local',
        display_name: 'Site Admin',
        role: 'admin',
      })
    })

    it('creates sections, with Education under Society', async () => {
      const sections = await ctx.db.selectFrom('sections').selectAll().execute()
      expect(sections.length).toBeGreaterThanOrEqual(4)
      const society = sections.find((s) => s.slug === 'society')
      expect(sections.find((s) => s.slug === 'education')?.parent_id).toBe(society?.id)
      expect(sections.every((s) => s.description !== '')).toBe(true)
    })

    it('publishes 40+ stories readers can see, and hides the drafts and the future one', async () => {
      const visible = await ctx.db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'published')
        .where('published_at', '<=', NOW.toISOString())
        .execute()
      expect(visible.length).toBeGreaterThanOrEqual(40)
      const drafts = await ctx.db.selectFrom('articles').select('id').where('status', '=', 'draft').execute()
      expect(drafts).toHaveLength(2)
      const ahead = await ctx.db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'published')
        .where('published_at', '>', NOW.toISOString())
        .execute()
      expect(ahead).toHaveLength(1)
      const oldest = await ctx.db
        .selectFrom('articles')
        .select('published_at')
        .where('published_at', 'is not', null)
        .orderBy('published_at')
        .executeTakeFirst()
      expect(Date.parse(oldest?.published_at ?? '')).toBeGreaterThan(NOW.getTime() - 62 * 24 * 3600_000)
    })

    it('publishes Dari and Pashto stories, some linked as translations of English ones, and section names in both', async () => {
      const rows = await ctx.db
        .selectFrom('articles')
        .select(['id', 'language', 'translation_group_id'])
        .where('status', '=', 'published')
        .where('published_at', '<=', NOW.toISOString())
        .execute()
      for (const language of ['fa', 'ps']) {
        const own = rows.filter((r) => r.language === language)
        expect(own.length, language).toBeGreaterThanOrEqual(5)
        expect(own.filter((r) => r.translation_group_id !== null).length, language).toBeGreaterThanOrEqual(3)
      }
      // Every group holds one English story and at most one story per language.
      const groups = new Map<number, string[]>()
      for (const r of rows)
        if (r.translation_group_id !== null)
          groups.set(r.translation_group_id, [...(groups.get(r.translation_group_id) ?? []), r.language])
      expect(groups.size).toBeGreaterThanOrEqual(5)
      for (const languages of groups.values()) {
        expect(languages.filter((l) => l === 'en')).toHaveLength(1)
        expect(new Set(languages).size).toBe(languages.length)
      }
      expect([...groups.values()].some((languages) => languages.length === 3)).toBe(true)
      const names = await ctx.db.selectFrom('section_translations').selectAll().execute()
      const sections = await ctx.db.selectFrom('sections').select('id').execute()
      expect(names).toHaveLength(sections.length * 2)
      expect(names.every((n) => /[\u0600-\u06FF]/.test(n.name))).toBe(true)
    })

    it('records two corrections', async () => {
      const corrected = await ctx.db
        .selectFrom('articles')
        .select('id')
        .where('correction_note', '!=', '')
        .execute()
      expect(corrected).toHaveLength(2)
    })

    it('creates five reporters with bios and avatars, and the agency', async () => {
      const people = await ctx.db.selectFrom('authors').selectAll().where('kind', '=', 'person').execute()
      expect(people).toHaveLength(5)
      for (const person of people) {
        expect(person.bio.length).toBeGreaterThan(40)
        expect(person.avatar_media_id).not.toBeNull()
      }
      const agencies = await ctx.db
        .selectFrom('authors')
        .selectAll()
        .where('kind', '=', 'organization')
        .execute()
      expect(agencies.map((a) => a.slug)).toEqual(['dateline-news'])
      const agencyStories = await ctx.db
        .selectFrom('article_authors')
        .select('article_id')
        .where('author_id', '=', agencies[0]?.id ?? -1)
        .execute()
      expect(agencyStories.length).toBeGreaterThanOrEqual(10)
    })

    it('creates about 25 tags', async () => {
      const tags = await ctx.db.selectFrom('tags').select('id').execute()
      expect(tags.length).toBeGreaterThanOrEqual(20)
    })

    it('features small JPEG illustrations that exist on disk', async () => {
      const featured = await ctx.db
        .selectFrom('articles')
        .innerJoin('media', 'media.id', 'articles.featured_media_id')
        .select(['media.path', 'media.mime_type', 'media.width', 'media.height'])
        .distinct()
        .execute()
      expect(featured.length).toBeGreaterThanOrEqual(3)
      for (const image of featured) {
        expect(image).toMatchObject({ mime_type: 'image/jpeg', width: 1200, height: 675 })
        const file = path.join(dir, image.path)
        const bytes = await readFile(file)
        expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
        expect((await stat(file)).size).toBeLessThan(60_000)
      }
    })

    it('leaves a seeded database alone', async () => {
      expect(await seedDemoIfEmpty(ctx)).toBeUndefined()
      await expect(seedDemo(ctx)).rejects.toThrow(/already has sections/)
    })
  })
}

// A newsroom whose default language is Dari gets the same demo: English stories under /en/, their
// Dari translations at the root (the demo's stories carry their own language, not the default).
describe('demo seed with Dari as the default language', () => {
  let database: TestDatabase
  let handle: DbHandle

  afterAll(async () => {
    await handle?.close()
    await database?.drop()
  })

  it('seeds English, Dari and Pashto stories and links the translations', async () => {
    database = await createTestDatabase('sqlite')
    handle = createDb(database.config)
    await migrateToLatest(handle.db, handle.engine)
    const filename = database.config.engine === 'sqlite' ? database.config.filename : ''
    const ctx = createContext({
      config: loadConfig(
        { DATABASE_URL: filename, MEDIA_DIR: database.dir, DEFAULT_LANGUAGE: 'fa' },
        database.dir,
      ),
      db: handle,
      log: pino({ level: 'silent' }),
      clock: { now: () => NOW },
    })
    expect(await seedDemoIfEmpty(ctx)).toBeDefined()
    const languages = await handle.db
      .selectFrom('articles')
      .select(['language', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('language')
      .execute()
    expect(new Set(languages.map((l) => l.language))).toEqual(new Set(['en', 'fa', 'ps']))
    const linked = await handle.db
      .selectFrom('articles')
      .select('id')
      .where('translation_group_id', 'is not', null)
      .execute()
    expect(linked.length).toBeGreaterThan(0)
  }, 60_000)
})
