/**
 * Seeds the demo organisation and deploys the reference processes in processes/ through the engine (so their timer
 * start events are scheduled like any deployment's). Idempotent: running it again changes nothing, except that a
 * changed DEMO_PASSWORD re-hashes the demo users' passwords.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { hashPassword, verifyPassword } from '../api/auth/passwords';
import type { EngineDeps } from '../engine/deps';
import { deployResource, deployResources } from '../engine/deployments';
import type { Config } from '../platform/config';
import { createPrisma, type PrismaClient } from '../platform/db';
import type { Logger } from '../platform/logger';
import {
  demoAgency,
  demoClassifiedClerks,
  demoClearances,
  demoDepartments,
  demoPositions,
  demoRanks,
  demoRoles,
  demoStartPermissions,
  demoUsers,
  type DemoUser,
} from './demo-org';

const PROCESSES_DIR = path.resolve(__dirname, '../processes');
export const DEMO_ANALYST = 'analyst1';

export async function seedOrganisation(prisma: PrismaClient, demoPassword: string): Promise<void> {
  for (const role of demoRoles) {
    await prisma.role.upsert({ where: { code: role.code }, update: { name: role.name }, create: role });
  }
  for (const position of demoPositions) {
    await prisma.position.upsert({ where: { code: position.code }, update: {}, create: position });
  }
  for (const rank of demoRanks) {
    await prisma.rank.upsert({ where: { code: rank.code }, update: {}, create: rank });
  }
  const agency = await prisma.orgUnit.upsert({
    where: { code: demoAgency.code },
    update: {},
    create: { code: demoAgency.code, name: demoAgency.name, kind: 'AGENCY' },
  });
  for (const department of demoDepartments) {
    const parent = department.parent
      ? await prisma.orgUnit.findUniqueOrThrow({ where: { code: department.parent } })
      : agency;
    const unit = await prisma.orgUnit.upsert({
      where: { code: department.code },
      update: {},
      create: { code: department.code, name: department.name, kind: 'DEPARTMENT', parentId: parent.id },
    });
    await prisma.group.upsert({
      where: { code: department.code },
      update: {},
      create: { code: department.code, name: department.name, orgUnitId: unit.id },
    });
  }
  for (const demo of demoUsers) await seedUser(prisma, demo, agency.id, demoPassword);
  // Heads are set once their people exist; a head an administrator has since changed is left alone.
  for (const unit of [demoAgency, ...demoDepartments]) {
    if (!unit.head) continue;
    const head = await prisma.user.findUniqueOrThrow({ where: { username: unit.head } });
    await prisma.orgUnit.updateMany({ where: { code: unit.code, headId: null }, data: { headId: head.id } });
  }
  await seedClearances(prisma);
  await seedClassifiedClerks(prisma);
}

/** The classified-mail clerks' group and its demo members; members an administrator has since changed are kept. */
async function seedClassifiedClerks(prisma: PrismaClient): Promise<void> {
  const { group, members } = demoClassifiedClerks;
  if (await prisma.group.findUnique({ where: { code: group.code } })) return;
  const users = await prisma.user.findMany({ where: { username: { in: members } }, select: { id: true } });
  await prisma.group.create({
    data: { ...group, members: { create: users.map((user) => ({ userId: user.id })) } },
  });
}

/** Created when missing; one the security officer has since changed is left as it is. */
async function seedClearances(prisma: PrismaClient): Promise<void> {
  const expiresAt = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  for (const { username, grade } of demoClearances) {
    const user = await prisma.user.findUniqueOrThrow({ where: { username } });
    await prisma.clearance.upsert({
      where: { userId: user.id },
      update: {},
      create: { userId: user.id, grade, expiresAt },
    });
  }
}

