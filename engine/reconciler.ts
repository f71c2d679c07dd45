/**
 * The reconciler: the instance index (PostgreSQL) and the interpreter workflows (Temporal) must describe the same
 * instances. It finds rows that claim to run without a running workflow, and running workflows without a row,
 * repairs each and says what it did: one log line per repair and the report it returns (docs/reliability.md).
 *
 * Every repair is conditional or idempotent (a start under the instance's id with REJECT_DUPLICATE, updates that
 * match only a still-running row, a row created under the workflow's id), so two reconcilers running at once — one
 * per worker — repair each inconsistency once.
 */
import { WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { Prisma } from '../platform/db';
import type { ProcessInstance } from '../prisma/generated/client';
import { PROCESS_WORKFLOW, type ProcessInput } from '../shared/workflow-contract';
import { appendAudit } from './audit';
import type { EngineDeps } from './deps';
import { instanceRowOf, startInterpreter, type PendingStart } from './instances';

/** Rows and workflows younger than this are left alone: their start may still be under way. */
export const DEFAULT_GRACE_MS = 60_000;

export type Repair =
  /** A row whose workflow never started: started now from the row. */
  | { kind: 'workflowStarted'; instanceId: string; reason: string }
  /** A row whose start was never confirmed although its workflow exists: confirmed. */
  | { kind: 'startConfirmed'; instanceId: string; reason: string }
  /** A running row whose workflow is gone or ended without recording it: closed as CANCELED with the reason. */
  | { kind: 'rowClosed'; instanceId: string; reason: string }
  /** A running workflow without a row: the row written from the workflow's input. */
  | { kind: 'rowWritten'; instanceId: string; reason: string }
  /** An inconsistency this pass could not repair; it says why and is found again by the next pass. */
  | { kind: 'unrepaired'; instanceId: string; reason: string };

export interface ReconcileReport {
  /** Running rows older than the grace period that were compared. */
  rowsChecked: number;
  /** Running interpreter workflows on this task queue older than the grace period. */
  workflowsChecked: number;
  repairs: Repair[];
}

const RUNNING_STATES = ['ACTIVE', 'INCIDENT'] as const;

export async function reconcileInstances(
  deps: EngineDeps,
  options: { graceMs?: number } = {},
): Promise<ReconcileReport> {
  const now = deps.now?.() ?? new Date();
  const settledBefore = new Date(now.getTime() - (options.graceMs ?? DEFAULT_GRACE_MS));
  const workflowIds = await runningWorkflowIds(deps, settledBefore);
  const rows = await deps.prisma.processInstance.findMany({
    where: { state: { in: [...RUNNING_STATES] }, startedAt: { lt: settledBefore } },
    select: { id: true, pendingStart: true },
  });
  const repairs: Repair[] = [];
  const record = (repair: Repair | undefined) => {
    if (!repair) return;
    repairs.push(repair);
    deps.logger.warn({ reconciler: repair.kind, instanceId: repair.instanceId, reason: repair.reason }, 'reconciled');
  };
  for (const row of rows) {
    if (row.pendingStart === null && workflowIds.has(row.id)) continue;
    record(await repairRow(deps, row.id));
  }
  const indexed = new Set(
    (await deps.prisma.processInstance.findMany({ where: { id: { in: [...workflowIds] } }, select: { id: true } })).map(
      ({ id }) => id,
    ),
  );
  for (const id of workflowIds) if (!indexed.has(id)) record(await writeMissingRow(deps, id));
  return { rowsChecked: rows.length, workflowsChecked: workflowIds.size, repairs };
}

/** The interpreter workflows of this task queue that run and started before the given time. */
async function runningWorkflowIds({ temporal, taskQueue }: EngineDeps, startedBefore: Date): Promise<Set<string>> {
  const query = [
    `WorkflowType = '${PROCESS_WORKFLOW}'`,
    `ExecutionStatus = 'Running'`,
    `TaskQueue = '${taskQueue}'`,
    `StartTime < '${startedBefore.toISOString()}'`,
  ].join(' AND ');
  const ids = new Set<string>();
  for await (const execution of temporal.workflow.list({ query })) ids.add(execution.workflowId);
  return ids;
}

/** A running row that is not (or not known to be) backed by a running workflow. */
async function repairRow(deps: EngineDeps, id: string): Promise<Repair | undefined> {
  const row = await deps.prisma.processInstance.findUnique({ where: { id } });
  if (!row || !RUNNING_STATES.some((state) => state === row.state)) return undefined;
  const workflow = await describe(deps, id);
  if (!workflow) {
    if (row.pendingStart !== null) return startFromRow(deps, row);
    // A call activity writes its child's row before its workflow starts the child: the parent will start it.
    if (row.parentInstanceId && (await describe(deps, row.parentInstanceId))?.status.name === 'RUNNING') {
      return undefined;
    }
    return closeRow(deps, id, 'its workflow does not exist in Temporal (it never started or its history was deleted)');
  }
  if (row.pendingStart !== null) {
    await clearPendingStart(deps, id);
    if (workflow.status.name === 'RUNNING') {
      return { kind: 'startConfirmed', instanceId: id, reason: 'its workflow runs; the start had not been confirmed' };
    }
  }
  // The list is eventually consistent: a workflow it missed runs after all.
  if (workflow.status.name === 'RUNNING') return undefined;
  return closeRow(deps, id, `its workflow ended ${workflow.status.name} without recording the end in the index`);
}

async function describe({ temporal }: EngineDeps, id: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await temporal.workflow.getHandle(id).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}

async function startFromRow(deps: EngineDeps, row: ProcessInstance): Promise<Repair> {
  const definition = await deps.prisma.processDefinition.findUniqueOrThrow({ where: { id: row.definitionId } });
  await startInterpreter(deps, row, definition, row.pendingStart as PendingStart);
  const reason = 'its workflow had not started; started from the row';
  await appendAudit(deps.prisma, reconciledAudit(row.id, 'workflowStarted', reason));
  return { kind: 'workflowStarted', instanceId: row.id, reason };
}

async function clearPendingStart({ prisma }: EngineDeps, id: string): Promise<void> {
  await prisma.processInstance.updateMany({ where: { id }, data: { pendingStart: Prisma.DbNull } });
}

/**
 * Closes a running row whose workflow cannot act on it any more, with its open tasks and incidents: they would
 * otherwise wait in the queues for a workflow that never answers.
 */
async function closeRow(deps: EngineDeps, id: string, reason: string): Promise<Repair | undefined> {
  const at = deps.now?.() ?? new Date();
  const closed = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.processInstance.updateMany({
      where: { id, state: { in: [...RUNNING_STATES] } },
      data: { state: 'CANCELED', endedAt: at, suspendedAt: null, pendingStart: Prisma.DbNull },
    });
    if (count === 0) return false;
    await tx.userTask.updateMany({ where: { processInstanceId: id, state: 'CREATED' }, data: { state: 'CANCELED' } });
    await tx.incident.updateMany({ where: { processInstanceId: id, state: 'OPEN' }, data: { state: 'CANCELED' } });
    await appendAudit(tx, reconciledAudit(id, 'rowClosed', reason));
    return true;
  });
  return closed ? { kind: 'rowClosed', instanceId: id, reason } : undefined;
}

