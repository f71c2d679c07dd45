import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { deleteSavedFilter, listSavedFilters, saveFilter } from '../services/saved-filters';
import { queueCriteria } from '../services/task-queue';
import { parseInput } from '../validation';

export const taskFilterBody = z.object({ name: z.string().trim().min(1).max(100), criteria: queueCriteria });

/** `/api/task-filters`: the caller's saved queue filters. */
export function taskFilterRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ items: await listSavedFilters(deps, caller(req)) });
  });

  router.post('/', async (req, res) => {
    const input = parseInput(taskFilterBody, req.body ?? {});
    res.status(201).json(await saveFilter(deps, caller(req), input));
  });

  router.delete('/:id', async (req, res) => {
    await deleteSavedFilter(deps, caller(req), req.params.id);
    res.status(204).end();
  });
  return router;
}
