/**
 * E-court (docs/e-court.md): GET /fees prices a filing (인지 and 송달료) with its explanation; /cases are the
 * e-court-filing process's cases: a plaintiff files one (POST), the parties and the court read them, and the
 * defendant opens the served complaint (POST /cases/:id/open), which serves it.
 */
import { Router } from 'express';
import { z } from 'zod';
import { CASE_TRACKS, COURT_LEVELS, MAX_CLAIM_AMOUNT } from '../../gov/e-court';
import { caller } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { courtFees } from '../services/e-court';
import { fileCase, getCase, listCases, openCase } from '../services/e-court-cases';
import { parseInput } from '../validation';

// Only the shapes are checked here; the ranges are the calculator's (gov/e-court/fees.ts), so a process gets the same.
export const courtFeesQuery = z.object({
  claimAmount: z.coerce.number({ error: 'is required: the claim value (소송목적의 값) in whole won, e.g. 12000000' }),
  level: z.enum(COURT_LEVELS, { error: `is required: one of ${COURT_LEVELS.join(', ')}` }),
  electronic: z
    .enum(['true', 'false'], { error: 'is required: true for an e-filing (전자소송), else false' })
    .transform((value) => value === 'true'),
  parties: z.coerce.number({ error: 'is required: the number of parties served, e.g. 2' }),
  track: z.enum(CASE_TRACKS, { error: `is required: one of ${CASE_TRACKS.join(', ')}` }),
  filedOn: z.string({ error: 'must be a date in the form YYYY-MM-DD' }).optional(),
});

export const fileCaseBody = z.object({
  defendant: z.string().trim().min(1, 'is required: the defendant’s username'),
  claimAmount: z
    .number({ error: 'is required: the claim value in whole won' })
    .int('must be whole won')
    .min(1, 'must be at least 1 won')
    .max(MAX_CLAIM_AMOUNT),
  track: z.enum(CASE_TRACKS, { error: `is required: one of ${CASE_TRACKS.join(', ')}` }),
  claimText: z.string().trim().min(1, 'is required: 청구취지와 청구원인').max(20_000),
  password: z.string().min(1, 'is required: your password again, to sign the complaint'),
});

export function eCourtRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/fees', (req, res) => {
    res.json(courtFees(parseInput(courtFeesQuery, req.query, 'query'), Date.now()));
  });

  router.post('/cases', async (req, res) => {
    res.status(201).json(await fileCase(deps, caller(req), parseInput(fileCaseBody, req.body ?? {})));
  });

  router.get('/cases', async (req, res) => {
    res.json(await listCases(deps, caller(req)));
  });

  router.get('/cases/:id', async (req, res) => {
    res.json(await getCase(deps, caller(req), req.params.id));
  });

  router.post('/cases/:id/open', async (req, res) => {
    res.json(await openCase(deps, caller(req), req.params.id));
  });

  return router;
}
