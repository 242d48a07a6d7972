import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type DbHandle } from '../src/db/create-db.ts'
import { migrateToLatest, pendingMigrations } from '../src/db/migrate.ts'
import { createTestDatabase, type TestDatabase, testEngines } from './helpers/databases.ts'

const TABLES = [
  'sections',
  'tags',
  'media',
  'authors',
  'articles',
  'article_authors',
  'article_tags',
  'redirects',
  'users',
  'settings',
]

for (const { engine, isAvailable, label } of testEngines()) {
  describe.skipIf(!isAvailable)(`${label}: migrations`, () => {
    let database: TestDatabase
    let handle: DbHandle

    beforeAll(async () => {
      database = await createTestDatabase(engine)
      handle = createDb(database.config)
    })
    afterAll(async () => {
      await handle?.close()
      await database?.drop()
    })

    it('migrates an empty database up, and a second run changes nothing', async () => {
      expect((await pendingMigrations(handle.db, handle.engine)).length).toBeGreaterThan(0)
      const first = await migrateToLatest(handle.db, handle.engine)
      expect(first.applied.length).toBeGreaterThan(0)
      const second = await migrateToLatest(handle.db, handle.engine)
      expect(second.applied).toEqual([])
      expect(await pendingMigrations(handle.db, handle.engine)).toEqual([])
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name)
      for (const table of TABLES) expect(tables, table).toContain(table)
    })

    it('enforces foreign keys and the per-language slug rule', async () => {
      const now = new Date().toISOString()
      const badArticle = handle.db
        .insertInto('articles')
        .values({
          language: 'en',
          slug: 'x',
          headline: 'x',
          dek: '',
          body_html: '',
          auto_excerpt: '',
          dateline: '',
          section_id: 999_999,
          featured_caption: '',
          featured_credit: '',
          status: 'draft',
          updated_at: now,
          created_at: now,
          correction_note: '',
          word_count: 0,
        })
        .execute()
      await expect(badArticle).rejects.toThrow()

      const section = await handle.db
        .insertInto('sections')
        .values({ slug: 's', name: 'S', description: '', position: 0, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      const article = (language: string) =>
        handle.db
          .insertInto('articles')
          .values({
            language,
            slug: 'same',
            headline: 'x',
            dek: '',
            body_html: '',
            auto_excerpt: '',
            dateline: '',
            section_id: section.id,
            featured_caption: '',
            featured_credit: '',
            status: 'draft',
            updated_at: now,
            created_at: now,
            correction_note: '',
            word_count: 0,
          })
          .execute()
      await article('en')
      await article('fa') // the same slug in another language is fine
      await expect(article('en')).rejects.toThrow()
    })
  })
}
