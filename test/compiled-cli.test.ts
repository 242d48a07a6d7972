// bin/compiled-cli.js: `dateline` runs the compiled bundle only while it is fresh, and a build it
// has just made must count as fresh (it once never did: the stamp lost the sub-millisecond part
// of the newest file's time). Runs on a small checkout of its own in a temporary folder.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildCompiledCli, compiledCli } from '../bin/compiled-cli.js'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-compiled-'))
const source = (name: string) => path.join(root, 'src', name)
const bundleFile = path.join(root, '.cache', 'dateline-cli.mjs')

/** Sets a file's modification time, in milliseconds with a fraction (as file systems keep them). */
function touch(file: string, ms: number): void {
  fs.utimesSync(file, ms / 1000, ms / 1000)
}

beforeAll(() => {
  delete process.env.DATELINE_COMPILE
  fs.mkdirSync(path.join(root, 'src', 'lib'), { recursive: true })
  fs.writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact' } }),
  )
  fs.writeFileSync(source('lib/where.ts'), 'export const where = (): string => import.meta.url\n')
  fs.writeFileSync(
    source('cli.ts'),
    "import { where } from './lib/where.ts'\nconsole.log(import.meta.url + ' ' + where())\n",
  )
})

afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const compileSetting = process.env.DATELINE_COMPILE
afterEach(() => {
  if (compileSetting === undefined) delete process.env.DATELINE_COMPILE
  else process.env.DATELINE_COMPILE = compileSetting
})

describe('bin/compiled-cli.js', () => {
  it('has no bundle to run before the first build', () => {
    expect(compiledCli(root)).toBeUndefined()
  })

  it('builds a bundle that is fresh at once, even when the newest source time has a fraction of a millisecond', async () => {
    touch(source('cli.ts'), Date.now() - 60_000 + 0.7531)
    expect(fs.statSync(source('cli.ts')).mtimeMs % 1).not.toBe(0)
    expect(await buildCompiledCli(root)).toBe('built')
    expect(compiledCli(root)).toBe(pathToFileURL(bundleFile).href)
    expect(await buildCompiledCli(root)).toBe('fresh')
  })

  it('keeps each source file its own import.meta.url, so files beside it are still found in src/', () => {
    const run = spawnSync(process.execPath, [bundleFile], { encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout.trim()).toBe(
      `${pathToFileURL(source('cli.ts')).href} ${pathToFileURL(source('lib/where.ts')).href}`,
    )
  })

  it('is stale once any source is newer, and fresh again after the next build', async () => {
    touch(source('lib/where.ts'), fs.statSync(bundleFile).mtimeMs + 1_000)
    expect(compiledCli(root)).toBeUndefined()
    expect(await buildCompiledCli(root)).toBe('built')
    expect(compiledCli(root)).toBeDefined()
  })

  it('is stale when a new source file appears, or the tsconfig or lockfile change', async () => {
    const later = () => fs.statSync(bundleFile).mtimeMs + 1_000
    fs.writeFileSync(source('lib/new.ts'), 'export const added = 1\n')
    touch(source('lib/new.ts'), later())
    expect(compiledCli(root)).toBeUndefined()
    await buildCompiledCli(root)
    for (const input of ['tsconfig.json', 'package-lock.json']) {
      const file = path.join(root, input)
      if (!fs.existsSync(file)) fs.writeFileSync(file, '{}\n')
      touch(file, later())
      expect(compiledCli(root), input).toBeUndefined()
      await buildCompiledCli(root)
      expect(compiledCli(root), input).toBeDefined()
    }
  })

  it('is ignored with DATELINE_COMPILE=off (the dev script, so that node --watch sees the sources)', () => {
    expect(compiledCli(root)).toBeDefined()
    process.env.DATELINE_COMPILE = 'off'
    expect(compiledCli(root)).toBeUndefined()
  })
})
