#!/usr/bin/env node
// The `dateline` command. Runs the TypeScript sources directly through tsx, so a checkout needs
// no build step: `npm ci && npm start` is all. The project's tsconfig is named explicitly so the
// command works from any working directory (JSX must compile for Preact wherever it runs).
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
await import('../src/cli.ts')
