/**
 * The variable-size limit at the engine's entry points (engine/variables-limit.ts), which the API, the activities
 * (message, signal and timer starts) and scripts all go through: each refuses oversized variables with
 * VARIABLES_TOO_LARGE naming the path and the size, before it touches the database or Temporal.
 */
import type { EngineDeps } from '../../engine/deps';
import { broadcastSignal, publishMessage } from '../../engine/correlation';
import { completeJob, failJob, throwJobError } from '../../engine/external-jobs';
import { resolveIncident } from '../../engine/incidents';
import { startProcessInstance } from '../../engine/instances';
import type { ProcessDefinition } from '../../prisma/generated/client';

/** Nothing behind it: a path that got past the check would fail on it instead of answering VARIABLES_TOO_LARGE. */
const unreachable = {} as EngineDeps;
const variables = { scan: 'x'.repeat(600 * 1024) };
const incident = { id: 'incident-1', processInstanceId: 'instance-1', state: 'OPEN' as const };

const entries: Array<[path: string, enter: () => Promise<unknown>]> = [
  ['the instance start', () => startProcessInstance(unreachable, { definition: {} as ProcessDefinition, variables })],
  [
    "message 'invoice-paid'",
    () => publishMessage(unreachable, { name: 'invoice-paid', correlationKey: 'k', variables }),
  ],
  ["signal 'recall'", () => broadcastSignal(unreachable, { name: 'recall', variables })],
  ['the completion of job 7', () => completeJob(unreachable, '7', variables)],
  ['the error thrown by job 7', () => throwJobError(unreachable, '7', { errorCode: 'E', variables })],
  ['the failure of job 7', () => failJob(unreachable, '7', { retries: 2, variables })],
  [
    'the resolution of incident incident-1',
    () => resolveIncident(unreachable, { incident, variables, resolvedBy: 'ops' }),
  ],
];

describe('variable-size limit at the engine', () => {
  it.each(entries)('refuses 600 KiB of variables entering by %s', async (path, enter) => {
    await expect(enter()).rejects.toMatchObject({
      code: 'VARIABLES_TOO_LARGE',
      status: 413,
      message: `Refused: the variables of ${path} take 601 KiB, more than the limit of 512 KiB; keep large documents outside the process and pass a reference.`,
    });
  });
});
