#!/usr/bin/env node
// The polyfill must load before any libp2p module is evaluated (Node 20 lacks Promise.withResolvers).
import '../dist/src/polyfill.js'

const { runCli } = await import('../dist/src/cli/index.js')
await runCli(process.argv.slice(2))
