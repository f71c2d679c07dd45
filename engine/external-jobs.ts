/**
 * External jobs (docs/external-jobs.md): the work table Camunda job workers activate, complete, fail and throw errors
 * on. A terminal outcome goes to the waiting element as the jobOutcome update, then the row records it, under a
 * lease on the row (`endJob`); rejections answer as Zeebe's job commands do (NOT_FOUND for a job that is gone, INVALID_STATE for
 * one that failed or threw an error).
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { asJson, type Prisma } from '../platform/db';
import type { ExternalJob, ExternalJobState } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import type { Variables } from '../shared/feel';
import { FailureType, jobOutcomeUpdate, jobOutcomeUpdateId, type JobOutcome } from '../shared/workflow-contract';
import type { EngineDeps } from './deps';
import { refuseOversizedVariables } from './variables-limit';

/** Zeebe's gateway holds an activation this long when the request names no timeout. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How often a held activation looks for new work. */
const POLL_INTERVAL_MS = 200;

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  /** How long the worker holds each job before it is handed out again. */
  timeoutMs: number;
  maxJobsToActivate: number;
  /** Only these variables, when given. */
  fetchVariable?: string[];
  /** How long to wait for work: 0 or none is Zeebe's default, negative answers at once. */
  requestTimeoutMs?: number;
  /** The longest the call may wait, whatever `requestTimeoutMs` asks (JOB_ACTIVATION_MAX_WAIT_MS). */
  maxWaitMs?: number;
}

/** An activated job with what a worker needs of its instance and process. */
export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceId: string;
  bpmnProcessId: string;
  processVersion: number;
  processDefinitionId: string;
  elementId: string;
  elementInstanceId: string;
  kind: ExternalJob['kind'];
  listenerEventType: string | null;
  customHeaders: Record<string, string>;
  variables: Variables;
  worker: string;
  retries: number;
  deadline: Date;
}

/**
 * Hands out up to `maxJobsToActivate` jobs of the type, locked for the worker until their deadline. With none
 * ready, waits for one until the request timeout or until `signal` aborts (the client went away).
 */
export async function activateJobs(
  deps: EngineDeps,
  request: ActivateJobsRequest,
  signal?: AbortSignal,
): Promise<ActivatedJob[]> {
  const wanted = request.requestTimeoutMs || DEFAULT_REQUEST_TIMEOUT_MS;
  const requestTimeout = wanted < 0 ? wanted : Math.min(wanted, request.maxWaitMs ?? wanted);
  const until = Date.now() + requestTimeout;
  for (;;) {
    const jobs = await lockJobs(deps, request);
    const left = until - Date.now();
    if (jobs.length > 0 || signal?.aborted || requestTimeout < 0 || left <= 0) return jobs;
    await pause(Math.min(POLL_INTERVAL_MS, left), signal);
  }
}

/**
 * One statement: the oldest ready jobs (activatable and past any back-off, or activated and past the deadline, and
 * no terminal command on its way), skipping rows another activation holds, so two workers never get the same job.
 */
async function lockJobs(deps: EngineDeps, request: ActivateJobsRequest): Promise<ActivatedJob[]> {
  const now = clock(deps);
  const deadline = new Date(now.getTime() + request.timeoutMs);
  const locked = await deps.prisma.$queryRaw<Array<{ key: bigint }>>`
    UPDATE "ExternalJob" SET "state" = 'ACTIVATED', "worker" = ${request.worker}, "deadline" = ${deadline},
      "updatedAt" = ${now}
    WHERE "key" IN (
      SELECT "key" FROM "ExternalJob"
      WHERE "type" = ${request.type} AND "state" IN ('ACTIVATABLE', 'ACTIVATED')
        AND (("state" = 'ACTIVATABLE' AND ("retryAt" IS NULL OR "retryAt" <= ${now}))
          OR ("state" = 'ACTIVATED' AND "deadline" <= ${now}))
        AND ("endingUntil" IS NULL OR "endingUntil" < ${now})
      ORDER BY "key" LIMIT ${request.maxJobsToActivate}
      FOR UPDATE SKIP LOCKED)
    RETURNING "key"`;
  if (locked.length === 0) return [];
  const rows = await deps.prisma.externalJob.findMany({
    where: { key: { in: locked.map((row) => row.key) } },
    include: { processInstance: { select: { bpmnProcessId: true, version: true, definitionId: true } } },
    orderBy: { key: 'asc' },
  });
  return rows.map((row) => ({
    key: row.key.toString(),
    type: row.type,
    processInstanceId: row.processInstanceId,
    bpmnProcessId: row.processInstance.bpmnProcessId,
    processVersion: row.processInstance.version,
    processDefinitionId: row.processInstance.definitionId,
    elementId: row.elementId,
    elementInstanceId: row.elementInstanceId,
    kind: row.kind,
    listenerEventType: row.listenerEventType,
    customHeaders: row.customHeaders as Record<string, string>,
    variables: fetched(row.variables as Variables, request.fetchVariable),
    worker: request.worker,
    retries: row.retries,
    deadline,
  }));
}

