import { Router } from 'express';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { accessibleWhere } from '../auth/ability';
import { caller } from '../auth/authenticate';
import { isUuid } from '../validation';

const summary = {
  id: true,
  bpmnProcessId: true,
  version: true,
  name: true,
  resourceName: true,
  contentHash: true,
  deployedAt: true,
} as const;

export function processDefinitionRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const allowed = accessibleWhere(caller(req).ability, 'read', 'ProcessDefinition');
    const items = allowed
      ? await deps.prisma.processDefinition.findMany({
          where: allowed,
          select: summary,
          orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
        })
      : [];
    res.json({ items: items.map(({ bpmnProcessId, ...rest }) => ({ processId: bpmnProcessId, ...rest })) });
  });

  router.get('/:id', async (req, res) => {
    const allowed = accessibleWhere(caller(req).ability, 'read', 'ProcessDefinition');
    const id = req.params.id;
    const definition =
      allowed && isUuid(id)
        ? await deps.prisma.processDefinition.findFirst({ where: { AND: [allowed, { id }] } })
        : null;
    if (!definition) throw new AppError('NOT_FOUND', `No process definition ${id} is visible to you.`);
    const { bpmnProcessId, ...rest } = definition;
    res.json({ processId: bpmnProcessId, ...rest });
  });

  return router;
}
