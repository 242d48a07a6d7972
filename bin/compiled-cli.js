// A compiled copy of the CLI for fast starts. Running the TypeScript sources through tsx costs
// about a second at every start (Node 20 runs tsx's loader hooks on a separate thread, and every
// module, ours and node_modules', goes through them). `npm run build` (and `npm start`, through
// its prestart step) bundles src/ with esbuild (already a dependency for the editor's island) into
// .cache/; `dateline` imports that file while it is fresh, that is while no file under src/ (nor
// the tsconfig, nor the lockfile) is newer, and runs the sources through tsx otherwise. So a stale
// or missing build is never run and never blocks a start: it is only ever a speed-up.
// DATELINE_COMPILE=off ignores the build (the `dev` script, so that `node --watch` sees the sources).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SOURCES = path.join(ROOT, 'src')
const BUNDLE = path.join(ROOT, '.cache', 'dateline-cli.mjs')
const INPUTS = [path.join(ROOT, 'tsconfig.json'), path.join(ROOT, 'package-lock.json')]

function newestSourceTime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full))
    else newest = Math.max(newest, fs.statSync(full).mtimeMs)
  }
  return newest
}

function newestInputTime() {
  const inputs = INPUTS.map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0))
  return Math.max(newestSourceTime(SOURCES), ...inputs)
}

function isFresh(newestInput) {
  try {
    return newestInput <= fs.statSync(BUNDLE).mtimeMs
  } catch {
    return false
  }
}

async function build(newestInput) {
  const { build: esbuild } = await import('esbuild')
  const temporary = `${BUNDLE}.${process.pid}.tmp`
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true })
  await esbuild({
    entryPoints: [path.join(SOURCES, 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies stay in node_modules (native addons, and their own files found at run time).
    packages: 'external',
    outfile: temporary,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
    plugins: [
      {
        // Sources find their neighbours (catalogs, stylesheets, the editor's island) through
        // import.meta.url: each keeps its own file's URL, so they are found in src/ as before.
        name: 'keep-each-import-meta-url',
        setup(pluginBuild) {
          pluginBuild.onLoad({ filter: /\.tsx?$/ }, async (args) => {
            if (!args.path.startsWith(SOURCES)) return undefined
            const text = await fs.promises.readFile(args.path, 'utf8')
            return {
              contents: text
                .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
                .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
                .replaceAll('import.meta.filename', JSON.stringify(args.path)),
              loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
            }
          })
        },
      },
    ],
  })
  // The bundle is stamped with the newest input it was built from, not with the time it was
  // written: a source saved while esbuild ran is newer, so the next start rebuilds.
  // Rounded up to the next millisecond: file times carry fractions of one, a Date does not, and a
  // stamp a fraction older than its newest input would make every build stale at once.
  const stamp = new Date(Math.ceil(newestInput))
  fs.utimesSync(temporary, stamp, stamp)
  // Atomic: two processes starting at once each write their own file; either result is whole.
  fs.renameSync(temporary, BUNDLE)
}

/** The compiled CLI's file URL when a fresh build exists; undefined to run the sources through tsx. */
export function compiledCli() {
  if (process.env.DATELINE_COMPILE === 'off') return undefined
  try {
    return isFresh(newestInputTime()) ? pathToFileURL(BUNDLE).href : undefined
  } catch {
    return undefined
  }
}

/** Builds the compiled CLI unless a fresh one exists. */
export async function buildCompiledCli() {
  const newestInput = newestInputTime()
  if (isFresh(newestInput)) return 'fresh'
  await build(newestInput)
  return 'built'
}

// `node bin/compiled-cli.js` (npm run build, npm's prestart): build, or say why not and carry on.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const started = performance.now()
    const outcome = await buildCompiledCli()
    const ms = Math.round(performance.now() - started)
    process.stdout.write(
      outcome === 'fresh' ? 'dateline: compiled build is up to date\n' : `dateline: compiled in ${ms} ms\n`,
    )
  } catch (error) {
    process.stderr.write(
      `dateline: no compiled build (${String(error).split('\n')[0]}); starts run the sources through tsx\n`,
    )
  }
}
