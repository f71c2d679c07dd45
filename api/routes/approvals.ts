/**
 * Approval lines (결재선): POST / submits a document with its line, GET / lists the caller's (role=drafted|on-line|received),
 * GET /:id reads one with its record, POST /:id/withdraw is 회수; the delegation table and absences that route
 * lines live under /delegation-rules and /absences. docs/approval-lines.md.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import {
  deleteAbsence,
  listAbsences,
  listDelegationRules,
  recordAbsence,
  replaceDelegationRules,
} from '../services/approval-settings';
import { getDocument, listDocuments, submitDocument, withdrawDocument } from '../services/approvals';
import { requestDocumentResend, updateReceipt } from '../services/document-dispatch';
import { documentAttachmentRoutes } from './document-attachments';
import { parseInput } from '../validation';
import { documentRecordsFields } from './records';
import { classificationFields } from './classification-fields';

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 instant, e.g. 2026-12-07T09:00:00+09:00' })
  .transform((value) => new Date(value));

const amount = z.number().int('must be a whole number').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER);

/** 수신자: a unit of this agency by its code, or another agency by name and mail address. */
const recipient = z.union([
  z.object({ unitCode: z.string().trim().min(1).max(100) }).strict(),
  z
    .object({
      agencyName: z.string().trim().min(1, 'is required').max(200),
      email: z.email('must be an email address'),
    })
    .strict(),
]);

export const resendBody = z.object({
  recipient,
  reason: z.string().trim().min(1, 'is required: why the document goes to a new recipient (§15④)').max(500),
});

export const receiptUpdateBody = z
  .object({ readingDueAt: instant.optional(), handler: z.string().trim().min(1).optional() })
  .refine((body) => body.readingDueAt || body.handler, 'set readingDueAt, handler (a username) or both');

export const submitApprovalBody = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  body: z.string().max(100_000),
  documentType: z.string().trim().min(1, 'is required').max(100),
  amount: amount.optional(),
  important: z.boolean().optional(),
  line: z
    .array(z.object({ kind: z.enum(['review', 'cooperate', 'approve']), userId: z.string() }))
    .max(30, 'at most 30 people'),
  cooperation: z.enum(['sequential', 'parallel']).default('sequential'),
  recipients: z.array(recipient).max(50, 'at most 50 recipients').optional(),
  taskClassification: z.string().trim().min(1).max(100).optional(),
  ...documentRecordsFields,
  ...classificationFields,
});

const listQuery = z.object({ role: z.enum(['drafted', 'on-line', 'received']).default('drafted') });

export const delegationRulesBody = z.object({
  rules: z.array(
    z.object({
      documentType: z.string().trim().min(1).max(100),
      minAmount: amount.default(0),
      maxAmount: amount.nullable().default(null),
      positionCode: z.string().min(1),
    }),
  ),
});

export const absenceBody = z.object({
  userId: z.string().optional(),
  proxyId: z.string(),
  startsAt: instant,
  endsAt: instant,
  reason: z.string().trim().min(1, 'is required (leave, business trip …)').max(500),
});

export function approvalRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/delegation-rules', async (req, res) => {
    res.json({ items: await listDelegationRules(deps, caller(req)) });
  });

  router.put('/delegation-rules', async (req, res) => {
    const { rules } = parseInput(delegationRulesBody, req.body ?? {});
    res.json({ items: await replaceDelegationRules(deps, caller(req), rules) });
  });

  router.get('/absences', async (req, res) => {
    res.json({ items: await listAbsences(deps, caller(req)) });
  });

  router.post('/absences', async (req, res) => {
    res.status(201).json(await recordAbsence(deps, caller(req), parseInput(absenceBody, req.body ?? {})));
  });

  router.delete('/absences/:id', async (req, res) => {
    await deleteAbsence(deps, caller(req), req.params.id);
    res.status(204).end();
  });

  router.post('/', async (req, res) => {
    res.status(201).json(await submitDocument(deps, caller(req), parseInput(submitApprovalBody, req.body ?? {})));
  });

  router.get('/', async (req, res) => {
    const { role } = parseInput(listQuery, req.query, 'query');
    res.json({ items: await listDocuments(deps, caller(req), role) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getDocument(deps, caller(req), req.params.id));
  });

  router.post('/:id/withdraw', async (req, res) => {
    res.json(await withdrawDocument(deps, caller(req), req.params.id));
  });

  router.post('/:id/resend', async (req, res) => {
    const body = parseInput(resendBody, req.body ?? {});
    res.status(202).json(await requestDocumentResend(deps, caller(req), { documentId: req.params.id, ...body }));
  });

  router.patch('/:id/receipts/:receiptId', async (req, res) => {
    const body = parseInput(receiptUpdateBody, req.body ?? {});
    const { id: documentId, receiptId } = req.params;
    res.json(await updateReceipt(deps, caller(req), { documentId, receiptId, ...body }));
  });

  router.use('/:id/attachments', documentAttachmentRoutes(deps));

  return router;
}
