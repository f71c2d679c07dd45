/**
 * Records (docs/records.md): GET /retention lists the approved documents whose retention ends before a date, for
 * the records officer, as JSON pages or (`format=csv`) one CSV of the whole list.
 */
import { Router } from 'express';
import { z } from 'zod';
import { isLocalDate } from '../../gov/calendar';
import { DISCLOSURE_CLASSES, NON_DISCLOSURE_ITEMS, RETENTION_PERIODS } from '../../gov/records';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { toCsv } from '../services/dashboards/csv';
import { listRetentionExpiry, RETENTION_CSV_LIMIT } from '../services/records';
import { parseInput } from '../validation';

/**
 * An approval document's retention and disclosure as the drafter sets them; omitted, the defaults apply. Whether the
 * grounds fit the class is the engine's check (engine/records/drafting.ts).
 */
export const documentRecordsFields = {
  retention: z.enum(RETENTION_PERIODS, { error: `must be one of ${RETENTION_PERIODS.join(', ')}` }).optional(),
  disclosure: z.enum(DISCLOSURE_CLASSES, { error: `must be one of ${DISCLOSURE_CLASSES.join(', ')}` }).optional(),
  nonDisclosureGrounds: z.array(z.number().int()).max(NON_DISCLOSURE_ITEMS).optional(),
};

export const retentionQuery = z.strictObject({
  expiringBefore: z.string().refine(isLocalDate, 'must be a date in the form YYYY-MM-DD'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
});

export function recordsRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/retention', async (req, res) => {
    const { format, ...query } = parseInput(retentionQuery, req.query, 'query');
    if (format === 'json') {
      res.json(await listRetentionExpiry(deps, caller(req), query));
      return;
    }
    const all = await listRetentionExpiry(deps, caller(req), { ...query, limit: RETENTION_CSV_LIMIT });
    if (all.nextCursor) {
      throw new AppError(
        'VALIDATION_FAILED',
        `More than ${RETENTION_CSV_LIMIT} documents expire before ${query.expiringBefore}: choose an earlier date or page through the JSON list.`,
      );
    }
    res
      .type('text/csv; charset=utf-8')
      .attachment(`retention-before-${query.expiringBefore}.csv`)
      .send(toCsv(all.items.map(({ processingUnit, ...item }) => ({ ...item, processingUnit: processingUnit?.code }))));
  });

  return router;
}
