/**
 * Biddings of the procurement-bidding process (processes/procurement-bidding/README.md): GET / and GET /:id (the
 * announcement, and the bids as the caller may see them, sealed until the opening), GET /:id/bids/:bidId, POST
 * /:id/bids (a bidder's sealed bid; the answer carries its commitment), POST /:id/objections (a bidder's objection
 * to the award, delivered to the process).
 */
import { Router } from 'express';
import { z } from 'zod';
import { PICKS_PER_BIDDER, PRELIMINARY_PRICE_COUNT } from '../../gov/procurement/reference-price';
import { caller } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { getBid, getBidding, listBiddings, submitBid, submitObjection } from '../services/procurement-biddings';
import { parseInput } from '../validation';

const won = z
  .number({ error: 'must be a number of won' })
  .int('must be whole won')
  .positive('must be positive')
  .max(Number.MAX_SAFE_INTEGER, 'is too large to be a price in won');

export const bidBody = z.object({
  price: won,
  bond: won,
  picks: z
    .tuple([z.number().int(), z.number().int()], {
      error: `must be ${PICKS_PER_BIDDER} numbers of the ${PRELIMINARY_PRICE_COUNT} preliminary prices`,
    })
    .refine(
      ([first, second]) => first !== second && [first, second].every((n) => n >= 1 && n <= PRELIMINARY_PRICE_COUNT),
      `must be ${PICKS_PER_BIDDER} different numbers from 1 to ${PRELIMINARY_PRICE_COUNT}`,
    ),
});

export const objectionBody = z.object({
  text: z
    .string({ error: 'is required: what you object to and why' })
    .trim()
    .min(1, 'must not be empty')
    .max(4000, 'must be at most 4000 characters'),
});

export function procurementBiddingRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ items: await listBiddings(deps, caller(req)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getBidding(deps, caller(req), req.params.id));
  });

  router.get('/:id/bids/:bidId', async (req, res) => {
    res.json(await getBid(deps, caller(req), req.params.id, req.params.bidId));
  });

  router.post('/:id/bids', async (req, res) => {
    const body = parseInput(bidBody, req.body ?? {});
    res.status(201).json(await submitBid(deps, caller(req), req.params.id, body));
  });

  router.post('/:id/objections', async (req, res) => {
    const { text } = parseInput(objectionBody, req.body ?? {});
    res.status(201).json(await submitObjection(deps, caller(req), req.params.id, text));
  });

  return router;
}
