#!/bin/sh
# Entry point of the container image (Dockerfile). Container defaults go in as THERMOTRUTH_* variables, the lowest
# precedence after flags, so `docker run thermotruth start --api-port 9500` still wins; and only for the commands
# that read them, so `docker run thermotruth sim ...` prints no "ignoring THERMOTRUTH_LISTEN" warning.
set -eu
case "${1:-}" in
  start | join)
    # The container's own network namespace: listen on all of its interfaces; publish ports with -p.
    : "${THERMOTRUTH_LISTEN:=/ip4/0.0.0.0/tcp/9400}"
    : "${THERMOTRUTH_API_HOST:=0.0.0.0}"
    : "${THERMOTRUTH_API_PORT:=9401}"
    export THERMOTRUTH_LISTEN THERMOTRUTH_API_HOST THERMOTRUTH_API_PORT
    ;;
esac
case "${1:-}" in
  start | join | init | status | report | verify)
    : "${THERMOTRUTH_DATA_DIR:=/data}"
    export THERMOTRUTH_DATA_DIR
    ;;
esac
# compose.yaml: a joining node learns its bootstrap address from a running peer's API (BOOTSTRAP_FROM_API, e.g.
# http://node0:9401), since a peer id exists only once that peer has made its key. Waits up to 120 s for it.
if [ -n "${BOOTSTRAP_FROM_API:-}" ] && [ -z "${THERMOTRUTH_BOOTSTRAP:-}" ]; then
  THERMOTRUTH_BOOTSTRAP="$(node --input-type=module -e '
    const api = process.argv[1]
    const deadline = Date.now() + 120_000
    for (;;) {
      try {
        const status = await (await fetch(`${api}/v1/status`, { signal: AbortSignal.timeout(2000) })).json()
        // Prefer an address other containers can reach; a peer on the host network may only have loopback.
        const addr = status.listen.find((a) => !a.startsWith("/ip4/127.")) ?? status.listen[0]
        if (addr) { console.log(addr); break }
      } catch {}
      if (Date.now() > deadline) { console.error(`no answer from ${api} within 120 s`); process.exit(1) }
      await new Promise((r) => setTimeout(r, 1000))
    }' "$BOOTSTRAP_FROM_API")"
  export THERMOTRUTH_BOOTSTRAP
fi
exec node /opt/thermotruth/packages/node/bin/thermotruth.js "$@"
