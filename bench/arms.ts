/**
 * The three arms, started the way the API starts instances (the bench process stands in for the API: it calls the
 * service functions directly, without HTTP):
 *   A  processes/demo-approval.bpmn on the interpreter, started by api/services/instances.ts startInstance;
 *   B  bench/bare-workflow.ts, started with the same database writes as startInstance;
 *   C  bench/start-end.bpmn (none start → none end) on the interpreter, for the fixed cost of an instance.
 * driver.ts runs them.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineAbilityFor, type Caller } from '../api/auth/ability';
import { toPrincipal } from '../api/auth/sessions';
import { engineDeps, type AppDeps } from '../api/deps';
import { startInstance } from '../api/services/instances';
import type { EngineDeps } from '../engine/deps';
import { deployResource } from '../engine/deployments';
import { appendAudit } from '../engine/audit';
import type { Client as TemporalClient } from '@temporalio/client';
import type { Logger } from 'pino';
import { loadConfig } from '../platform/config';
import { asJson, type PrismaClient } from '../platform/db';
import type { Variables } from '../shared/feel';
import type { BareApprovalInput } from './bare-workflow';
import { BARE_TASK_QUEUE, ENGINE_TASK_QUEUE, type BenchStack } from './stack';

export type ArmKey = 'A' | 'B' | 'C';

/** The bot is the caller of the API services. */
export interface ArmContext extends Caller {
  app: AppDeps;
  bareTaskQueue: string;
}

export interface Arm {
  key: ArmKey;
  label: string;
  hasTask: boolean;
  start(ctx: ArmContext, n: number): Promise<string>;
}

const START_END_XML = readFileSync(join(__dirname, 'start-end.bpmn'), 'utf8');
const DEMO_XML = readFileSync(join(__dirname, '..', 'processes', 'demo-approval.bpmn'), 'utf8');
export const BOT_USER = 'clerk1';
export const APPROVAL: Variables = { approved: true, comment: '서류 확인 완료' };

const demoVariables = (n: number): Variables => ({
  applicantEmail: `applicant-${n}@citizen.example.kr`,
  applicantName: '홍길동',
});

export const arms: Record<ArmKey, Arm> = {
  A: {
    key: 'A',
    label: 'A: interpreter, demo',
    hasTask: true,
    start: async (ctx, n) =>
      (await startInstance(ctx.app, ctx, { processId: 'demo-approval', variables: demoVariables(n) })).id,
  },
  B: {
    key: 'B',
    label: 'B: bare Temporal workflow',
    hasTask: true,
    start: (ctx, n) => startBare(ctx, demoVariables(n)),
  },
  C: {
    key: 'C',
    label: 'C: interpreter, start → end',
    hasTask: false,
    start: async (ctx) => (await startInstance(ctx.app, ctx, { processId: 'bench-start-end', variables: {} })).id,
  },
};

/**
 * Arm B's start: the same statements as startInstance (definition lookup, index row, audit row; the task row and
 * the instance's completion need the index row), and a Temporal start of the bare workflow.
 */
export async function startBare({ app, principal, bareTaskQueue }: ArmContext, variables: Variables): Promise<string> {
  const { prisma, temporal } = app;
  // Only the columns the row and the audit entry need, as A's start reads its graph from memory.
  const definition = await prisma.processDefinition.findFirstOrThrow({
    where: { bpmnProcessId: 'demo-approval' },
    orderBy: { version: 'desc' },
    select: { id: true, bpmnProcessId: true, version: true },
  });
  const id = randomUUID();
  await prisma.processInstance.create({
    data: {
      id,
      definitionId: definition.id,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      variables: asJson(variables),
      startedById: principal.id,
    },
  });
  const input: BareApprovalInput = { instanceId: id, variables };
  await temporal.workflow.start('bareApproval', { taskQueue: bareTaskQueue, workflowId: id, args: [input] });
  await appendAudit(prisma, {
    actor: principal.username,
    action: 'instance.started',
    objectType: 'ProcessInstance',
    objectId: id,
    details: { processId: definition.bpmnProcessId, version: definition.version },
  });
  return id;
}

/** Deploys the models of arms A and C through the engine, as the deployments service does. */
export async function deployArmModels(deps: EngineDeps): Promise<void> {
  await deployResource(deps, { xml: DEMO_XML, resourceName: 'demo-approval.bpmn' });
  await deployResource(deps, { xml: START_END_XML, resourceName: 'start-end.bpmn' });
}

/** The bot acts as clerk1 of the seeded demo organisation (scripts/seed.ts). */
export async function armContext(app: AppDeps, bareTaskQueue: string): Promise<ArmContext> {
  const user = await app.prisma.user.findUniqueOrThrow({
    where: { username: BOT_USER },
    include: { roles: true, groups: true },
  });
  const principal = toPrincipal(user);
  return { app, principal, ability: defineAbilityFor(principal), bareTaskQueue };
}

/** The API's dependencies over a running bench stack, both arms' models deployed, and the arms' context. */
export async function prepareArms(
  stack: BenchStack,
  prisma: PrismaClient,
  temporal: TemporalClient,
  logger: Logger,
): Promise<{ app: AppDeps; ctx: ArmContext }> {
  const config = loadConfig({
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: ENGINE_TASK_QUEUE,
    SMTP_URL: stack.smtpUrl,
    LOG_LEVEL: 'warn',
  });
  const ok = () => Promise.resolve();
  const app: AppDeps = { config, prisma, temporal, logger, probes: { temporal: ok, database: ok, smtp: ok } };
  await deployArmModels(engineDeps(app));
  return { app, ctx: await armContext(app, BARE_TASK_QUEUE) };
}
