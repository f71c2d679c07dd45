/** Users beyond the demo organisation, for tests that need a second person of a role (another analyst's drafts). */
import type { RoleCode } from '../../api/auth/ability';
import { hashPassword } from '../../api/auth/passwords';
import type { PrismaClient } from '../../platform/db';
import { PASSWORD } from './stack';

/** A user with one role and the test password, so that `stack.login(username)` works. */
export async function addUser(prisma: PrismaClient, username: string, role: RoleCode): Promise<void> {
  await prisma.user.create({
    data: {
      username,
      displayName: `${username} (test)`,
      passwordHash: await hashPassword(PASSWORD),
      roles: { create: { roleCode: role } },
    },
  });
}
