/**
 * Messages and signals, published from outside (the API) or thrown by a process (activities): the open
 * subscriptions that match get the delivery as a Temporal signal, and the processes whose latest version starts on
 * that message or signal get a new instance.
 *
 * A message and the subscriptions of its name and correlation key meet under one advisory lock, taken here and by
 * the openSubscription activity: a message published while a subscription is being opened is either seen by that
 * subscription (buffered) or finds it (delivered), never neither, and a buffered message reaches each instance once
 * (MessageCorrelation).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Variables } from '../shared/feel';
import {
  deliverMessageSignal,
  deliverSignalSignal,
  type MessageDelivery,
  type SignalDelivery,
} from '../shared/workflow-contract';
import { asJson, type Prisma } from '../platform/db';
import { nameBasedUuid } from '../platform/ids';
import type { EngineDeps } from './deps';
import { appendAudit } from './audit';
import { startProcessInstance, type StartProcessInstanceInput } from './instances';
import { refuseOversizedVariables } from './variables-limit';

/** The person behind a start: their unit becomes the instance's (docs/access.md). */
type Starter = StartProcessInstanceInput['startedBy'];

export type SubscriptionKindName = 'message' | 'signal';

/** Starting instances inside the transaction takes a Temporal round trip each: more than Prisma's 5 s default allows under load. */
const START_TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 10_000 };

/**
 * Serialises everything that matches messages (or signals) of one name and key: publishing, opening a subscription.
 * Held to the end of the transaction.
 */
export async function lockSubscriptions(
  tx: Prisma.TransactionClient,
  kind: SubscriptionKindName,
  name: string,
  correlationKey?: string,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${kind}:${name}:${correlationKey ?? ''}`}))`;
}

/** Some deliveries or starts failed for a reason other than the instance having ended: retrying is safe. */
export class DeliveryError extends Error {
  constructor(
    what: string,
    readonly failures: unknown[],
  ) {
    super(
      `${what}: ${failures.length} deliveries or starts failed (${failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join('; ')})`,
    );
    this.name = 'DeliveryError';
  }
}

export interface PublishMessageInput {
  name: string;
  correlationKey: string;
  variables: Variables;
  /** Keep the message this long for subscriptions opened later; 0 or none: only the subscriptions open now. */
  timeToLiveMs?: number;
  /** Given by a throw event (stable across activity retries): republishing the same id changes nothing twice. */
  messageId?: string;
  /** The publisher; a message start takes their unit as the instance's. */
  publishedBy?: Starter;
}

export interface PublishMessageResult {
  messageId: string;
  correlatedInstanceIds: string[];
  startedInstanceIds: string[];
  buffered: boolean;
}

