#!/usr/bin/env node
// The `dateline` command. Runs the TypeScript sources directly through tsx, so a checkout needs
// no build step: `npm ci && npm start` is all.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