export async function completeJob(deps: EngineDeps, key: string, variables: Variables = {}): Promise<void> {
  refuseOversizedVariables(`the completion of job ${key}`, variables);
  await endJob(deps, key, 'complete', { kind: 'completed', variables }, 'COMPLETED');
}

export async function throwJobError(
  deps: EngineDeps,
  key: string,
  input: { errorCode: string; errorMessage?: string; variables?: Variables },
): Promise<void> {
  refuseOversizedVariables(`the error thrown by job ${key}`, input.variables);
  const outcome: JobOutcome = {
    kind: 'errorThrown',
    errorCode: input.errorCode,
    errorMessage: input.errorMessage ?? '',
    variables: input.variables ?? {},
  };
  await endJob(deps, key, 'throw an error for', outcome, 'ERROR_THROWN', {
    errorCode: input.errorCode,
    errorMessage: input.errorMessage,
  });
}

/**
 * With retries left, the job goes back to the table and is handed out again after the back-off; the instance does
 * not hear of it. With none left, the element goes to an incident naming the message.
 */
export async function failJob(
  deps: EngineDeps,
  key: string,
  input: { retries: number; errorMessage?: string; retryBackOffMs?: number; variables?: Variables },
): Promise<void> {
  refuseOversizedVariables(`the failure of job ${key}`, input.variables);
  const errorMessage = input.errorMessage ?? '';
  if (input.retries <= 0) {
    await endJob(deps, key, 'fail', { kind: 'failed', errorMessage }, 'FAILED', { errorMessage, retries: 0 });
    return;
  }
  await deps.prisma.$transaction(async (tx) => {
    const job = await lockOpenJob(tx, key, 'fail', clock(deps));
    const backOff = input.retryBackOffMs ?? 0;
    await tx.externalJob.update({
      where: { key: job.key },
      data: {
        state: 'ACTIVATABLE',
        retries: input.retries,
        errorMessage,
        worker: null,
        deadline: null,
        retryAt: backOff > 0 ? new Date(clock(deps).getTime() + backOff) : null,
        // Zeebe sets them on the job's element: the job's next activation sees them.
        variables: asJson({ ...(job.variables as Variables), ...input.variables }),
      },
    });
  });
}

