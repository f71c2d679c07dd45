/** E-court rules a clerk can call: GET /fees prices a filing (인지 and 송달료) with its explanation. */
import { Router } from 'express';
import { z } from 'zod';
import { CASE_TRACKS, COURT_LEVELS } from '../../gov/e-court';
import { courtFees } from '../services/e-court';
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

export function eCourtRoutes(): Router {
  const router = Router();

  router.get('/fees', (req, res) => {
    res.json(courtFees(parseInput(courtFeesQuery, req.query, 'query'), Date.now()));
  });

  return router;
}
