// Prisma 7 configuration for `prisma generate`. Migrations run through prisma/migrate.ts (see the comment there).
// process.env is read directly: Prisma's env() throws when DATABASE_URL is unset, as in a build step.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
