/**
 * POST /api/petitions/:id/objections: the petitioner objects to the decision on their petition (이의신청,
 * 민원처리법 §35); 202 with the objection's process instance, 422 after the 60 days (naming the last day), 409 when
 * the petition was not refused or already has an objection, 404 for anyone but the petitioner.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { fileObjection } from '../services/petition-objections';
import { parseInput } from '../validation';

export const fileObjectionBody = z.object({
  reason: z
    .string({ error: 'is required: why the decision should change' })
    .trim()
    .min(1, 'must not be empty')
    .max(4000, 'must be at most 4000 characters'),
});

export function petitionObjectionRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/:id/objections', async (req, res) => {
    const { reason } = parseInput(fileObjectionBody, req.body ?? {});
    res.status(202).json(await fileObjection(deps, caller(req), { petitionId: req.params.id, reason }));
  });
  return router;
}
