/**
 * Procurement rules a clerk can call (docs/procurement.md): GET /announcement, the legal minimum period of a bid
 * announcement; POST /reference-price, the 예정가격 from the preliminary prices and the bidders' picks. Signed-in
 * users only (mounted behind requireLogin); both compute from the request alone and read no stored data, so there is
 * no object to authorize and no service layer.
 */
import { Router } from 'express';
import { z } from 'zod';
import { announcementPeriod, CONTRACT_KINDS } from '../../gov/procurement/announcement';
import { ProcurementInputError } from '../../gov/procurement/procurement-input-error';
import { PICKS_PER_BIDDER, PRELIMINARY_PRICE_COUNT, referencePrice } from '../../gov/procurement/reference-price';
import { AppError } from '../../shared/app-error';
import { parseInput } from '../validation';
import { announcementPeriodAnswer } from '../services/procurement-biddings';

const flag = z
  .enum(['true', 'false'], { error: "must be 'true' or 'false'" })
  .optional()
  .transform((value) => value === 'true');
const isoText = (example: string) =>
  z.string({ error: `is required: an ISO 8601 date or date-time with an offset, e.g. ${example}` });

export const announcementQuery = z.object({
  kind: z.enum(CONTRACT_KINDS, { error: `is required: one of ${CONTRACT_KINDS.join(', ')}` }),
  estimatedPrice: z
    .string({ error: 'must be a whole number of won' })
    .regex(/^-?\d+$/, 'must be a whole number of won, without separators')
    .transform(Number)
    .pipe(z.number().min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER, 'is too large to be a price in won'))
    .optional(),
  siteBriefing: flag,
  urgent: flag,
  negotiated: flag,
  bidDeadline: isoText('2026-03-20T10:00:00+09:00'),
  siteBriefingDate: isoText('2026-03-10').optional(),
});

const won = z.number({ error: 'must be a number of won' }).int('must be whole won');
export const referencePriceBody = z.object({
  basePrice: won.positive('must be positive'),
  preliminaryPrices: z
    .array(won)
    .length(PRELIMINARY_PRICE_COUNT, `must list exactly ${PRELIMINARY_PRICE_COUNT} prices`),
  picks: z
    .array(z.array(z.number().int()).length(PICKS_PER_BIDDER, `each bidder picks ${PICKS_PER_BIDDER} numbers`))
    .min(1, 'needs at least one bidder')
    .max(100_000, 'has too many bidders'),
});

/** 예정가격 with the numbers averaged and how often each was picked. */
export const referencePriceView = z.object({
  referencePrice: z.number().int(),
  averaged: z.array(z.number().int()),
  pickCounts: z.array(z.number().int()),
  explanation: z.object({ text: z.array(z.string()) }),
});

export function procurementRoutes(): Router {
  const router = Router();

  router.get('/announcement', (req, res) => {
    const query = parseInput(announcementQuery, req.query, 'query');
    const answer: z.input<typeof announcementPeriodAnswer> = withInputErrors('query', () => announcementPeriod(query));
    res.json(answer);
  });

  router.post('/reference-price', (req, res) => {
    const body = parseInput(referencePriceBody, req.body ?? {});
    const answer: z.input<typeof referencePriceView> = withInputErrors('request body', () => referencePrice(body));
    res.json(answer);
  });

  return router;
}

/** A rule's refusal as the same 400 a schema failure gives, naming the field. */
function withInputErrors<T>(what: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof ProcurementInputError)) throw error;
    throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${error.message}`);
  }
}
