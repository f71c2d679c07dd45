/** POST /api/signals: broadcast a signal to every instance waiting for it, and start the processes it starts. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { broadcastSignal } from '../services/messages';
import { parseInput } from '../validation';
import { variablesField } from './messages';

export const broadcastSignalBody = z.object({
  name: z.string({ error: 'is required: the signal name' }).trim().min(1, 'must not be empty').max(255),
  variables: variablesField,
});

export function signalRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = parseInput(broadcastSignalBody, req.body ?? {});
    res.json(await broadcastSignal(deps, caller(req), body));
  });
  return router;
}
