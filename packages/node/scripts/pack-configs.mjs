#!/usr/bin/env node
// `pnpm pack` lifecycle: the CLI reads bundled network configs (configs/local.json, testnet.json) from the repository
// root, which an installed tarball does not have. prepack copies them into the package (listed in "files"),
// postpack removes the copy again so the checkout keeps one source of truth. src/config/paths.ts looks in the
// repository first, then in the package.
import { cpSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const pkg = fileURLToPath(new URL('..', import.meta.url))
const inPackage = `${pkg}configs`
if (process.argv[2] === 'clean') rmSync(inPackage, { recursive: true, force: true })
else cpSync(fileURLToPath(new URL('../../../configs', import.meta.url)), inPackage, { recursive: true })
