#!/usr/bin/env bash
# Installs Debian's iproute2 (ip, tc) for the WAN emulation (scripts/wan) and its netns tests when it is missing.
# Only as root (network namespaces need root anyway); elsewhere the netns tests skip and say why.
set -euo pipefail
PATH="$PATH:/usr/sbin:/sbin"
if command -v ip >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-iproute2: not root; the netns tests (test/wan*, test/partition*) will skip" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-iproute2: no apt-get here; the netns tests will skip" >&2
  exit 0
fi
echo "ensure-iproute2: installing Debian iproute2 (once)" >&2
apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y iproute2 >&2 \
  || echo "ensure-iproute2: install failed; the netns tests will skip" >&2
