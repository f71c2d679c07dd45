# One image for the api and the worker (production shape; see docker-compose.yml). Node 20.19+ loads the ESM-only
# dependencies through require(esm); tsx runs the TypeScript sources without a separate emit step.
FROM node:20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
COPY modeler-ui ./modeler-ui
RUN npm ci --include=dev
COPY . .
# Bundle the workflows once, so workers start without webpack.
RUN npx tsx scripts/bundle-workflows.ts
USER node
EXPOSE 3000
CMD ["npx", "tsx", "api/main.ts"]
