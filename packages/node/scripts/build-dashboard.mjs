#!/usr/bin/env node
// Bundles the dashboard page (src/dashboard/page: plain TS + uPlot) into dist/dashboard/app.{js,css}, which the
// node's HTTP server serves at / (no CDN: the page must work offline). esbuild because it is one fast, dependency-
// free step; typechecking is tsc -b's job (the page has its own tsconfig with the DOM lib).
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const pkg = fileURLToPath(new URL('..', import.meta.url))
const page = `${pkg}src/dashboard/page`
const common = { bundle: true, minify: true, sourcemap: true, logLevel: 'warning', absWorkingDir: pkg }

await build({ ...common, entryPoints: [`${page}/main.ts`], outfile: `${pkg}dist/dashboard/app.js`, format: 'esm', target: 'es2022', platform: 'browser' })
await build({ ...common, entryPoints: [`${page}/style.css`], outfile: `${pkg}dist/dashboard/app.css` })
