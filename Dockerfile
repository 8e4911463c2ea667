# One image for every process of the platform; docker-compose.yml picks the entry per service.
FROM node:20.20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg ca-certificates curl \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm cache clean --force \
  && node clients/web/scripts/build.mjs && rm -rf clients/web/.next/cache
# the creator studio's SPA (clients/studio/dist), served by its own service
RUN node clients/studio/scripts/build.mjs
# the platform's Node flags (packages/launcher/src/node-flags.ts says why)
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS=--max-semi-space-size=64
# what the processes write at run time must be the runtime user's: the data folder (transcode
# scratch, live HLS) and Next.js's cache (fetch and image caches of the web app)
RUN mkdir -p /app/.data /app/clients/web/.next/cache \
  && chown node:node /app/.data /app/clients/web/.next/cache
USER node
# e.g. subgraphs/users/src/main.ts or gateway/src/main.ts
CMD ["node", "-r", "@swc-node/register", "gateway/src/main.ts"]
