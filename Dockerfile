# cityplan image: one image for the API and the worker (compose picks the command).
# tests/install/image-install.test.ts replays this file's build stage (its COPY and RUN lines)
# in a scratch directory and starts the API from it, so keep those lines plain shell.

# Node.js pinned to the release the project is tested on (package.json's `node` devDependency).
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
# patches/ before the install: `postinstall: patch-package` applies them to node_modules.
# patch-package is a dependency (not a dev one) so that this production install can run it;
# the dev tools (TypeScript, vitest, the `node` binary package) stay out of the image.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
# Node 24 sizes V8's young generation from the host's memory; 16 MB (Node 20's default) keeps an
# idle API near 220 MB instead of 330 MB (docs/benchmarks.md). npm start/api/worker pass the same flag.
ENV NODE_OPTIONS=--max-semi-space-size=16
WORKDIR /app
# Owned by root and read-only to the app: it runs as the unprivileged `node` user of the base image.
COPY --from=build /app /app
USER node
EXPOSE 3000
# Exec form: `node` itself receives SIGTERM (npm would swallow it) and shuts down gracefully.
# Compose adds `init: true` so a small init is PID 1, forwards signals and reaps zombies.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "services/api.ts"]