/** Changes a job's retries (at least 1) or its timeout (from now; only while a worker holds it). */
export async function updateJob(
  deps: EngineDeps,
  key: string,
  changes: { retries?: number; timeoutMs?: number },
): Promise<void> {
  if (changes.retries !== undefined && changes.retries < 1) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Expected to update retries for job with key '${key}' with a positive amount of retries, but the amount given was '${changes.retries}'.`,
    );
  }
  await deps.prisma.$transaction(async (tx) => {
    const job = await lockJob(tx, key, 'update', ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'], clock(deps));
    if (changes.timeoutMs !== undefined && job.state !== 'ACTIVATED') {
      throw new AppError(
        'CONFLICT',
        `Expected to update the timeout of job with key '${key}', but it is not activated (state ${job.state}).`,
      );
    }
    await tx.externalJob.update({
      where: { key: job.key },
      data: {
        retries: changes.retries,
        deadline: changes.timeoutMs === undefined ? undefined : new Date(clock(deps).getTime() + changes.timeoutMs),
      },
    });
  });
}

/** How long a terminal command keeps other commands and activations off its job while the update is on its way. */
const ENDING_LEASE_MS = 60_000;

/**
 * A terminal outcome, in three short steps so that no database connection waits for the workflow: a lease on the
 * open row (a concurrent command is refused meanwhile, activations skip it), the waiting element gets the outcome,
 * then the row records it. The update id comes from the job key, so repeating a call whose answer was lost delivers
 * nothing twice.
 */
async function endJob(
  deps: EngineDeps,
  key: string,
  intent: string,
  outcome: JobOutcome,
  state: ExternalJobState,
  record: { errorCode?: string; errorMessage?: string; retries?: number } = {},
): Promise<void> {
  const lease = new Date(clock(deps).getTime() + ENDING_LEASE_MS);
  const job = await deps.prisma.$transaction(async (tx) => {
    const open = await lockOpenJob(tx, key, intent, clock(deps));
    await tx.externalJob.update({ where: { key: open.key }, data: { endingUntil: lease } });
    return open;
  });
  const ended = (data: Prisma.ExternalJobUpdateInput) =>
    deps.prisma.externalJob.update({
      where: { key: job.key },
      data: { ...data, endedAt: clock(deps), endingUntil: null },
    });
  try {
    await deps.temporal.workflow.getHandle(job.processInstanceId).executeUpdate(jobOutcomeUpdate, {
      updateId: jobOutcomeUpdateId(key),
      args: [{ jobKey: key, idempotencyKey: job.idempotencyKey, outcome }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) {
      await deps.prisma.externalJob.updateMany({
        where: { key: job.key, endingUntil: lease },
        data: { endingUntil: null },
      });
      throw notWaiting(error, key, intent) ?? error;
    }
    // The instance has ended and left the row open: the job ends with it.
    await ended({ state: 'CANCELED' });
    throw jobGone(key, intent);
  }
  await ended({ ...record, state, deadline: null });
}

/** Zeebe's answer for a job no element waits for any more: it was cancelled, so it is gone. */
function notWaiting(error: unknown, key: string, intent: string): AppError | undefined {
  const refused =
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === FailureType.JobNotWaiting;
  return refused ? jobGone(key, intent) : undefined;
}

/**
 * The row of a job that may still end (activatable or activated, no terminal command on its way), locked until the
 * transaction ends.
 */
function lockOpenJob(tx: Prisma.TransactionClient, key: string, intent: string, now: Date): Promise<ExternalJob> {
  return lockJob(tx, key, intent, ['ACTIVATABLE', 'ACTIVATED'], now);
}

async function lockJob(
  tx: Prisma.TransactionClient,
  key: string,
  intent: string,
  allowed: ExternalJobState[],
  now: Date,
): Promise<ExternalJob> {
  const jobKey = parseKey(key);
  if (jobKey === undefined) throw jobGone(key, intent);
  await tx.$executeRaw`SELECT 1 FROM "ExternalJob" WHERE "key" = ${jobKey} FOR UPDATE`;
  const job = await tx.externalJob.findUnique({ where: { key: jobKey } });
  // Zeebe forgets completed and cancelled jobs; one that failed or threw an error is kept, in that state.
  if (!job || job.state === 'COMPLETED' || job.state === 'CANCELED') throw jobGone(key, intent);
  if (!allowed.includes(job.state)) {
    throw new AppError('CONFLICT', `Expected to ${intent} job with key '${key}', but it is in state '${job.state}'.`);
  }
  if (job.endingUntil && job.endingUntil >= now) {
    throw new AppError('CONFLICT', `Expected to ${intent} job with key '${key}', but another command is ending it.`);
  }
  return job;
}

function jobGone(key: string, intent: string): AppError {
  return new AppError('NOT_FOUND', `Expected to ${intent} job with key '${key}', but no such job was found.`);
}

/** A job key is a decimal int64; anything else names no job. */
function parseKey(key: string): bigint | undefined {
  if (!/^\d{1,19}$/.test(key)) return undefined;
  const value = BigInt(key);
  return value <= 9_223_372_036_854_775_807n ? value : undefined;
}

function fetched(variables: Variables, names: string[] | undefined): Variables {
  if (!names?.length) return variables;
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

function clock(deps: EngineDeps): Date {
  return deps.now?.() ?? new Date();
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
