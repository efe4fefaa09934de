# ThermoTruth node image.
#
#   docker build -t thermotruth .            (or: podman build -t thermotruth .)
#   docker run --rm -v tt-data:/data -p 9400:9400 -p 127.0.0.1:9401:9401 thermotruth start --network testnet-1
#
# Ports (documented here and in docs/OPERATING.md; nothing is published unless you say -p):
#   9400/tcp  libp2p (TCP, Noise, Yamux): peers dial this one; publish it to the world on a public node.
#   9401/tcp  HTTP API, dashboard, /metrics: keep it private (bind the published port to 127.0.0.1).
# Volume: /data is the data dir (node key, ticket, LevelDB store). It outlives the container; back up node.key.
# User: the node runs as uid:gid 10001:10001, never root; a named volume inherits /data's ownership from the image.
#
# NODE_IMAGE can point at a mirror or a locally built Node 20 image where Docker Hub is unreachable.
ARG NODE_IMAGE=docker.io/library/node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# The pnpm of package.json's packageManager; npm is the fallback when corepack's signature check fails.
RUN (corepack enable pnpm && pnpm --version) \
 || (corepack disable pnpm; npm install -g "$(node -p "require('./package.json').packageManager")")
# Manifests first: the dependency layer is rebuilt only when a manifest or the lockfile changes, not on every edit.
COPY packages/pow/package.json packages/pow/
COPY packages/anneal/package.json packages/anneal/
COPY packages/protocol/package.json packages/protocol/
COPY packages/node/package.json packages/node/
COPY test/package.json test/
RUN pnpm install --frozen-lockfile
COPY tsconfig.base.json tsconfig.json ./
COPY packages ./packages
COPY configs ./configs
RUN pnpm exec tsc -b packages/node \
 && node packages/node/scripts/build-dashboard.mjs \
 && pnpm --filter @thermotruth/node deploy --prod --legacy /opt/thermotruth/packages/node \
 && cp -r configs /opt/thermotruth/configs \
 && mkdir -p /opt/data

FROM ${NODE_IMAGE} AS runtime
# Same layout as the checkout (packages/node beside configs/), so the CLI finds its bundled network configs.
COPY --from=build /opt/thermotruth /opt/thermotruth
COPY --from=build --chown=10001:10001 /opt/data /data
ENV HOME=/data NODE_ENV=production
VOLUME ["/data"]
EXPOSE 9400/tcp 9401/tcp
USER 10001:10001
WORKDIR /data
# Sets the container defaults (data dir /data, listen 0.0.0.0:9400, API 0.0.0.0:9401) for the commands that use them.
ENTRYPOINT ["/opt/thermotruth/packages/node/bin/container-entrypoint.sh"]
CMD ["start"]
