/** /v2/incidents: search and resolution. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { caller } from '../../auth/authenticate';
import { CAMUNDA_INCIDENT_STATES, resolveIncidentByKey, searchIncidents } from '../../services/camunda/incidents';
import { filterValue, searchPage, searchSort, tenantId } from '../../services/camunda/search';
import { parseInput } from '../../validation';
import { camundaKey, keyParam } from './keys';

export const incidentSearchBody = z.object({
  filter: z
    .object({
      incidentKey: filterValue(camundaKey).optional(),
      processInstanceKey: filterValue(camundaKey).optional(),
      processDefinitionId: filterValue(z.string()).optional(),
      elementId: filterValue(z.string()).optional(),
      state: filterValue(z.enum(CAMUNDA_INCIDENT_STATES)).optional(),
      tenantId: filterValue(tenantId).optional(),
    })
    .strict()
    .default({}),
  page: searchPage,
  sort: searchSort(['creationTime']),
});

export function incidentRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/search', async (req, res) => {
    const { filter, page, sort } = parseInput(incidentSearchBody, req.body ?? {});
    const { tenantId: _tenantId, ...ours } = filter;
    res.json(await searchIncidents(deps, caller(req), { filter: ours, page, sort }));
  });

  router.post('/:key/resolution', async (req, res) => {
    await resolveIncidentByKey(deps, caller(req), keyParam(req.params.key, 'incidentKey'));
    res.status(204).end();
  });

  return router;
}
