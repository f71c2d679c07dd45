/** Incidents: list (open by default), one, and resolve (the element is retried with the variables given). */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { getIncident, listIncidents, resolveIncident } from '../services/incidents';
import { parseInput, variablesObject } from '../validation';

export const incidentsQuery = z.object({
  state: z.enum(['OPEN', 'RESOLVED', 'CANCELED'], { error: 'must be OPEN, RESOLVED or CANCELED' }).default('OPEN'),
  processInstanceId: z.uuid({ error: 'must be a process instance id (a UUID)' }).optional(),
});

export const resolveIncidentBody = z.object({
  variables: variablesObject.optional(),
});

export function incidentRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const filter = parseInput(incidentsQuery, req.query, 'query');
    res.json({ items: await listIncidents(deps, caller(req), filter) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getIncident(deps, caller(req), req.params.id));
  });

  router.post('/:id/resolve', async (req, res) => {
    const { variables } = parseInput(resolveIncidentBody, req.body ?? {});
    res.json(await resolveIncident(deps, caller(req), { id: req.params.id, variables }));
  });

  return router;
}
