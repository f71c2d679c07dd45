import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { claimTask, completeTask, getTask, listQueue, unclaimTask } from '../services/tasks';
import { parseInput, variablesObject } from '../validation';

export const completeTaskBody = z.object({
  variables: variablesObject.default({}),
});

export function taskRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ items: await listQueue(deps, caller(req)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getTask(deps, caller(req), req.params.id));
  });

  router.post('/:id/claim', async (req, res) => {
    res.json(await claimTask(deps, caller(req), req.params.id));
  });

  router.post('/:id/unclaim', async (req, res) => {
    res.json(await unclaimTask(deps, caller(req), req.params.id));
  });

  router.post('/:id/complete', async (req, res) => {
    const { variables } = parseInput(completeTaskBody, req.body ?? {});
    res.json(await completeTask(deps, caller(req), { id: req.params.id, variables }));
  });

  return router;
}
