// Types for bin/compiled-cli.js (plain JavaScript: it runs before tsx is registered).

/** Bundles `entryPoint` into `outfile` as `dateline` runs it (see the .js file). */
export function bundle(
  entryPoint: string,
  outfile: string,
  options?: { root?: string; stamp?: Date },
): Promise<void>

/** The compiled CLI's file URL when a fresh build exists; undefined to run the sources through tsx. */
export function compiledCli(root?: string): string | undefined

/** Builds the compiled CLI unless a fresh one exists. */
export function buildCompiledCli(root?: string): Promise<'fresh' | 'built'>
