import { Router } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { definitionStatistics } from '../services/dashboards/dashboards';
import { definitionStatisticsAnswer, getDefinition, getDefinitionXml, listDefinitions } from '../services/definitions';

export function processDefinitionRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ items: await listDefinitions(deps, caller(req)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getDefinition(deps, caller(req), req.params.id));
  });

  router.get('/:id/xml', async (req, res) => {
    res.type('application/xml').send(await getDefinitionXml(deps, caller(req), req.params.id));
  });

  router.get('/:id/statistics', async (req, res) => {
    const statistics: z.input<typeof definitionStatisticsAnswer> = await definitionStatistics(
      deps,
      caller(req),
      req.params.id,
    );
    res.json(statistics);
  });

  return router;
}
