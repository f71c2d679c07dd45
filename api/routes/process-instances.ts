import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { cancelInstance, changeSuspension, getInstance, instanceHistory, startInstance } from '../services/instances';
import { parseInput, variablesObject } from '../validation';

export const startInstanceBody = z.object({
  processId: z.string().min(1).max(255),
  version: z.number().int().positive().optional(),
  variables: variablesObject.default({}),
  businessKey: z.string().min(1).max(255).optional(),
});

export const cancelInstanceBody = z.object({
  reason: z.string().trim().min(1, 'give the reason for cancelling').max(2000),
});

export const suspensionBody = z.object({
  reason: z.string().trim().min(1).max(2000).optional(),
});

export function processInstanceRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseInput(startInstanceBody, req.body);
    res.status(201).json(await startInstance(deps, caller(req), body));
  });

  router.post('/:id/cancel', async (req, res) => {
    const { reason } = parseInput(cancelInstanceBody, req.body ?? {});
    res.json(await cancelInstance(deps, caller(req), { id: req.params.id, reason }));
  });

  for (const change of ['suspend', 'resume'] as const) {
    router.post(`/:id/${change}`, async (req, res) => {
      const { reason } = parseInput(suspensionBody, req.body ?? {});
      res.json(await changeSuspension(deps, caller(req), { id: req.params.id, change, reason }));
    });
  }

  router.get('/:id/history', async (req, res) => {
    res.json({ items: await instanceHistory(deps, caller(req), req.params.id) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getInstance(deps, caller(req), req.params.id));
  });

  return router;
}
