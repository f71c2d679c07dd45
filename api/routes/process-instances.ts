import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import {
  cancelInstance,
  getInstance,
  instanceHistory,
  migrateInstance,
  modifyInstance,
  startInstance,
} from '../services/instances';
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

const elementId = z.string().min(1).max(255);

export const modifyInstanceBody = z
  .object({
    cancel: z.array(elementId).max(100).default([]),
    start: z
      .array(z.object({ elementId, variables: variablesObject.optional() }))
      .max(100)
      .default([]),
    variables: variablesObject.optional(),
    allowEnd: z.boolean().default(false),
  })
  .strict()
  .refine((body) => body.cancel.length > 0 || body.start.length > 0, 'name elements to cancel or to start at');

export const migrateInstanceBody = z
  .object({
    targetDefinitionId: z.string().uuid(),
    mapping: z.record(elementId, elementId).default({}),
  })
  .strict();

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

  router.post('/:id/modify', async (req, res) => {
    const body = parseInput(modifyInstanceBody, req.body ?? {});
    res.json(await modifyInstance(deps, caller(req), { id: req.params.id, ...body }));
  });

  router.post('/:id/migrate', async (req, res) => {
    const body = parseInput(migrateInstanceBody, req.body ?? {});
    res.json(await migrateInstance(deps, caller(req), { id: req.params.id, ...body }));
  });

  router.get('/:id/history', async (req, res) => {
    res.json({ items: await instanceHistory(deps, caller(req), req.params.id) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getInstance(deps, caller(req), req.params.id));
  });

  return router;
}
