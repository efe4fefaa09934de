#!/usr/bin/env bash
# One entry point for a fresh machine that has only Node (>= 20.19) and npm.
#   bash scripts/bootstrap.sh start   install everything, build, run a local swarm (the main job)
#   bash scripts/bootstrap.sh test    install everything, lint, typecheck, build and run every test
set -euo pipefail
cd "$(dirname "$0")/.."

want_pnpm="$(node -p "require('./package.json').packageManager.split('@')[1]")"

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$want_pnpm" ]; then return; fi
  echo "bootstrap: installing pnpm $want_pnpm" >&2
  # corepack ships with Node but its signature check fails on some registries; npm is the fallback.
  if command -v corepack >/dev/null 2>&1 && corepack prepare "pnpm@$want_pnpm" --activate >/dev/null 2>&1 \
    && [ "$(pnpm --version 2>/dev/null)" = "$want_pnpm" ]; then return; fi
  corepack disable pnpm >/dev/null 2>&1 || true
  npm install -g "pnpm@$want_pnpm" >&2
  hash -r
}

ensure_pnpm
pnpm install --frozen-lockfile >&2

case "${1:-start}" in
  start) shift || true; pnpm run build >&2; exec node packages/node/bin/thermotruth.js swarm --config configs/local.json "$@" ;;
  # The dashboard browser test needs Debian's chromium: installed once with apt (never a downloaded build).
  # The netns tests (WAN emulation, partition) need iproute2 and root; elsewhere they skip and say why.
  test) bash scripts/ensure-chromium.sh; bash scripts/ensure-iproute2.sh; bash scripts/ensure-prometheus.sh; pnpm test ;;
  *) echo "usage: bash scripts/bootstrap.sh start|test" >&2; exit 2 ;;
esac
