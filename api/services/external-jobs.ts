/**
 * External jobs for Camunda job workers (docs/external-jobs.md). A worker sees every job of the types it asks for,
 * across processes, so the whole table is for those who manage `Job` (job workers and administrators); anyone else
 * is refused activation and finds no job by its key.
 */
import * as engineJobs from '../../engine/external-jobs';
import { AppError } from '../../shared/app-error';
import type { Variables } from '../../shared/feel';
import type { Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { NotVisibleError } from './visible';

export function activateJobs(
  deps: ServiceDeps,
  caller: Caller,
  request: engineJobs.ActivateJobsRequest,
  signal: AbortSignal,
): Promise<engineJobs.ActivatedJob[]> {
  if (!caller.ability.can('manage', 'Job'))
    throw new AppError('FORBIDDEN', 'Only job workers and administrators activate jobs.');
  return engineJobs.activateJobs(engineDeps(deps), request, signal);
}

export function completeJob(deps: ServiceDeps, caller: Caller, key: string, variables?: Variables): Promise<void> {
  mayWorkJob(caller, key);
  return engineJobs.completeJob(engineDeps(deps), key, variables);
}

export function failJob(
  deps: ServiceDeps,
  caller: Caller,
  key: string,
  input: Parameters<typeof engineJobs.failJob>[2],
): Promise<void> {
  mayWorkJob(caller, key);
  return engineJobs.failJob(engineDeps(deps), key, input);
}

export function throwJobError(
  deps: ServiceDeps,
  caller: Caller,
  key: string,
  input: Parameters<typeof engineJobs.throwJobError>[2],
): Promise<void> {
  mayWorkJob(caller, key);
  return engineJobs.throwJobError(engineDeps(deps), key, input);
}

export function updateJob(
  deps: ServiceDeps,
  caller: Caller,
  key: string,
  changes: Parameters<typeof engineJobs.updateJob>[2],
): Promise<void> {
  mayWorkJob(caller, key);
  return engineJobs.updateJob(engineDeps(deps), key, changes);
}

/** A job the caller may not work is one they cannot see: 404, as if it did not exist (docs/conventions.md §8). */
function mayWorkJob(caller: Caller, key: string): void {
  if (!caller.ability.can('manage', 'Job')) throw new NotVisibleError('Job', key, `No job ${key} is visible to you.`);
}
