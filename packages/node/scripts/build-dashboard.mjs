#!/usr/bin/env node
// Bundles the dashboard pages (src/dashboard/page: plain TS + uPlot) into dist/dashboard/{app,swarm}.js and app.css:
// the node's HTTP server serves app.js at /, the swarm launcher's aggregate server swarm.js (no CDN: the pages must
// work offline). esbuild because it is one fast, dependency-
// free step; typechecking is tsc -b's job (the page has its own tsconfig with the DOM lib).
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const pkg = fileURLToPath(new URL('..', import.meta.url))
const page = `${pkg}src/dashboard/page`
const common = { bundle: true, minify: true, sourcemap: true, logLevel: 'warning', absWorkingDir: pkg }

await build({ ...common, entryPoints: [`${page}/main.ts`], outfile: `${pkg}dist/dashboard/app.js`, format: 'esm', target: 'es2022', platform: 'browser' })
await build({ ...common, entryPoints: [`${page}/swarm-main.ts`], outfile: `${pkg}dist/dashboard/swarm.js`, format: 'esm', target: 'es2022', platform: 'browser' })
await build({ ...common, entryPoints: [`${page}/style.css`], outfile: `${pkg}dist/dashboard/app.css` })
