/** The audit trail for auditors: GET / lists rows newest first (keyset cursor); GET /verify walks the chain. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { assertAuditor, listAudit, verifyAudit } from '../services/audit';
import { parseInput } from '../validation';

const text = z.string().trim().min(1).max(255).optional();

export const auditQuery = z
  .object({
    actor: text,
    action: text,
    objectType: text,
    objectId: text,
    from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).pipe(z.coerce.date()).optional(),
    to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).pipe(z.coerce.date()).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, 'must be the nextCursor of the previous page')
      .transform((value) => BigInt(value))
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export function auditRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const auditor = caller(req);
    assertAuditor(auditor); // a non-auditor learns nothing from a malformed query either
    res.json(await listAudit(deps, auditor, parseInput(auditQuery, req.query, 'query')));
  });

  router.get('/verify', async (req, res) => {
    res.json(await verifyAudit(deps, caller(req)));
  });

  return router;
}
