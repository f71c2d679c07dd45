import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { accessibleWhere } from '../auth/ability';
import { caller } from '../auth/authenticate';
import { cancelInstance, instanceHistory, startInstance } from '../services/instances';
import { isUuid, parseInput, variablesObject } from '../validation';

export const startInstanceBody = z.object({
  processId: z.string().min(1).max(255),
  version: z.number().int().positive().optional(),
  variables: variablesObject.default({}),
  businessKey: z.string().min(1).max(255).optional(),
});

export const cancelInstanceBody = z.object({
  reason: z.string().trim().min(1, 'give the reason for cancelling').max(2000),
});

export function processInstanceRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const { principal, ability } = caller(req);
    const body = parseInput(startInstanceBody, req.body);
    if (!ability.can('create', 'ProcessInstance'))
      throw new AppError('FORBIDDEN', 'Your role may not start process instances.');
    const instance = await startInstance(deps, body, principal);
    res.status(201).json(toInstanceDto(instance));
  });

  router.post('/:id/cancel', async (req, res) => {
    const { principal, ability } = caller(req);
    const { reason } = parseInput(cancelInstanceBody, req.body ?? {});
    res.json(toInstanceDto(await cancelInstance(deps, ability, principal, req.params.id, reason)));
  });

  router.get('/:id/history', async (req, res) => {
    res.json({ items: await instanceHistory(deps, caller(req).ability, req.params.id) });
  });

  router.get('/:id', async (req, res) => {
    const allowed = accessibleWhere(caller(req).ability, 'read', 'ProcessInstance');
    const id = req.params.id;
    const instance =
      allowed && isUuid(id) ? await deps.prisma.processInstance.findFirst({ where: { AND: [allowed, { id }] } }) : null;
    if (!instance) throw new AppError('NOT_FOUND', `No process instance ${id} is visible to you.`);
    res.json(toInstanceDto(instance));
  });

  return router;
}

function toInstanceDto(instance: { bpmnProcessId: string } & Record<string, unknown>) {
  const { bpmnProcessId, ...rest } = instance;
  return { ...rest, processId: bpmnProcessId };
}
