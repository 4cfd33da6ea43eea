# syntax=docker/dockerfile:1
#
# One image for every Handover process; the command picks the role:
#   node --import tsx api/main.ts        HTTP API + agent console on $PORT (default 3000)
#   node --import tsx worker/main.ts     Temporal worker (prebuilt workflow bundle + activities)
#   node --import tsx runtime/migrate.ts database migrations, then exit
# Build: docker build -t handover .     (docker-compose.yml builds it for you)

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- base: Node plus the npm that honours package.json "allowScripts" ---------------------------------------
FROM ${NODE_IMAGE} AS base
# npm 11 reads the `allowScripts` policy in package.json (which dependencies may run install scripts); the
# npm 10 bundled with Node 20 ignores it. Pinned to the version the lockfile is maintained with.
ARG NPM_VERSION=11.19.1
RUN npm install --global "npm@${NPM_VERSION}" && npm cache clean --force
ENV npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
WORKDIR /app

# ---- deps: production dependencies only (tsx is one of them) -------------------------------------------------
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev

# ---- build: full install, then the console (console/build) and the workflow bundle (dist/workflow-bundle.js) --
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci
COPY . .
# Build, check both outputs exist, then drop what the runtime stage must not inherit (dev dependencies, caches).
RUN npm run build \
 && test -f dist/workflow-bundle.js \
 && test -f console/build/handler.js \
 && rm -rf node_modules .svelte-kit console/.svelte-kit

# ---- runtime -------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini: PID 1 that forwards SIGTERM to node and reaps zombies (graceful worker shutdown on `docker stop`).
# ca-certificates: system CA roots for TLS made outside Node's own bundle (the Temporal core's Rust client).
RUN apt-get update \
 && apt-get install --yes --no-install-recommends ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root: the `node` user can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app ./
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "api/main.ts"]
