/**
 * `npm run admin:bootstrap`: creates the one administrator a production installation starts from, or resets that
 * account's password (ending its sessions and lifting a lockout), from ADMIN_USERNAME and ADMIN_PASSWORD. Audited.
 * Production never runs the demo seed, so this is how the first person gets in (docs/security.md).
 *
 *   ADMIN_USERNAME=admin ADMIN_PASSWORD='…' DATABASE_URL=postgresql://… npm run admin:bootstrap
 */
import { z } from 'zod';
import { Role } from '../api/auth/ability';
import { throttleKeys } from '../api/auth/login-throttle';
import { hashPassword } from '../api/auth/passwords';
import { appendAudit } from '../engine/audit';
import { loadConfig } from '../platform/config';
import { createPrisma, type PrismaClient } from '../platform/db';
import { DEFAULT_DEMO_PASSWORD, demoRoles } from './demo-org';

const characterClasses = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

export const administratorInput = z
  .object({
    ADMIN_USERNAME: z
      .string()
      .regex(/^[a-z][a-z0-9._-]{2,49}$/, 'must be 3 to 50 lower-case letters, digits, ".", "_" or "-"'),
    ADMIN_PASSWORD: z
      .string()
      .min(12, 'must be at least 12 characters')
      .max(200)
      .refine((password) => characterClasses.filter((kind) => kind.test(password)).length >= 3, {
        message: 'must mix at least three of: lower-case, upper-case, digits, other characters',
      })
      .refine((password) => password !== DEFAULT_DEMO_PASSWORD, { message: 'must not be the demo password' }),
  })
  .refine((input) => !input.ADMIN_PASSWORD.toLowerCase().includes(input.ADMIN_USERNAME), {
    message: 'must not contain the username',
    path: ['ADMIN_PASSWORD'],
  });

export type AdministratorInput = z.infer<typeof administratorInput>;

/** Creates the administrator, or resets its password and reactivates it; answers which it did. */
export async function bootstrapAdministrator(
  prisma: PrismaClient,
  input: AdministratorInput,
): Promise<'created' | 'reset'> {
  const username = input.ADMIN_USERNAME;
  const passwordHash = await hashPassword(input.ADMIN_PASSWORD);
  return prisma.$transaction(async (tx) => {
    // A production database has no demo seed, so the role catalogue may be missing too.
    for (const role of demoRoles) await tx.role.upsert({ where: { code: role.code }, update: {}, create: role });
    const existing = await tx.user.findUnique({ where: { username } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { passwordHash, active: true } })
      : await tx.user.create({ data: { username, displayName: username, passwordHash } });
    await tx.userRole.upsert({
      where: { userId_roleCode: { userId: user.id, roleCode: Role.Admin } },
      update: {},
      create: { userId: user.id, roleCode: Role.Admin },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.loginThrottle.deleteMany({ where: { key: throttleKeys(username, undefined).account } });
    const outcome = existing ? 'reset' : 'created';
    await appendAudit(tx, {
      actor: null,
      action: 'user.admin-bootstrap',
      objectType: 'User',
      objectId: user.id,
      details: { username, outcome },
      outcome: 'success',
    });
    return outcome;
  });
}

async function main(): Promise<void> {
  const parsed = administratorInput.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Set ADMIN_USERNAME and a strong ADMIN_PASSWORD:\n${problems}`);
  }
  const prisma = createPrisma(loadConfig().DATABASE_URL);
  try {
    const outcome = await bootstrapAdministrator(prisma, parsed.data);
    console.log(`Administrator ${parsed.data.ADMIN_USERNAME} ${outcome}.`);
  } finally {
    await prisma.$disconnect();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
