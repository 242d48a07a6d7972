// `dateline backup` and `dateline restore`: one .tar.gz holding a manifest, the database and the
// media folder. SQLite is copied with its online backup API (the site keeps serving meanwhile);
// PostgreSQL with pg_dump in custom format and pg_restore. The archive is made and read by the
// system's GNU tar (no extra npm package). A restore refuses a database that holds content unless
// forced, and must run while no instance is serving that database.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { Config, DatabaseConfig } from '../config/config.ts'
import { createDb } from '../db/create-db.ts'
import { removeSearchDatabase } from '../search/sqlite-search-database.ts'

const run = promisify(execFile)

export const BACKUP_FORMAT = 'dateline-backup/1'
const SQLITE_FILE = 'database.sqlite'
const PG_FILE = 'database.pgdump'

export interface BackupTools {
  pgDumpPath: string
  pgRestorePath: string
  tarPath: string
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  engine: DatabaseConfig['engine']
  createdAt: string
  database: string
  mediaFiles: number
}

/** A backup or restore that cannot go ahead, with a message for the operator. */
export class BackupError extends Error {
  readonly code: 'BACKUP_FAILED' | 'RESTORE_REFUSED' | 'RESTORE_FAILED'
  constructor(code: BackupError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'BackupError'
    this.code = code
  }
}

export function backupTools(env: Record<string, string | undefined>): BackupTools {
  return {
    pgDumpPath: env.PG_DUMP_PATH?.trim() || 'pg_dump',
    pgRestorePath: env.PG_RESTORE_PATH?.trim() || 'pg_restore',
    tarPath: env.TAR_PATH?.trim() || 'tar',
  }
}

/**
 * libpq settings from a postgres:// URL, passed in the environment rather than on the command
 * line, where any user of the machine could read the password in the process list.
 */
export function libpqEnvironment(connectionString: string): Record<string, string> {
  const url = new URL(connectionString)
  const env: Record<string, string> = {}
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname.replace(/^\[|\]$/g, ''))
  if (url.port) env.PGPORT = url.port
  if (url.username) env.PGUSER = decodeURIComponent(url.username)
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password)
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (database) env.PGDATABASE = database
  const sslmode = url.searchParams.get('sslmode')
  if (sslmode) env.PGSSLMODE = sslmode
  return env
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
}

async function tool(file: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  try {
    await run(file, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim()
    throw new Error(`${path.basename(file)} failed${stderr ? `: ${stderr.slice(0, 2000)}` : ''}`, {
      cause: error,
    })
  }
}

export async function createBackup(
  config: Config,
  target: string,
  tools: BackupTools,
): Promise<BackupManifest> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-backup-'))
  try {
    const database = config.database
    let file: string
    if (database.engine === 'sqlite') {
      if (!fs.existsSync(database.filename))
        throw new BackupError('BACKUP_FAILED', `There is no database at ${database.filename}.`)
      file = SQLITE_FILE
      // The online backup API copies a consistent snapshot while the site goes on writing.
      const source = new SQLite(database.filename, { fileMustExist: true })
      try {
        await source.backup(path.join(staging, file))
      } finally {
        source.close()
      }
    } else {
      file = PG_FILE
      await tool(
        tools.pgDumpPath,
        ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(staging, file)}`],
        libpqEnvironment(database.connectionString),
      )
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      engine: database.engine,
      createdAt: new Date().toISOString(),
      database: file,
      mediaFiles: countFiles(config.mediaDir),
    }
    fs.writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    fs.mkdirSync(config.mediaDir, { recursive: true })
    // Written beside the target first and renamed: a failed backup never leaves a truncated file
    // under the name a cron job rotates.
    const partial = `${target}.partial`
    await tool(tools.tarPath, [
      '-czf',
      partial,
      '-C',
      staging,
      'manifest.json',
      file,
      '-C',
      config.mediaDir,
      // Members from the media folder are stored under media/ (GNU tar).
      '--transform=s,^\\.,media,',
      '.',
    ])
    fs.renameSync(partial, target)
    return manifest
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

/** Whether the database holds anything a restore would destroy: stories, sections, people, media. */
export async function hasContent(database: DatabaseConfig): Promise<boolean> {
  if (database.engine === 'sqlite' && !fs.existsSync(database.filename)) return false
  const handle = createDb(database)
  try {
    for (const table of ['articles', 'sections', 'authors', 'users', 'media']) {
      try {
        const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
          handle.db,
        )
        if (Number(result.rows[0]?.n ?? 0) > 0) return true
      } catch {
        // The table does not exist yet: nothing in it to lose.
      }
    }
    return false
  } finally {
    await handle.close()
  }
}

export async function restoreBackup(
  config: Config,
  source: string,
  tools: BackupTools,
  options: { isForced?: boolean } = {},
): Promise<BackupManifest> {
  if (!fs.existsSync(source)) throw new BackupError('RESTORE_REFUSED', `There is no backup at ${source}.`)
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-restore-'))
  try {
    await tool(tools.tarPath, ['-xzf', source, '-C', staging, '--no-same-owner'])
    const manifestPath = path.join(staging, 'manifest.json')
    if (!fs.existsSync(manifestPath))
      throw new BackupError('RESTORE_REFUSED', `${source} is not a Dateline backup (no manifest.json).`)
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BackupManifest
    if (manifest.format !== BACKUP_FORMAT)
      throw new BackupError(
        'RESTORE_REFUSED',
        `${source} has an unknown backup format: ${String(manifest.format)}.`,
      )
    const database = config.database
    if (manifest.engine !== database.engine)
      throw new BackupError(
        'RESTORE_REFUSED',
        `This backup is of a ${manifest.engine} database; DATABASE_URL points at ${database.engine}.`,
      )
    if (!options.isForced && (await hasContent(database)))
      throw new BackupError(
        'RESTORE_REFUSED',
        'The database already holds content. Restoring would replace it: add --force to do so.',
      )
    const dumped = path.join(staging, manifest.database)
    if (database.engine === 'sqlite') {
      fs.mkdirSync(path.dirname(database.filename), { recursive: true })
      // A stale write-ahead log beside the new file would be replayed into it: remove it too.
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${database.filename}${suffix}`, { force: true })
      const copy = `${database.filename}.restoring`
      fs.copyFileSync(dumped, copy)
      fs.renameSync(copy, database.filename)
      // The search index beside it described the old stories: the server rebuilds it on start.
      removeSearchDatabase(database.filename)
    } else {
      await tool(
        tools.pgRestorePath,
        [
          '--clean',
          '--if-exists',
          '--no-owner',
          '--no-privileges',
          '--single-transaction',
          // Only the name: the password travels in the environment (libpqEnvironment).
          `--dbname=${libpqEnvironment(database.connectionString).PGDATABASE ?? ''}`,
          dumped,
        ],
        { ...libpqEnvironment(database.connectionString), PGOPTIONS: '--client-min-messages=warning' },
      ).catch((error: unknown) => {
        throw new BackupError('RESTORE_FAILED', (error as Error).message, { cause: error })
      })
    }
    // The media folder becomes exactly the backup's: files added since are removed.
    fs.mkdirSync(config.mediaDir, { recursive: true })
    for (const entry of fs.readdirSync(config.mediaDir))
      fs.rmSync(path.join(config.mediaDir, entry), { recursive: true, force: true })
    const media = path.join(staging, 'media')
    if (fs.existsSync(media)) fs.cpSync(media, config.mediaDir, { recursive: true })
    return manifest
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}