export async function publishMessage(deps: EngineDeps, input: PublishMessageInput): Promise<PublishMessageResult> {
  refuseOversizedVariables(`message '${input.name}'`, input.variables);
  const { prisma } = deps;
  const messageId = input.messageId ?? randomUUID();
  const now = deps.now?.() ?? new Date();
  const ttl = input.timeToLiveMs ?? 0;
  const buffered = ttl > 0;

  const { instanceIds, started } = await prisma.$transaction(async (tx) => {
    await lockSubscriptions(tx, 'message', input.name, input.correlationKey);
    const subscriptions = await tx.eventSubscription.findMany({
      where: { kind: 'MESSAGE', name: input.name, correlationKey: input.correlationKey },
      orderBy: { createdAt: 'asc' },
      select: { processInstanceId: true },
    });
    const starts = await withoutRunningCase(
      tx,
      startTargets(
        await tx.eventStartSubscription.findMany({ where: { kind: 'MESSAGE', name: input.name } }),
        `message:${messageId}`,
      ),
      input.correlationKey,
    );
    const instanceIds = unique(subscriptions.map((row) => row.processInstanceId));
    if (buffered) {
      await tx.bufferedMessage.createMany({
        data: [
          {
            id: messageId,
            name: input.name,
            correlationKey: input.correlationKey,
            variables: asJson(input.variables),
            publishedAt: now,
            expiresAt: new Date(now.getTime() + ttl),
          },
        ],
        skipDuplicates: true,
      });
      // The instances it reaches now, and the ones it starts, never get it again from the buffer.
      const reached = [...instanceIds, ...starts.map((start) => start.instanceId)];
      await tx.messageCorrelation.createMany({
        data: reached.map((processInstanceId) => ({ messageId, processInstanceId, correlatedAt: now })),
        skipDuplicates: true,
      });
    }
    // Started while the lock is held, so a second message with the same key sees the running case. A message-started
    // instance carries the correlation key as its business key: the case it is about.
    const started = await startAll(
      deps,
      starts,
      input.variables,
      { trigger: 'message', messageId, messageName: input.name },
      input.publishedBy,
      input.correlationKey || undefined,
    );
    // Last: the audit append holds the chain's head until commit, and the starts above append on other connections.
    await auditOnce(tx, {
      actor: input.publishedBy?.username,
      action: 'message.published',
      objectType: 'Message',
      objectId: messageId,
      details: { name: input.name, correlationKey: input.correlationKey, timeToLiveMs: ttl },
    });
    return { instanceIds, started };
  }, START_TRANSACTION_OPTIONS);

  const delivery: MessageDelivery = {
    messageId,
    name: input.name,
    correlationKey: input.correlationKey,
    variables: input.variables,
  };
  const delivered = await deliver(deps, instanceIds, (id) =>
    deps.temporal.workflow.getHandle(id).signal(deliverMessageSignal, delivery),
  );
  const failures = [...delivered.failures, ...started.failures];
  if (failures.length > 0) throw new DeliveryError(`Message '${input.name}' (${messageId})`, failures);
  return { messageId, correlatedInstanceIds: delivered.ids, startedInstanceIds: started.ids, buffered };
}

export interface BroadcastSignalInput {
  name: string;
  variables: Variables;
  /** Given by a throw event (stable across activity retries). */
  signalId?: string;
  /** The broadcaster; a signal start takes their unit as the instance's. */
  broadcastBy?: Starter;
}

export interface BroadcastSignalResult {
  signalId: string;
  deliveredInstanceIds: string[];
  startedInstanceIds: string[];
}

export async function broadcastSignal(deps: EngineDeps, input: BroadcastSignalInput): Promise<BroadcastSignalResult> {
  refuseOversizedVariables(`signal '${input.name}'`, input.variables);
  const { prisma } = deps;
  const signalId = input.signalId ?? randomUUID();
  const { instanceIds, starts } = await prisma.$transaction(async (tx) => {
    await lockSubscriptions(tx, 'signal', input.name);
    const subscriptions = await tx.eventSubscription.findMany({
      where: { kind: 'SIGNAL', name: input.name },
      orderBy: { createdAt: 'asc' },
      select: { processInstanceId: true },
    });
    const starts = startTargets(
      await tx.eventStartSubscription.findMany({ where: { kind: 'SIGNAL', name: input.name } }),
      `signal:${signalId}`,
    );
    await auditOnce(tx, {
      actor: input.broadcastBy?.username,
      action: 'signal.broadcast',
      objectType: 'Signal',
      objectId: signalId,
      details: { name: input.name },
    });
    return { instanceIds: unique(subscriptions.map((row) => row.processInstanceId)), starts };
  });
  const delivery: SignalDelivery = { signalId, name: input.name, variables: input.variables };
  const delivered = await deliver(deps, instanceIds, (id) =>
    deps.temporal.workflow.getHandle(id).signal(deliverSignalSignal, delivery),
  );
  const started = await startAll(
    deps,
    starts,
    input.variables,
    { trigger: 'signal', signalId, signalName: input.name },
    input.broadcastBy,
  );
  const failures = [...delivered.failures, ...started.failures];
  if (failures.length > 0) throw new DeliveryError(`Signal '${input.name}' (${signalId})`, failures);
  return { signalId, deliveredInstanceIds: delivered.ids, startedInstanceIds: started.ids };
}

