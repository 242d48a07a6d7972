// The `dateline` command: serve, migrate, seed. Each verb reads the same configuration from the
// environment and reports problems as a message and a non-zero exit code, never a stack trace.
import { Command } from 'commander'
import pino from 'pino'
import { createResetLink } from './auth/password-reset.service.ts'
import { ConfigError, loadConfig } from './config/config.ts'
import { type AppContext, createContext, systemActor } from './context.ts'
import { createDb } from './db/create-db.ts'
import { DatabaseNewerThanCodeError, migrateToLatest } from './db/migrate.ts'
import type { UserRole } from './db/tables.ts'
import { createInvite } from './users/invites.service.ts'
import { generatePassword } from './users/passwords.ts'
import { listUsers, ROLES, registerUser, requireUserByEmail, setUserActive } from './users/users.service.ts'

const ENVIRONMENT_HELP = `
Configuration (environment variables):
  DATABASE_URL   SQLite file path or sqlite:PATH (default ./data/dateline.db), or postgres://…
  DATABASE_PREPARED_STATEMENTS on|off: PostgreSQL readers' queries as prepared statements (default on; off behind PgBouncer in transaction mode)
  PORT           port to listen on (default 3000)
  HOST           address to listen on (default 127.0.0.1)
  SITE_URL       public address of the site (default http://localhost:PORT)
  SITE_NAME      the newsroom's name (default "Dateline Daily")
  TZ             IANA time zone for dates shown to readers (default Asia/Kabul)
  DEFAULT_LANGUAGE en|fa|ps: the language at the site's root; the others live under /fa/, /ps/, /en/ (default en)
  DEMO_CONTENT   on|off: seed a demo newsroom into an empty database (default on)
  MEDIA_DIR      folder for media files (default ./data/media)
  LOG_LEVEL      fatal|error|warn|info|debug|trace|silent (default info)
  LOG_READER_IPS on|off: let request logs carry readers' IP addresses (default off)
  METRICS_TOKEN  bearer token for /metrics (default: loopback only)
  SECRETS_KEY    key (32+ characters) sealing stored two-factor seeds and webhook keys (default: ./data/secrets.key, made on first use); the same on every instance
  TRUST_PROXY    proxies whose X-Forwarded-For gives the client's address: loopback, addresses or CIDR ranges, comma-separated (default off)
  PG_DUMP_PATH, PG_RESTORE_PATH   the PostgreSQL tools for backup and restore
  STATIC_DIR     keep every public page as files in this folder for nginx (default: off)`

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
    // Loaded here, not at the top: the other verbs need neither the server nor the demo.
    const { closeOnSignals, createLogger, startServer } = await import('./main.ts')
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
      console.log(
        report.applied.length === 0 ? 'The database is up to date.' : `Applied: ${report.applied.join(', ')}`,
      )
    })
  })

program
  .command('seed')
  .description('fill an empty database with the demo newsroom and print the admin credentials')
  .action(async () => {
    const { seedDemo } = await import('./demo/seed.ts')
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const result = await seedDemo(ctx)
      console.log(`Seeded ${result.articles} stories.`)
      console.log(`Admin login:    ${result.adminEmail}`)
      console.log(`Admin password: ${result.adminPassword}`)
    })
  })

// Staff accounts. No mail server is assumed: passwords and reset links are printed here, once.
const cli = systemActor('cli')

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  // One trailing newline is what `echo` and a terminal add; it is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

const user = program
  .command('user')
  .description('manage staff accounts: create, list, reset passwords, deactivate')

user
  .command('create')
  .description('create a staff account and print its generated password once')
  .requiredOption('--email <address>', 'the e-mail address the person signs in with')
  .requiredOption('--name <name>', 'the name shown in the admin')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .option('--password-stdin', 'read the password from standard input instead of generating one')
  .action(async (options: { email: string; name: string; role: string; passwordStdin?: boolean }) => {
    const password = options.passwordStdin ? await readStdin() : generatePassword()
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const id = await registerUser(ctx, cli, {
        email: options.email,
        displayName: options.name,
        role: options.role as UserRole,
        password,
      })
      console.log(`Created user ${id}: ${options.email.trim().toLowerCase()} (${options.role})`)
      if (!options.passwordStdin) {
        console.log(`Password: ${password}`)
        console.log('(shown only this once: hand it over safely; it can be changed at /admin/account)')
      }
    })
  })

