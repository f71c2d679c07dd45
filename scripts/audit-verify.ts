/**
 * `npm run audit:verify`: walks the audit chain of the database in DATABASE_URL and prints
 * `{ok, checked, firstBrokenId?, head?}` as JSON; exits 1 when the chain is broken (docs/audit.md).
 */
import { verifyAuditTrail } from '../engine/audit-trail';
import { loadConfig } from '../platform/config';
import { createPrisma } from '../platform/db';

async function main(): Promise<number> {
  const prisma = createPrisma(loadConfig().DATABASE_URL);
  try {
    const verdict = await verifyAuditTrail(prisma);
    process.stdout.write(`${JSON.stringify(verdict)}\n`);
    return verdict.ok ? 0 : 1;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify could not walk the chain: ${String((error as Error).stack ?? error)}\n`);
    process.exit(2);
  },
);
