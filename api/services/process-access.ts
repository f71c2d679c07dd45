/**
 * A process's owners and start permissions (docs/access.md): its owners and administrators read and set who may
 * start it; administrators alone add and remove owners. A start is checked here, on every path that starts one: the
 * API start, a message or signal start, an approval document.
 */
import { subject } from '@casl/ability';
import { z } from 'zod';
import * as engineAccess from '../../engine/process-access';
import { AppError } from '../../shared/app-error';
import type { Action, Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { instant } from './answer-fields';

async function processFacts(deps: ServiceDeps, processId: string) {
  const deployed = await deps.prisma.processDefinition.count({ where: { bpmnProcessId: processId } });
  if (deployed === 0) throw new AppError('NOT_FOUND', `No process ${processId} is deployed.`);
  return engineAccess.processStartFacts(deps, processId);
}

async function authorize(deps: ServiceDeps, caller: Caller, action: Action, processId: string) {
  const facts = await processFacts(deps, processId);
  if (!caller.ability.can(action, subject('ProcessAccess', facts))) {
    const what =
      action === 'assign' ? 'Only administrators choose' : "Only the process's owners and administrators see";
    throw new AppError('FORBIDDEN', `${what} the owners and start permissions of ${processId}.`);
  }
}

/** Refuses (403) a start by someone outside the units that may start the process. */
export async function assertMayStart(deps: ServiceDeps, caller: Caller, processId: string): Promise<void> {
  assertMayStartWith(caller, await engineAccess.processStartFacts(deps, processId));
}

/** The same refusal, on facts already read (a start reads them with its definition). */
export function assertMayStartWith(caller: Caller, facts: engineAccess.ProcessStartFacts): void {
  if (!caller.ability.can('create', subject('ProcessStart', facts))) {
    throw new AppError(
      'FORBIDDEN',
      `Your department may not start ${facts.bpmnProcessId}; its owners or an administrator can add it to the start permissions.`,
    );
  }
}

/** A message or signal that starts processes by their start events: each of them must be one the caller may start. */
export async function assertMayStartByEvent(
  deps: ServiceDeps,
  caller: Caller,
  event: { kind: 'MESSAGE' | 'SIGNAL'; name: string },
): Promise<void> {
  const starts = await deps.prisma.eventStartSubscription.findMany({
    where: event,
    select: { bpmnProcessId: true },
    distinct: ['bpmnProcessId'],
  });
  for (const { bpmnProcessId } of starts) await assertMayStart(deps, caller, bpmnProcessId);
}

const actor = ({ principal, sourceAddress }: Caller) => ({ username: principal.username, sourceAddress });

/** The org units whose people may start a process (none: every civil servant). */
export const startPermissionsAnswer = z.object({
  processId: z.string(),
  orgUnits: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});

/** A process's owners (docs/access.md). */
export const ownersAnswer = z.object({
  processId: z.string(),
  owners: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), grantedAt: instant })),
});

export async function getStartPermissions(
  deps: ServiceDeps,
  caller: Caller,
  processId: string,
): Promise<z.input<typeof startPermissionsAnswer>> {
  await authorize(deps, caller, 'read', processId);
  return { processId, orgUnits: await engineAccess.listStartPermissions(deps, processId) };
}

export async function setStartPermissions(
  deps: ServiceDeps,
  caller: Caller,
  input: { processId: string; orgUnitIds: string[] },
): Promise<z.input<typeof startPermissionsAnswer>> {
  await authorize(deps, caller, 'update', input.processId);
  await engineAccess.setStartPermissions(deps, actor(caller), {
    bpmnProcessId: input.processId,
    orgUnitIds: input.orgUnitIds,
  });
  return getStartPermissions(deps, caller, input.processId);
}

export async function getOwners(
  deps: ServiceDeps,
  caller: Caller,
  processId: string,
): Promise<z.input<typeof ownersAnswer>> {
  await authorize(deps, caller, 'read', processId);
  return { processId, owners: await engineAccess.listOwners(deps, processId) };
}

export async function changeOwner(
  deps: ServiceDeps,
  caller: Caller,
  input: { processId: string; userId: string; change: 'add' | 'remove' },
): Promise<z.input<typeof ownersAnswer>> {
  await authorize(deps, caller, 'assign', input.processId);
  const change = input.change === 'add' ? engineAccess.addOwner : engineAccess.removeOwner;
  await change(deps, actor(caller), { bpmnProcessId: input.processId, userId: input.userId });
  return getOwners(deps, caller, input.processId);
}
