import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { assertMayKeepDrafts, deleteDraft, getDraft, listDrafts, saveDraft } from '../services/drafts';
import { assertShallowJson } from '../json-depth';
import { parseInput } from '../validation';

/** A process id, or `new-<uuid>` for a diagram not deployed yet: the pattern the compiler accepts for process ids. */
export const draftKey = z
  .string()
  .max(200)
  .regex(/^[A-Za-z_][\w.-]*$/, 'a draft key is a process id or new-<uuid>');

export const saveDraftBody = z.object({
  xml: z.string().min(1, 'xml is the BPMN XML of the diagram'),
  forms: z
    .record(z.string(), z.record(z.string(), z.unknown()), { message: 'forms maps form ids to form-js schemas' })
    .default({}),
});

/**
 * Mounted before the application's 1 MB JSON parser: a draft carries a whole diagram, so its body may take twice
 * the BPMN upload limit (the XML, its forms, and JSON's escaping).
 */
export function draftRoutes(deps: AppDeps): Router {
  const router = Router();
  const draftJson = express.json({ limit: 2 * deps.config.MAX_BPMN_BYTES, verify: assertShallowJson });
  // Refused before the body is read: a caller who may not keep drafts must not make the API parse megabytes.
  const mayKeepDrafts: RequestHandler = (req, _res, next) => {
    assertMayKeepDrafts(caller(req));
    next();
  };

  router.get('/', async (req, res) => {
    res.json(await listDrafts(deps, caller(req)));
  });

  router.get('/:key', async (req, res) => {
    res.json(await getDraft(deps, caller(req), parseInput(draftKey, req.params.key, 'draft key')));
  });

  router.put('/:key', mayKeepDrafts, draftJson, async (req, res) => {
    const key = parseInput(draftKey, req.params.key, 'draft key');
    res.json(await saveDraft(deps, caller(req), key, parseInput(saveDraftBody, req.body ?? {})));
  });

  router.delete('/:key', async (req, res) => {
    await deleteDraft(deps, caller(req), parseInput(draftKey, req.params.key, 'draft key'));
    res.status(204).end();
  });

  return router;
}
