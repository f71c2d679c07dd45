import { Router } from 'express';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { getLatestForm } from '../services/forms';

export function formRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/:formId', async (req, res) => {
    res.json(await getLatestForm(deps, caller(req), req.params.formId));
  });

  return router;
}