user
  .command('invite')
  .description(
    'create an account and print a one-time link, valid for 7 days, where the person chooses their name and password',
  )
  .requiredOption('--email <address>', 'the e-mail address the person will sign in with')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .action(async (options: { email: string; role: string }) => {
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const invitation = await createInvite(ctx, cli, { email: options.email, role: options.role })
      console.log(
        `Invitation for ${options.email.trim().toLowerCase()} (${options.role}), valid until ${invitation.expiresAt.toISOString()}, usable once:`,
      )
      console.log(invitation.url)
    })
  })

user
  .command('reset-password')
  .description('print a one-time link, valid for 1 hour, where the person sets a new password')
  .requiredOption('--email <address>', 'whose password to reset')
  .action(async (options: { email: string }) => {
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const link = await createResetLink(ctx, cli, options.email)
      console.log(`Reset link (valid until ${link.expiresAt.toISOString()}, usable once):`)
      console.log(link.url)
    })
  })

user
  .command('list')
  .description('list staff accounts')
  .action(async () => {
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const users = await listUsers(ctx)
      if (users.length === 0) console.log('No users yet. Create one with: dateline user create --help')
      for (const u of users) {
        console.log([u.email, u.role, u.isActive ? 'active' : 'deactivated', u.displayName].join('\t'))
      }
    })
  })

for (const [verb, isActive] of [
  ['deactivate', false],
  ['activate', true],
] as const) {
  user
    .command(verb)
    .description(
      isActive
        ? 'allow a deactivated account to sign in again'
        : 'stop an account signing in and end its sessions',
    )
    .requiredOption('--email <address>', 'whose account')
    .action(async (options: { email: string }) => {
      await withDb(async (ctx) => {
        await migrateToLatest(ctx.db, ctx.engine)
        const found = await requireUserByEmail(ctx, options.email)
        await setUserActive(ctx, cli, found.id, isActive)
        console.log(`${found.email} is ${isActive ? 'active' : 'deactivated'}.`)
      })
    })
}

program
  .command('backup')
  .argument('<file>', 'where to write the backup (.tar.gz)')
  .description(
    'write the database and the media folder to one .tar.gz, while the site keeps serving (PostgreSQL: needs pg_dump, PG_DUMP_PATH)',
  )
  .action(async (file: string) => {
    const { backupTools, createBackup } = await import('./backup/backup.service.ts')
    const manifest = await createBackup(readConfig(), file, backupTools(process.env))
    console.log(`Backed up the ${manifest.engine} database and ${manifest.mediaFiles} media files to ${file}`)
  })

program
  .command('restore')
  .argument('<file>', 'a backup made by `dateline backup`')
  .option('--force', 'replace a database that already holds content')
  .description(
    'replace the database and the media folder with a backup; stop every instance first (PostgreSQL: needs pg_restore, PG_RESTORE_PATH)',
  )
  .action(async (file: string, options: { force?: boolean }) => {
    const { backupTools, restoreBackup } = await import('./backup/backup.service.ts')
    const manifest = await restoreBackup(readConfig(), file, backupTools(process.env), {
      isForced: options.force === true,
    })
    console.log(
      `Restored the ${manifest.engine} database and ${manifest.mediaFiles} media files from ${file}`,
    )
  })

const search = program.command('search').description('the search index')

search
  .command('reindex')
  .description('rebuild the search index from every story (safe while the site is serving)')
  .action(async () => {
    const { reindexSearch } = await import('./search/search.service.ts')
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      // One line rewritten in place on a terminal; a line per tenth of the work in a log.
      let lastTenth = -1
      const report = await reindexSearch(ctx, ({ done, total }) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
        if (process.stderr.isTTY) process.stderr.write(`\rIndexing stories: ${done}/${total} (${percent}%)`)
        else if (Math.floor(percent / 10) > lastTenth) {
          lastTenth = Math.floor(percent / 10)
          process.stderr.write(`Indexing stories: ${done}/${total} (${percent}%)\n`)
        }
      })
      if (process.stderr.isTTY) process.stderr.write('\n')
      console.log(
        `Indexed ${report.indexed} stories in ${(report.ms / 1000).toFixed(1)} s; removed ${report.removed} entries of deleted stories.`,
      )
    })
  })

