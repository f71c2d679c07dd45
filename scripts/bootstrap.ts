/**
 * The one-shot bootstrap of a deployment (docker-compose.yml's `bootstrap` service): applies the migrations and,
 * when DEMO_PASSWORD is set, seeds the demo organisation and deploys the reference processes, exactly as
 * `npm start` does. Without DEMO_PASSWORD no demo user exists: create the first administrator with admin-bootstrap.
 * Idempotent: it runs on every `docker compose up`.
 */
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { migrateDeploy } from '../prisma/migrate';
import { seedDemo } from './seed';

async function main(): Promise<void> {
  // Compose passes an unset DEMO_PASSWORD as an empty string: that means no demo, not a too-short password.
  const { DEMO_PASSWORD: demoPassword, ...env } = process.env;
  const config = loadConfig(demoPassword ? { ...env, DEMO_PASSWORD: demoPassword } : env);
  const logger = createLogger('bootstrap', config.LOG_LEVEL);
  await migrateDeploy(config.DATABASE_URL);
  logger.info('migrations applied');
  if (!demoPassword) {
    logger.info('no DEMO_PASSWORD: no demo organisation seeded');
    return;
  }
  await seedDemo({ config, demoPassword, logger });
  logger.info('demo organisation and reference processes ready');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
