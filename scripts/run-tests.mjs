#!/usr/bin/env node
// Runs every compiled test file (packages/*/dist/test/**/*.test.js and test/dist/**/*.test.js) with node's
// test runner, so CI reads node's own `# pass N` / `# fail N` summary. Pass paths or substrings to filter.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const roots = [
  ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'dist', 'test')),
  join(root, 'test', 'dist'),
]

function walk(dir, out) {
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) walk(full, out)
    else if (name.endsWith('.test.js')) out.push(full)
  }
  return out
}

const filters = process.argv.slice(2)
const files = roots
  .flatMap((dir) => walk(dir, []))
  .filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))

if (files.length === 0) {
  console.error('run-tests: no compiled test files found; run `pnpm build` first')
  process.exit(1)
}

// Two cores: run two test files at a time; a hung test file is killed by the per-test timeout.
const args = ['--test', '--test-concurrency=2', '--test-timeout=300000', ...files]
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root })
process.exit(result.status ?? 1)
