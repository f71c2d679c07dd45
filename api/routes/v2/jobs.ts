/** Camunda's job endpoints: what external job workers activate, complete, fail and throw errors on. */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { caller } from '../../auth/authenticate';
import type { AppDeps } from '../../deps';
import { activateJobs, completeJob, failJob, throwJobError, updateJob } from '../../services/external-jobs';
import type { ActivatedJob } from '../../../engine/external-jobs';
import { parseInput, variablesObject } from '../../validation';
import { elementInstanceEntityId, keysFor } from '../../../engine/camunda-keys';
import { DEFAULT_TENANT, keyAnswer, tenantId } from '../../services/camunda/search';
import { JobKind } from '../../../prisma/generated/enums';

/** A job's lock or back-off beyond a year is a mistake, and past a date's range it cannot be stored at all. */
const YEAR_MS = 366 * 24 * 60 * 60 * 1000;
const lockMs = z
  .number()
  .int()
  .positive('must be a number of milliseconds above 0')
  .max(YEAR_MS, 'must be at most a year of milliseconds');

export const activateJobsBody = z.object({
  type: z.string().trim().min(1, 'must name a job type'),
  worker: z.string().default(''),
  timeout: lockMs,
  maxJobsToActivate: z.number().int().positive('must be at least 1').max(1000),
  fetchVariable: z.array(z.string()).optional(),
  requestTimeout: z.number().int().optional(),
  tenantIds: z
    .array(z.literal(DEFAULT_TENANT, { error: `multi-tenancy is not supported: the only tenant is ${DEFAULT_TENANT}` }))
    .optional(),
});

export const completeJobBody = z.object({ variables: variablesObject.optional() });

export const failJobBody = z.object({
  retries: z.number().int().min(0).default(0),
  errorMessage: z.string().optional(),
  retryBackOff: z.number().int().min(0).max(YEAR_MS, 'must be at most a year of milliseconds').default(0),
  variables: variablesObject.optional(),
});

export const throwJobErrorBody = z.object({
  errorCode: z.string().trim().min(1, 'must name the BPMN error code'),
  errorMessage: z.string().optional(),
  variables: variablesObject.optional(),
});

export const updateJobBody = z.object({
  changeset: z
    .object({
      retries: z.number().int().optional(),
      timeout: lockMs.optional(),
    })
    .refine((changes) => changes.retries !== undefined || changes.timeout !== undefined, {
      message: 'must change retries, timeout or both',
    }),
});

/** Camunda 8.8's ActivateJobsResponse: keys as int64 strings (engine/camunda-keys.ts), the deadline in epoch ms. */
export const activatedJobsAnswer = z.object({
  jobs: z.array(
    z.object({
      jobKey: keyAnswer,
      type: z.string(),
      processInstanceKey: keyAnswer,
      processDefinitionId: z.string(),
      processDefinitionVersion: z.number().int(),
      processDefinitionKey: keyAnswer,
      elementId: z.string(),
      elementInstanceKey: keyAnswer,
      customHeaders: z.record(z.string(), z.string()),
      worker: z.string(),
      retries: z.number().int(),
      deadline: z.number().int(),
      variables: z.record(z.string(), z.unknown()),
      tenantId,
      kind: z.enum(JobKind),
      /** UNSPECIFIED for a job of a BPMN element; the listener's event (START, END, …) for a listener's. */
      listenerEventType: z.string(),
    }),
  ),
});

const jobKeyParam = z.string().regex(/^\d{1,19}$/, 'a job key is a decimal number (int64)');

export function jobRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/activation', async (req, res) => {
    const body = parseInput(activateJobsBody, req.body ?? {});
    const jobs = await activateJobs(
      deps,
      caller(req),
      {
        type: body.type,
        worker: body.worker,
        timeoutMs: body.timeout,
        maxJobsToActivate: body.maxJobsToActivate,
        fetchVariable: body.fetchVariable,
        requestTimeoutMs: body.requestTimeout,
        maxWaitMs: deps.config.JOB_ACTIVATION_MAX_WAIT_MS,
      },
      clientGone(res),
    );
    res.json({ jobs: await toCamundaJobs(deps, jobs) });
  });

  router.post('/:jobKey/completion', async (req, res) => {
    const { variables } = parseInput(completeJobBody, req.body ?? {});
    await completeJob(deps, caller(req), jobKey(req.params.jobKey), variables);
    res.status(204).end();
  });

  router.post('/:jobKey/failure', async (req, res) => {
    const body = parseInput(failJobBody, req.body ?? {});
    await failJob(deps, caller(req), jobKey(req.params.jobKey), {
      retries: body.retries,
      errorMessage: body.errorMessage,
      retryBackOffMs: body.retryBackOff,
      variables: body.variables,
    });
    res.status(204).end();
  });

  router.post('/:jobKey/error', async (req, res) => {
    const body = parseInput(throwJobErrorBody, req.body ?? {});
    await throwJobError(deps, caller(req), jobKey(req.params.jobKey), body);
    res.status(204).end();
  });

  router.patch('/:jobKey', async (req, res) => {
    const { changeset } = parseInput(updateJobBody, req.body ?? {});
    await updateJob(deps, caller(req), jobKey(req.params.jobKey), {
      retries: changeset.retries,
      timeoutMs: changeset.timeout,
    });
    res.status(204).end();
  });

  return router;
}

function jobKey(value: string): string {
  return parseInput(jobKeyParam, value, 'job key');
}

/** Aborts once the client has gone away before its answer was sent (a long poll given up). */
function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function toCamundaJobs(
  { prisma }: AppDeps,
  jobs: ActivatedJob[],
): Promise<z.input<typeof activatedJobsAnswer>['jobs']> {
  const [instanceKeys, definitionKeys, elementKeys] = await Promise.all([
    keysFor(
      prisma,
      'PROCESS_INSTANCE',
      jobs.map((job) => job.processInstanceId),
    ),
    keysFor(
      prisma,
      'PROCESS_DEFINITION',
      jobs.map((job) => job.processDefinitionId),
    ),
    keysFor(prisma, 'ELEMENT_INSTANCE', jobs.map(elementInstanceEntityId)),
  ]);
  return jobs.map((job) => ({
    jobKey: job.key,
    type: job.type,
    processInstanceKey: instanceKeys.get(job.processInstanceId)!,
    processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processVersion,
    processDefinitionKey: definitionKeys.get(job.processDefinitionId)!,
    elementId: job.elementId,
    elementInstanceKey: elementKeys.get(elementInstanceEntityId(job))!,
    customHeaders: job.customHeaders,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline.getTime(),
    variables: job.variables,
    tenantId: DEFAULT_TENANT,
    kind: job.kind,
    listenerEventType: job.listenerEventType ?? 'UNSPECIFIED',
  }));
}