async function seedUser(prisma: PrismaClient, demo: DemoUser, agencyId: string, demoPassword: string): Promise<void> {
  const orgUnitId = demo.department
    ? (await prisma.orgUnit.findUniqueOrThrow({ where: { code: demo.department } })).id
    : agencyId;
  const existing = await prisma.user.findUnique({ where: { username: demo.username } });
  const passwordHash =
    existing && (await verifyPassword(existing.passwordHash, demoPassword))
      ? existing.passwordHash
      : await hashPassword(demoPassword);
  const user = await prisma.user.upsert({
    where: { username: demo.username },
    update: { passwordHash },
    create: {
      username: demo.username,
      displayName: demo.displayName,
      email: `${demo.username}@onnara.local`,
      passwordHash,
      orgUnitId,
      positionCode: demo.position ?? null,
      rankCode: demo.rank ?? null,
      // The first row of the person's history in the org chart (engine/org/people.ts keeps it from then on).
      memberships: { create: { orgUnitId, positionCode: demo.position ?? null } },
    },
  });
  await prisma.userRole.upsert({
    where: { userId_roleCode: { userId: user.id, roleCode: demo.role } },
    update: {},
    create: { userId: user.id, roleCode: demo.role },
  });
  // Candidate groups are for the people who work queues: civil servants and managers, not analysts, auditors or
  // security officers.
  if (demo.department && (demo.role === 'civil-servant' || demo.role === 'manager')) {
    await prisma.groupMembership.upsert({
      where: { userId_groupCode: { userId: user.id, groupCode: demo.department } },
      update: {},
      create: { userId: user.id, groupCode: demo.department },
    });
  }
}

/**
 * Deploys each `.bpmn` file of processes/ on its own, and each folder of processes/ as one deployment of its BPMN and
 * form files together (a process and the forms its user tasks name). The deployer becomes the owner of each process
 * that has none (docs/access.md).
 */
export async function deployReferenceProcesses(
  deps: EngineDeps,
  deployedBy?: { id: string; username: string },
): Promise<Array<{ processId: string; version: number }>> {
  const deployed = [];
  for (const entry of readdirSync(PROCESSES_DIR, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const entryPath = path.join(PROCESSES_DIR, entry.name);
    if (entry.isDirectory()) {
      const resources = readdirSync(entryPath)
        .filter((name) => name.endsWith('.bpmn') || name.endsWith('.form'))
        .sort()
        .map((name) => ({ name, content: readFileSync(path.join(entryPath, name), 'utf8') }));
      deployed.push(...(await deployResources(deps, { resources, deployedBy })).processes);
    } else if (entry.name.endsWith('.bpmn')) {
      deployed.push(
        ...(await deployResource(deps, { xml: readFileSync(entryPath, 'utf8'), resourceName: entry.name, deployedBy })),
      );
    }
  }
  return deployed;
}

/** Start permissions of the reference processes; rows an administrator has since added or removed are kept. */
export async function seedStartPermissions(prisma: PrismaClient): Promise<void> {
  for (const { processId, units } of demoStartPermissions) {
    if (await prisma.processStartPermission.count({ where: { bpmnProcessId: processId } })) continue;
    const unitIds = await prisma.orgUnit.findMany({ where: { code: { in: units } }, select: { id: true } });
    await prisma.processStartPermission.createMany({
      data: unitIds.map((unit) => ({ bpmnProcessId: processId, orgUnitId: unit.id })),
    });
  }
}

/** Seeds with the configuration the worker and the API will run with (their database, Temporal and task queue). */
export async function seedDemo(options: { config: Config; demoPassword: string; logger: Logger }): Promise<void> {
  const { config, logger } = options;
  const prisma = createPrisma(config.DATABASE_URL);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    await seedOrganisation(prisma, options.demoPassword);
    const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    // The demo analyst deploys, and so owns, the reference processes: they read and operate their instances.
    const analyst = await prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
    await deployReferenceProcesses({ prisma, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, logger }, analyst);
    await seedStartPermissions(prisma);
  } finally {
    await Promise.allSettled([prisma.$disconnect(), connection.close()]);
  }
}
