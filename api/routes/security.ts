/**
 * Classified handling over HTTP (docs/classified.md): /api/security holds clearances, reading records and the
 * classified register (copies, dispatches); need-to-know lists hang under their instance,
 * /api/process-instances/:id/need-to-know.
 */
import { Router } from 'express';
import { z } from 'zod';
import { DISPATCH_CHANNELS } from '../../gov/classified-dispatch';
import { SECURITY_GRADES } from '../../gov/security-grades';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import {
  addNeedToKnow,
  copyItem,
  deleteClearance,
  deleteNeedToKnow,
  dispatchItem,
  getRegisterEntry,
  listClearances,
  listNeedToKnow,
  permitCopying,
  putClearance,
  readingRecords,
} from '../services/security';
import { parseInput } from '../validation';

export const clearanceBody = z.object({
  grade: z.enum(SECURITY_GRADES),
  expiresAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant, e.g. 2027-12-31T18:00:00+09:00' })
    .transform((value) => new Date(value)),
});

export const needToKnowBody = z.object({ userId: z.string().min(1).max(64) });

export const copyBody = z.object({ holderId: z.string().uuid() });

export const dispatchBody = z.object({
  copyNumber: z.number().int().positive(),
  channel: z.enum(DISPATCH_CHANNELS),
  carrierId: z.string().uuid().optional(),
  recipient: z.string().trim().min(1, 'name the receiving office').max(500),
});

const readingQuery = z.object({ instanceId: z.string().max(64).optional() });

export function securityRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/clearances', async (req, res) => {
    res.json({ items: await listClearances(deps, caller(req)) });
  });

  router.put('/clearances/:userId', async (req, res) => {
    const body = parseInput(clearanceBody, req.body ?? {});
    res.json(await putClearance(deps, caller(req), { userId: req.params.userId, ...body }));
  });

  router.delete('/clearances/:userId', async (req, res) => {
    await deleteClearance(deps, caller(req), req.params.userId);
    res.status(204).end();
  });

  router.get('/reading-records', async (req, res) => {
    const { instanceId } = parseInput(readingQuery, req.query, 'query');
    res.json({ items: await readingRecords(deps, caller(req), instanceId) });
  });

  router.get('/register/:instanceId', async (req, res) => {
    res.json(await getRegisterEntry(deps, caller(req), req.params.instanceId));
  });

  router.post('/register/:instanceId/copies', async (req, res) => {
    const { holderId } = parseInput(copyBody, req.body ?? {});
    res.status(201).json(await copyItem(deps, caller(req), { instanceId: req.params.instanceId, holderId }));
  });

  router.post('/register/:instanceId/copy-permission', async (req, res) => {
    res.json(await permitCopying(deps, caller(req), req.params.instanceId));
  });

  router.post('/register/:instanceId/dispatches', async (req, res) => {
    const body = parseInput(dispatchBody, req.body ?? {});
    res.status(201).json(await dispatchItem(deps, caller(req), { instanceId: req.params.instanceId, ...body }));
  });

  return router;
}

/** Mounted at /api/process-instances/:id/need-to-know. */
export function needToKnowRoutes(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  const instanceId = (params: Record<string, string>) => params.id ?? '';

  router.get('/', async (req, res) => {
    res.json({ items: await listNeedToKnow(deps, caller(req), instanceId(req.params)) });
  });

  router.post('/', async (req, res) => {
    const { userId } = parseInput(needToKnowBody, req.body ?? {});
    res
      .status(201)
      .json({ items: await addNeedToKnow(deps, caller(req), { instanceId: instanceId(req.params), userId }) });
  });

  router.delete('/:userId', async (req, res) => {
    await deleteNeedToKnow(deps, caller(req), { instanceId: instanceId(req.params), userId: req.params.userId });
    res.status(204).end();
  });

  return router;
}