interface StartTarget {
  definitionId: string;
  processId: string;
  elementId: string;
  /** Derived from the message or signal id and the process: a retried publish starts nothing twice. */
  instanceId: string;
}

/**
 * Zeebe's rule for message starts: while an instance of a process is running for a correlation key (its business
 * key), another message with that key starts no second one. (A retry of the same message keeps its own instance.)
 */
async function withoutRunningCase(
  tx: Prisma.TransactionClient,
  targets: StartTarget[],
  correlationKey: string,
): Promise<StartTarget[]> {
  if (correlationKey === '' || targets.length === 0) return targets;
  const running = await tx.processInstance.findMany({
    where: {
      bpmnProcessId: { in: targets.map((target) => target.processId) },
      businessKey: correlationKey,
      state: { in: ['ACTIVE', 'INCIDENT'] },
    },
    select: { id: true, bpmnProcessId: true },
  });
  return targets.filter(
    (target) =>
      !running.some((instance) => instance.bpmnProcessId === target.processId && instance.id !== target.instanceId),
  );
}

/** One start per process (a process has one start event per message or signal name). */
function startTargets(
  rows: Array<{ definitionId: string; bpmnProcessId: string; elementId: string }>,
  triggerKey: string,
): StartTarget[] {
  const byProcess = new Map<string, StartTarget>();
  for (const row of rows) {
    if (byProcess.has(row.bpmnProcessId)) continue;
    byProcess.set(row.bpmnProcessId, {
      definitionId: row.definitionId,
      processId: row.bpmnProcessId,
      elementId: row.elementId,
      instanceId: nameBasedUuid(`start:${triggerKey}:${row.bpmnProcessId}`),
    });
  }
  return [...byProcess.values()];
}

/**
 * Signals each instance's workflow. A workflow that has already ended is skipped (its stale subscription rows go);
 * other failures are collected for the caller.
 */
async function deliver(
  deps: EngineDeps,
  instanceIds: string[],
  send: (id: string) => Promise<void>,
): Promise<{ ids: string[]; failures: unknown[] }> {
  const results = await Promise.allSettled(instanceIds.map((id) => send(id)));
  const ids: string[] = [];
  const ended: string[] = [];
  const failures: unknown[] = [];
  results.forEach((result, index) => {
    const id = instanceIds[index]!;
    if (result.status === 'fulfilled') ids.push(id);
    else if (result.reason instanceof WorkflowNotFoundError) ended.push(id);
    else failures.push(result.reason);
  });
  if (ended.length > 0) {
    await deps.prisma.eventSubscription.deleteMany({ where: { processInstanceId: { in: ended } } });
    deps.logger.info({ instances: ended }, 'skipped deliveries to instances that have ended');
  }
  if (failures.length > 0)
    deps.logger.error({ failures: failures.length, of: instanceIds.length }, 'some deliveries failed');
  return { ids, failures };
}

async function startAll(
  deps: EngineDeps,
  targets: StartTarget[],
  variables: Variables,
  auditDetails: Record<string, string>,
  startedBy?: Starter,
  businessKey?: string,
): Promise<{ ids: string[]; failures: unknown[] }> {
  const ids: string[] = [];
  const failures: unknown[] = [];
  for (const target of targets) {
    try {
      const definition = await deps.prisma.processDefinition.findUniqueOrThrow({ where: { id: target.definitionId } });
      await startProcessInstance(deps, {
        definition,
        instanceId: target.instanceId,
        variables,
        businessKey,
        startElementId: target.elementId,
        startedBy,
        auditDetails,
      });
      ids.push(target.instanceId);
    } catch (error) {
      failures.push(error);
    }
  }
  return { ids, failures };
}

/** One audit row per message or signal id, however often a retried activity publishes it. */
async function auditOnce(
  tx: Prisma.TransactionClient,
  row: { actor?: string; action: string; objectType: string; objectId: string; details: Prisma.InputJsonObject },
): Promise<void> {
  const existing = await tx.auditLog.findFirst({
    where: { objectType: row.objectType, objectId: row.objectId, action: row.action },
    select: { id: true },
  });
  if (!existing) await appendAudit(tx, row);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
