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

/**
 * Packages the bundle leaves in node_modules: native code, esbuild (loaded only for the editor),
 * and pg, loaded only for a PostgreSQL database (src/db/create-db.ts) by both of its users, so
 * that they share one copy.
 */
const EXTERNAL_PACKAGES = ['better-sqlite3', 'sharp', 'esbuild', 'pg', 'pg-native']

// Every function takes the checkout's root (the tests use a small one of their own).
const sourcesOf = (root) => path.join(root, 'src')
const bundleOf = (root) => path.join(root, '.cache', 'dateline-cli.mjs')
const inputsOf = (root) => [path.join(root, 'tsconfig.json'), path.join(root, 'package-lock.json')]

function newestSourceTime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full))
    else newest = Math.max(newest, fs.statSync(full).mtimeMs)
  }
  return newest
}

function newestInputTime(root) {
  const inputs = inputsOf(root).map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0))
  return Math.max(newestSourceTime(sourcesOf(root)), ...inputs)
}

function isFresh(root, newestInput) {
  try {
    return newestInput <= fs.statSync(bundleOf(root)).mtimeMs
  } catch {
    return false
  }
}

/**
 * Bundles one entry point as `dateline` runs it: ESM for Node 20, dependencies included but for
 * EXTERNAL_PACKAGES, each source under `root`/src keeping its own import.meta.url. Written to a
 * temporary file first and renamed over `outfile` (atomic: two processes building at once each
 * write their own file; either result is whole), stamped with `stamp` when given.
 */
export async function bundle(entryPoint, outfile, { root = ROOT, stamp } = {}) {
  const { build: esbuild } = await import('esbuild')
  const sources = sourcesOf(root)
  const temporary = `${outfile}.${process.pid}.tmp`
  fs.mkdirSync(path.dirname(outfile), { recursive: true })
  await esbuild({
    entryPoints: [entryPoint],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies are bundled too: loading their ~1,100 files one by one was most of a compiled
    // start (Node resolves, reads and links each ES module separately). Kept in node_modules: native
    // addons, and what is loaded only on demand (esbuild for the editor's island, pg's optional
    // native client).
    external: EXTERNAL_PACKAGES,
    // CommonJS dependencies call require() (node: built-ins, optional modules); an ES module has none.
    banner: {
      js: "import { createRequire as __datelineCreateRequire } from 'node:module'; const require = __datelineCreateRequire(import.meta.url);",
    },
    outfile: temporary,
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'silent',
    plugins: [
      {
        // Sources find their neighbours (catalogs, stylesheets, the editor's island) through
        // import.meta.url: each keeps its own file's URL, so they are found in src/ as before.
        name: 'keep-each-import-meta-url',
        setup(pluginBuild) {
          pluginBuild.onLoad({ filter: /\.tsx?$/ }, async (args) => {
            if (!args.path.startsWith(sources)) return undefined
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
  if (stamp !== undefined) fs.utimesSync(temporary, stamp, stamp)
  fs.renameSync(temporary, outfile)
}

/** The compiled CLI's file URL when a fresh build exists; undefined to run the sources through tsx. */
export function compiledCli(root = ROOT) {
  if (process.env.DATELINE_COMPILE === 'off') return undefined
  try {
    return isFresh(root, newestInputTime(root)) ? pathToFileURL(bundleOf(root)).href : undefined
  } catch {
    return undefined
  }
}

/** Builds the compiled CLI unless a fresh one exists. */
export async function buildCompiledCli(root = ROOT) {
  const newestInput = newestInputTime(root)
  if (isFresh(root, newestInput)) return 'fresh'
  // The bundle is stamped with the newest input it was built from, not with the time it was
  // written: a source saved while esbuild ran is newer, so the next start rebuilds.
  // Rounded up to the next millisecond: file times carry fractions of one, a Date does not, and a
  // stamp a fraction older than its newest input would make every build stale at once.
  await bundle(path.join(sourcesOf(root), 'cli.ts'), bundleOf(root), {
    root,
    stamp: new Date(Math.ceil(newestInput)),
  })
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
