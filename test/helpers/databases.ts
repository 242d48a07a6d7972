// The list of databases every integration test runs on: SQLite always, PostgreSQL when
// DATELINE_TEST_POSTGRES_URL points at a server (each test file gets a fresh database there).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { DatabaseConfig } from '../../src/config/config.ts'

export type TestEngine = 'sqlite' | 'postgres'

const postgresUrl = process.env.DATELINE_TEST_POSTGRES_URL

let isSkipNoticeShown = false

export function testEngines(): { engine: TestEngine; isAvailable: boolean; label: string }[] {
  if (!postgresUrl && !isSkipNoticeShown) {
    isSkipNoticeShown = true
    console.log(
      'PostgreSQL run skipped: set DATELINE_TEST_POSTGRES_URL (e.g. postgres://127.0.0.1:5432/test) to run it',
    )
  }
  return [
    { engine: 'sqlite', isAvailable: true, label: 'sqlite' },
    {
      engine: 'postgres',
      isAvailable: Boolean(postgresUrl),
      label: postgresUrl ? 'postgres' : 'postgres (skipped: DATELINE_TEST_POSTGRES_URL not set)',
    },
  ]
}

export interface TestDatabase {
  config: DatabaseConfig
  /** A folder of the test's own for files (media). */
  dir: string
  drop(): Promise<void>
}

export async function createTestDatabase(engine: TestEngine): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-test-'))
  if (engine === 'sqlite') {
    return {
      config: { engine: 'sqlite', filename: path.join(dir, 'test.db') },
      dir,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    }
  }
  if (!postgresUrl) throw new Error('DATELINE_TEST_POSTGRES_URL is not set')
  const name = `dateline_test_${Date.now()}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(postgresUrl)
  url.pathname = `/${name}`
  return {
    config: { engine: 'postgres', connectionString: url.href },
    dir,
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