// Moving in from WordPress, and out again (issue 6).
const importCommand = program.command('import').description('import content from another platform')

importCommand
  .command('wordpress <export-file>')
  .description(
    'import a WordPress export (WXR, Tools → Export): stories, pages, sections, tags, bylines, images and redirects from every old URL; safe to run again',
  )
  .option('--media-dir <folder>', "the old site's wp-content/uploads folder (nothing is downloaded)")
  .option('--dry-run', 'check everything and report what would be imported, writing nothing')
  .option('--report <file>', 'also write the report as JSON to this file')
  .option('--time-zone <zone>', "the old site's time zone, for drafts without GMT dates (default: TZ)")
  .option('--no-reindex', 'do not rebuild the search index at the end')
  .action(
    async (
      file: string,
      options: { mediaDir?: string; dryRun?: boolean; report?: string; timeZone?: string; reindex: boolean },
    ) => {
      const { importWordPress } = await import('./importers/wordpress/import-wordpress.ts')
      const { formatReport } = await import('./importers/wordpress/import-report.ts')
      const { createProgressView } = await import('./importers/wordpress/import-progress.ts')
      await withDb(async (ctx) => {
        await migrateToLatest(ctx.db, ctx.engine)
        const view = createProgressView(process.stderr)
        try {
          const report = await importWordPress(ctx, {
            file,
            mediaDir: options.mediaDir,
            isDryRun: options.dryRun ?? false,
            timeZone: options.timeZone,
            shouldReindex: options.reindex,
            onProgress: (progress) => view.update(progress),
          })
          view.stop()
          console.log(formatReport(report))
          if (options.report) {
            const { writeFile } = await import('node:fs/promises')
            await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`)
          }
        } finally {
          view.stop()
        }
      })
    },
  )

importCommand
  .command('json <export-file>')
  .description(
    'restore a Dateline export (`dateline export --format json`) into this site: stories with every revision, sections, tags, bylines, staff accounts (without passwords), images, redirects, settings and translation links; records the site already has (same slug, e-mail, path or key) are kept as they are, so it is safe to run again',
  )
  .option(
    '--media-dir <folder>',
    'copy the image files from this folder (made by `dateline export --copy-media`, or the old MEDIA_DIR) into the media folder',
  )
  .option('--dry-run', 'check everything and report what would be imported, writing nothing')
  .option('--report <file>', 'also write the report as JSON to this file')
  .option('--no-reindex', 'do not rebuild the search index at the end')
  .action(
    async (
      file: string,
      options: { mediaDir?: string; dryRun?: boolean; report?: string; reindex: boolean },
    ) => {
      const { importJson } = await import('./importers/json/import-json.ts')
      const { formatJsonReport } = await import('./importers/json/json-import-report.ts')
      const { createProgressView } = await import('./importers/wordpress/import-progress.ts')
      await withDb(async (ctx) => {
        await migrateToLatest(ctx.db, ctx.engine)
        const view = createProgressView(process.stderr)
        try {
          const report = await importJson(ctx, {
            file,
            mediaDir: options.mediaDir,
            isDryRun: options.dryRun ?? false,
            shouldReindex: options.reindex,
            onProgress: (progress) => view.update(progress),
          })
          view.stop()
          console.log(formatJsonReport(report))
          if (options.report) {
            const { writeFile } = await import('node:fs/promises')
            await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`)
          }
        } finally {
          view.stop()
        }
      })
    },
  )

