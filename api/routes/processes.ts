import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { listProcesses } from '../services/processes';
import { changeOwner, getOwners, getStartPermissions, setStartPermissions } from '../services/process-access';
import { parseInput } from '../validation';

export const startPermissionsBody = z.object({ orgUnitIds: z.array(z.uuid()).max(500) }).strict();
export const ownerBody = z.object({ userId: z.uuid() }).strict();

export function processRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await listProcesses(deps, caller(req)));
  });

  router.get('/:processId/start-permissions', async (req, res) => {
    res.json(await getStartPermissions(deps, caller(req), req.params.processId));
  });

  router.put('/:processId/start-permissions', async (req, res) => {
    const { orgUnitIds } = parseInput(startPermissionsBody, req.body ?? {});
    res.json(await setStartPermissions(deps, caller(req), { processId: req.params.processId, orgUnitIds }));
  });

  router.get('/:processId/owners', async (req, res) => {
    res.json(await getOwners(deps, caller(req), req.params.processId));
  });

  router.post('/:processId/owners', async (req, res) => {
    const { userId } = parseInput(ownerBody, req.body ?? {});
    res
      .status(201)
      .json(await changeOwner(deps, caller(req), { processId: req.params.processId, userId, change: 'add' }));
  });

  router.delete('/:processId/owners/:userId', async (req, res) => {
    const { userId } = parseInput(ownerBody, { userId: req.params.userId });
    res.json(await changeOwner(deps, caller(req), { processId: req.params.processId, userId, change: 'remove' }));
  });

  return router;
}
