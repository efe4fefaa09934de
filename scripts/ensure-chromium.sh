#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard browser test when it is missing. Never downloads a browser build
# (the test machines have no internet beyond the Debian mirror); playwright-core drives /usr/bin/chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no apt-get here; the dashboard browser test will skip" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
echo "ensure-chromium: installing Debian chromium (a few minutes, once)" >&2
$SUDO apt-get update >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium >&2 \
  || echo "ensure-chromium: install failed; the dashboard browser test will skip" >&2
