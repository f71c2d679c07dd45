import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { parseInstanceQuery } from '../../engine/instance-search';
import {
  cancelInstance,
  changeSuspension,
  getInstance,
  instanceHistory,
  migrateInstance,
  modifyInstance,
  startInstance,
} from '../services/instances';
import { countVisibleInstances, instancesCsv, listInstances } from '../services/instance-search';
import { instanceAudit, openTasks, variableHistory } from '../services/instance-record';
import { parseInput, variablesObject } from '../validation';
import { idempotencyKey } from '../services/start-keys';
import { classificationFields } from './classification-fields';

export const startInstanceBody = z.object({
  processId: z.string().min(1).max(255),
  version: z.number().int().positive().optional(),
  variables: variablesObject.default({}),
  businessKey: z.string().min(1).max(255).optional(),
  ...classificationFields,
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
export const suspensionBody = z.object({
  reason: z.string().trim().min(1).max(2000).optional(),
});

export function processInstanceRoutes(deps: AppDeps): Router {
  const router = Router();

  // The list as JSON pages, or the whole result as CSV (`Accept: text/csv` or `format=csv`).
  router.get('/', async (req, res) => {
    const { filter, sort, page, format } = parseInstanceQuery(req.query);
    const csv = format ? format === 'csv' : req.accepts(['application/json', 'text/csv']) === 'text/csv';
    if (!csv) {
      res.json(await listInstances(deps, caller(req), { filter, sort, ...page }));
      return;
    }
    res.type('text/csv; charset=utf-8').attachment('process-instances.csv');
    for await (const line of instancesCsv(deps, caller(req), { filter, sort })) res.write(line);
    res.end();
  });

  router.get('/count', async (req, res) => {
    const { filter } = parseInstanceQuery(req.query);
    res.json(await countVisibleInstances(deps, caller(req), filter));
  });

  router.post('/', async (req, res) => {
    const body = parseInput(startInstanceBody, req.body);
    const key = idempotencyKey(req.get('Idempotency-Key'));
    res.status(201).json(await startInstance(deps, caller(req), body, key));
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
  for (const change of ['suspend', 'resume'] as const) {
    router.post(`/:id/${change}`, async (req, res) => {
      const { reason } = parseInput(suspensionBody, req.body ?? {});
      res.json(await changeSuspension(deps, caller(req), { id: req.params.id, change, reason }));
    });
  }

  router.get('/:id/history', async (req, res) => {
    res.json({ items: await instanceHistory(deps, caller(req), req.params.id) });
  });

  router.get('/:id/variables/history', async (req, res) => {
    res.json({ items: await variableHistory(deps, caller(req), req.params.id) });
  });

  router.get('/:id/tasks', async (req, res) => {
    res.json({ items: await openTasks(deps, caller(req), req.params.id) });
  });

  router.get('/:id/audit', async (req, res) => {
    res.json({ items: await instanceAudit(deps, caller(req), req.params.id) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getInstance(deps, caller(req), req.params.id));
  });

  return router;
}
