/** Batch operations: start one over chosen instances (202), follow its progress, list mine. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { createBatch, getBatch, listBatches } from '../services/batches';
import { parseInput } from '../validation';

export const MAX_BATCH_ITEMS = 10_000;

export const createBatchBody = z
  .object({
    operation: z.enum(['cancel', 'retry', 'migrate'], { error: 'must be cancel, retry or migrate' }),
    instanceIds: z
      .array(z.string().min(1).max(64))
      .min(1, 'name at least one instance')
      .max(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} instances per batch`)
      .optional(),
    /** The instance search's query fields (processId, state, businessKey, var.<name>, …) selecting the instances. */
    filter: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.array(z.string().max(1000)).max(10)]))
      .optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
    migrate: z
      .object({
        targetDefinitionId: z.uuid({ error: 'must be a process definition id (a UUID)' }),
        mapping: z.record(z.string().min(1).max(255), z.string().min(1).max(255)).default({}),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((body) => (body.instanceIds === undefined) !== (body.filter === undefined), {
    message: 'name the instances (instanceIds) or select them (filter), one of the two',
    path: ['instanceIds'],
  })
  .refine((body) => (body.operation === 'migrate') === (body.migrate !== undefined), {
    message: 'migrate (targetDefinitionId, mapping) is required for, and only for, the migrate operation',
    path: ['migrate'],
  });

export function batchRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseInput(createBatchBody, req.body);
    res.status(202).json(await createBatch(deps, caller(req), body));
  });

  router.get('/', async (req, res) => {
    res.json({ items: await listBatches(deps, caller(req)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getBatch(deps, caller(req), req.params.id));
  });

  return router;
}
