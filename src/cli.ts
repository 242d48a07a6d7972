// The `dateline` command: serve, migrate, seed. Each verb reads the same configuration from the
// environment and reports problems as a message and a non-zero exit code, never a stack trace.
import { Command } from 'commander'
import pino from 'pino'
import { ConfigError, loadConfig } from './config/config.ts'
import { type AppContext, createContext } from './context.ts'
import { createDb } from './db/create-db.ts'
import { migrateToLatest } from './db/migrate.ts'
import { seedDemo } from './demo/seed.ts'
import { closeOnSignals, createLogger, startServer } from './main.ts'

const ENVIRONMENT_HELP = `
Configuration (environment variables):
  DATABASE_URL   SQLite file path or sqlite:PATH (default ./data/dateline.db), or postgres://…
  PORT           port to listen on (default 3000)
  HOST           address to listen on (default 127.0.0.1)
  SITE_URL       public address of the site (default http://localhost:PORT)
  SITE_NAME      the newsroom's name (default "Dateline Daily")
  TZ             IANA time zone for dates shown to readers (default Asia/Kabul)
  DEMO_CONTENT   on|off: seed a demo newsroom into an empty database (default on)
  MEDIA_DIR      folder for media files (default ./data/media)
  LOG_LEVEL      fatal|error|warn|info|debug|trace|silent (default info)`

function readConfig() {
  return loadConfig(process.env)
}

async function withDb<T>(run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = readConfig()
  const db = createDb(config.database)
  try {
    return await run(createContext({ config, db, log: pino({ level: 'warn' }) }))
  } finally {
    await db.close()
  }
}

const program = new Command()
program
  .name('dateline')
  .description('Dateline: a news publishing platform for small newsrooms')
  .addHelpText('after', ENVIRONMENT_HELP)
  .showHelpAfterError()

program
  .command('serve')
  .description('migrate the database, seed the demo newsroom if enabled and empty, and serve the site')
  .addHelpText('after', ENVIRONMENT_HELP)
  .action(async () => {
    const config = readConfig()
    const log = createLogger(config)
    const server = await startServer(config, log)
    closeOnSignals(server, log)
  })

program
  .command('migrate')
  .description('bring the database schema up to date (safe to run twice)')
  .action(async () => {
    await withDb(async (ctx) => {
      const report = await migrateToLatest(ctx.db, ctx.engine)
      console.log(report.applied.length === 0 ? 'The database is up to date.' : `Applied: ${report.applied.join(', ')}`)
    })
  })

program
  .command('seed')
  .description('fill an empty database with the demo newsroom and print the admin credentials')
  .action(async () => {
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const result = await seedDemo(ctx)
      console.log(`Seeded ${result.articles} stories.`)
      console.log(`Admin login:    ${result.adminEmail}`)
      console.log(`Admin password: ${result.adminPassword}`)
    })
  })

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(2)
  }
  const message = error instanceof Error ? error.message : String(error)
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  console.error(`dateline: ${message}${cause}`)
  process.exit(1)
}
