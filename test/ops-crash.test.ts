// A process killed with SIGKILL in the middle of a burst of publishes loses no story whose save
// was acknowledged, and the SQLite file passes its integrity check. (WAL with synchronous=NORMAL:
// a committed transaction is in the write-ahead log before the call returns, so a killed process
// loses nothing; only a power cut or an OS crash can lose the last transactions, never corrupt.)
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/spawn-dateline.ts'

const SCRIPT = path.join(ROOT, 'test', 'helpers', 'publish-burst.ts')

describe('sqlite: a crash in a burst of publishes', () => {
  it('keeps every acknowledged story and an intact database after SIGKILL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-crash-'))
    const filename = path.join(dir, 'crash.db')
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, filename], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      let errors = ''
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString()
      })
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      )
      // Killed after 60 acknowledged saves, while it is in the middle of the next ones.
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if ((output.match(/^saved \d+$/gm) ?? []).length >= 60) {
            child.kill('SIGKILL')
            resolve()
          }
        })
        void exited.then(() => reject(new Error(`the burst ended early:\n${output}\n${errors}`)))
      })
      expect(await exited).toBe('SIGKILL')
      const acknowledged = [...output.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]))
      expect(acknowledged.length).toBeGreaterThanOrEqual(60)

      const db = new SQLite(filename)
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.pragma('foreign_key_check')).toEqual([])
        const stored = new Set(
          (db.prepare("select id from articles where status = 'published'").all() as { id: number }[]).map(
            (r) => r.id,
          ),
        )
        const lost = acknowledged.filter((id) => !stored.has(id))
        expect(lost).toEqual([])
      } finally {
        db.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
