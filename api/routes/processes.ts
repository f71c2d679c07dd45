import { Router } from 'express';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { listProcesses } from '../services/processes';

export function processRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await listProcesses(deps, caller(req)));
  });

  return router;
}