/** Writes the index row of a running workflow from the input its current run started with. */
async function writeMissingRow(deps: EngineDeps, id: string): Promise<Repair | undefined> {
  const input = await startedWith(deps, id);
  const definition = input && (await deps.prisma.processDefinition.findUnique({ where: { id: input.definition.id } }));
  if (!input || !definition) {
    const reason = `its workflow runs but ${input ? `its definition ${input.definition.id} is not deployed here` : 'its input cannot be read'}; an operator must decide (terminate it, or restore the definition)`;
    return { kind: 'unrepaired', instanceId: id, reason };
  }
  const workflow = await describe(deps, id);
  const reason = 'its workflow runs without an index row; the row is written from the workflow’s start input';
  try {
    await deps.prisma.$transaction([
      deps.prisma.processInstance.create({
        data: { ...instanceRowOf(id, definition, input), startedAt: workflow?.startTime },
      }),
      appendAudit(deps.prisma, reconciledAudit(id, 'rowWritten', reason)),
    ]);
  } catch (error) {
    // Another reconciler (or a late start) wrote it first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return undefined;
    throw error;
  }
  return { kind: 'rowWritten', instanceId: id, reason };
}

/** The input the workflow's current run was started with: its first history event. */
async function startedWith({ temporal }: EngineDeps, id: string): Promise<ProcessInput | undefined> {
  const history = await temporal.workflow.getHandle(id).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  return payload ? defaultPayloadConverter.fromPayload<ProcessInput>(payload) : undefined;
}

function reconciledAudit(id: string, repair: Repair['kind'], reason: string) {
  return {
    action: 'instance.reconciled',
    objectType: 'ProcessInstance',
    objectId: id,
    details: { repair, reason },
  };
}

/**
 * Runs the reconciler now and then every `intervalSeconds` in this process (the worker); a failed pass is logged and
 * the next one tries again. Returns the function that stops it.
 */
export function startReconciler(
  deps: EngineDeps,
  { intervalSeconds, graceSeconds }: { intervalSeconds: number; graceSeconds: number },
): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const report = await reconcileInstances(deps, { graceMs: graceSeconds * 1000 });
      deps.logger.info(
        { rowsChecked: report.rowsChecked, workflowsChecked: report.workflowsChecked, repairs: report.repairs.length },
        'reconciler pass',
      );
    } catch (error) {
      deps.logger.error({ err: error }, 'reconciler pass failed; the next pass tries again');
    } finally {
      running = false;
    }
  };
  void pass();
  const timer = setInterval(() => void pass(), intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