program
  .command('export <file>')
  .description(
    'write everything (stories with revisions, sections, tags, bylines, media references, redirects, settings) to a file, so leaving is as easy as arriving. JSON is the lossless format (`dateline import json` reads it back whole); WXR is for WordPress and carries what WordPress can hold (README: "Leaving, moving, restoring")',
  )
  .option(
    '--format <format>',
    'json (everything, for Dateline and scripts) or wxr (a WordPress export)',
    'json',
  )
  .option(
    '--copy-media <folder>',
    'also copy every image file (originals and sizes) into this folder, laid out as in the media folder',
  )
  .action(async (file: string, options: { format: string; copyMedia?: string }) => {
    if (options.format !== 'json' && options.format !== 'wxr') {
      throw new Error(`--format must be json or wxr, not "${options.format}"`)
    }
    const { exportJson } = await import('./exporters/export-json.ts')
    const { exportWxr } = await import('./exporters/export-wxr.ts')
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const summary =
        options.format === 'json'
          ? await exportJson(ctx, file, { copyMediaTo: options.copyMedia })
          : await exportWxr(ctx, file, { copyMediaTo: options.copyMedia })
      console.log(
        `Exported ${summary.stories} stories (${summary.revisions} revisions), ${summary.sections} sections, ${summary.tags} tags, ${summary.authors} bylines, ${summary.media} images${options.format === 'json' ? `, ${summary.redirects} redirects and ${summary.settings} settings` : ''} to ${file}`,
      )
      if (options.copyMedia !== undefined)
        console.log(
          `Copied ${summary.mediaFilesCopied ?? 0} image files to ${options.copyMedia}${summary.mediaFilesMissing ? ` (${summary.mediaFilesMissing} were missing from the media folder)` : ''}.`,
        )
      else if (summary.media > 0)
        console.log(
          `The image files themselves are in ${ctx.config.mediaDir}: copy that folder too, or export again with --copy-media <folder>.`,
        )
    })
  })

// Static publishing and mirrors (issue 9): pages as files for nginx, and copies for other hosts.
const staticCommand = program
  .command('static')
  .description('keep every public page as files for a web server in front (see docs/deploy.md)')

staticCommand
  .command('build <dir>')
  .description(
    'write every public page (every listing page, stories, lite, feeds, sitemaps, robots.txt, in every language) to <dir>, with .gz and .br beside each; only what changed is rewritten, each file replaced atomically. With STATIC_DIR set, `dateline serve` keeps the folder up to date by itself',
  )
  .action(async (dir: string) => {
    const { buildStaticFolder } = await import('./static/static-build.ts')
    const { summarizeReport } = await import('./static/static-publisher.ts')
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const report = await buildStaticFolder(ctx, dir)
      console.log(summarizeReport(report))
      for (const path of report.refused) console.error(`refused (unsafe path): ${path}`)
      for (const failure of report.failed) console.error(`failed: ${failure.path}: ${failure.reason}`)
      if (report.failed.length > 0) process.exitCode = 1
    })
  })

const mirrorCommand = program
  .command('mirror')
  .description('copies of the public site for other hosts, .onion addresses and USB sticks')

mirrorCommand
  .command('export <target>')
  .description(
    'write a complete, self-contained copy of the public site (relative links only: it works from any host, under a sub-path, from .onion and from disk) into a folder, or a .tar.gz; a second export into the same folder rewrites only what changed. Never contains drafts, unpublished stories, the admin or anything personal',
  )
  .option(
    '--base-url <url>',
    'where the copy will be served, for the feeds and sitemaps in it (e.g. http://….onion/)',
  )
  .action(async (target: string, options: { baseUrl?: string }) => {
    if (options.baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(options.baseUrl))
      throw new Error(`--base-url must be an http(s) address, not "${options.baseUrl}"`)
    const { exportMirror, summarizeMirrorReport } = await import('./mirror/mirror-export.ts')
    await withDb(async (ctx) => {
      await migrateToLatest(ctx.db, ctx.engine)
      const report = await exportMirror(ctx, target, options.baseUrl ? { baseUrl: options.baseUrl } : {})
      console.log(summarizeMirrorReport(report))
      for (const failure of report.failed) console.error(`failed: ${failure.path}: ${failure.reason}`)
      if (report.failed.length > 0) process.exitCode = 1
    })
  })

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(2)
  }
  if (error instanceof DatabaseNewerThanCodeError) {
    // Its own exit code, so a deploy script can tell "wrong version" from a crash.
    console.error(`dateline: ${error.message}`)
    process.exit(3)
  }
  const message = error instanceof Error ? error.message : String(error)
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  console.error(`dateline: ${message}${cause}`)
  process.exit(1)
}
