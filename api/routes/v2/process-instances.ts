/** /v2/process-instances: create (optionally awaiting completion), cancel, search. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { caller } from '../../auth/authenticate';
import {
  CAMUNDA_INSTANCE_STATES,
  cancelProcessInstance,
  createProcessInstance,
  searchProcessInstances,
} from '../../services/camunda/process-instances';
import { filterValue, searchPage, searchSort, tenantId } from '../../services/camunda/search';
import { parseInput, variablesObject } from '../../validation';
import { idempotencyKey } from '../../services/start-keys';
import { camundaKey, keyParam } from './keys';

/** Without `requestTimeout`, a caller awaiting completion waits this long, as a Camunda gateway does by default. */
const DEFAULT_AWAIT_MS = 10_000;
const MAX_AWAIT_MS = 10 * 60_000;

export const createInstanceBody = z.object({
  processDefinitionId: z.string().min(1).max(255).optional(),
  processDefinitionVersion: z.number().int().min(-1).optional(),
  processDefinitionKey: camundaKey.optional(),
  variables: variablesObject.default({}),
  tenantId: tenantId.optional(),
  startInstructions: z
    .array(z.unknown())
    .max(0, 'start instructions are not supported: an instance starts at its none start event')
    .optional(),
  awaitCompletion: z.boolean().default(false),
  requestTimeout: z.number().int().min(0).max(MAX_AWAIT_MS).default(0),
  fetchVariables: z.array(z.string().max(255)).max(1000).optional(),
});

export const instanceSearchBody = z.object({
  filter: z
    .object({
      processInstanceKey: filterValue(camundaKey).optional(),
      processDefinitionId: filterValue(z.string()).optional(),
      processDefinitionKey: filterValue(camundaKey).optional(),
      processDefinitionVersion: filterValue(z.number().int()).optional(),
      parentProcessInstanceKey: filterValue(camundaKey).optional(),
      state: filterValue(z.enum(CAMUNDA_INSTANCE_STATES)).optional(),
      hasIncident: z.boolean().optional(),
      tenantId: filterValue(tenantId).optional(),
    })
    .strict()
    .default({}),
  page: searchPage,
  sort: searchSort(['processInstanceKey', 'processDefinitionId', 'startDate', 'endDate', 'state']),
});

export function processInstanceRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const { requestTimeout, ...body } = parseInput(createInstanceBody, req.body ?? {});
    const requestTimeoutMs = requestTimeout || DEFAULT_AWAIT_MS;
    const key = idempotencyKey(req.get('Idempotency-Key'));
    res.json(await createProcessInstance(deps, caller(req), { ...body, requestTimeoutMs }, key));
  });

  router.post('/search', async (req, res) => {
    const { filter, page, sort } = parseInput(instanceSearchBody, req.body ?? {});
    const { tenantId: _tenantId, ...ours } = filter;
    res.json(await searchProcessInstances(deps, caller(req), { filter: ours, page, sort }));
  });

  router.post('/:key/cancellation', async (req, res) => {
    await cancelProcessInstance(deps, caller(req), keyParam(req.params.key, 'processInstanceKey'));
    res.status(204).end();
  });

  return router;
}
