#!/usr/bin/env node
// The `dateline` command. A checkout needs no build step: `npm ci && npm start` is all. Starts run
// a compiled copy of src/ when a fresh one exists (`npm run build`, run by `npm start` too: see
// bin/compiled-cli.js), else the TypeScript sources through tsx, with the project's tsconfig
// named explicitly so the command works from any working directory (JSX must compile for Preact).
import { fileURLToPath } from 'node:url'
import { compiledCli } from './compiled-cli.js'

const compiled = compiledCli()
if (compiled) {
  await import(compiled)
} else {
  const { register } = await import('tsx/esm/api')
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
  await import('../src/cli.ts')
}
