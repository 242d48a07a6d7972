// Run as its own process by the crash test: creates published stories through the service in a
// loop on the SQLite file given as argv[2], printing each story's id once its save has returned
// (been acknowledged). The test kills it with SIGKILL in the middle.
import pino from 'pino'
import { createArticle } from '../../src/articles/articles.service.ts'
import { createAuthor } from '../../src/authors/authors.service.ts'
import { loadConfig } from '../../src/config/config.ts'
import { createContext, systemActor } from '../../src/context.ts'
import { createDb } from '../../src/db/create-db.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createSection } from '../../src/sections/sections.service.ts'

const filename = process.argv[2]
if (!filename) throw new Error('usage: publish-burst.ts <sqlite file>')
const config = { ...loadConfig({ DEMO_CONTENT: 'off' }), database: { engine: 'sqlite' as const, filename } }
const db = createDb(config.database)
await migrateToLatest(db.db, db.engine)
const ctx = createContext({ config, db, log: pino({ level: 'silent' }) })
const actor = systemActor('burst')
const sectionId = await createSection(ctx, { slug: 'burst', name: 'Burst' })
const authorId = await createAuthor(ctx, { slug: 'burst-desk', name: 'Burst desk', bio: '' })
process.stdout.write('ready\n')
for (let n = 1; ; n++) {
  const id = await createArticle(ctx, actor, {
    headline: `Burst story ${n}`,
    bodyHtml: `<p>Story ${n} of a burst of publishing, written to survive a crash.</p>`,
    sectionId,
    authorIds: [authorId],
    status: 'published',
  })
  process.stdout.write(`saved ${id}\n`)
}
