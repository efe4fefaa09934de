#!/usr/bin/env bash
# Installs Debian's prometheus (which brings promtool) for the metrics test when it is missing. Only the Debian
# package: the test machines reach nothing beyond the Debian mirror. Without it the test skips and says why.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-prometheus: no apt-get here; the Prometheus test will skip" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
echo "ensure-prometheus: installing Debian prometheus (once)" >&2
# --no-install-recommends: the exporters it recommends are not needed to scrape the test nodes.
$SUDO apt-get update >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends prometheus >&2 \
  || echo "ensure-prometheus: install failed; the Prometheus test will skip" >&2
