/** /v2/user-tasks: search, one task, its form, completion, assignment and unassignment. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { caller } from '../../auth/authenticate';
import { filterValue, searchPage, searchSort, tenantId } from '../../services/camunda/search';
import {
  assignUserTask,
  completeUserTask,
  getUserTask,
  getUserTaskForm,
  searchUserTasks,
  unassignUserTask,
} from '../../services/camunda/user-tasks';
import { parseInput } from '../../validation';
import { variablesField } from '../messages';
import { camundaKey, keyParam } from './keys';

export const userTaskSearchBody = z.object({
  filter: z
    .object({
      userTaskKey: filterValue(camundaKey).optional(),
      state: filterValue(z.enum(['CREATED', 'COMPLETED', 'CANCELED'])).optional(),
      assignee: filterValue(z.string()).optional(),
      elementId: filterValue(z.string()).optional(),
      processInstanceKey: filterValue(camundaKey).optional(),
      processDefinitionKey: filterValue(camundaKey).optional(),
      processDefinitionId: filterValue(z.string()).optional(),
      candidateGroup: filterValue(z.string()).optional(),
      candidateUser: filterValue(z.string()).optional(),
      tenantId: filterValue(tenantId).optional(),
    })
    .strict()
    .default({}),
  page: searchPage,
  sort: searchSort(['creationDate', 'completionDate', 'dueDate', 'followUpDate', 'priority']),
});

export const completionBody = z.object({
  variables: variablesField,
  // Camunda records a custom action name; this engine's audit trail records the completion as such.
  action: z.string().max(255).optional(),
});

export const assignmentBody = z.object({
  assignee: z.string({ error: 'is required: the username' }).min(1).max(100),
  allowOverride: z.boolean().default(true),
  action: z.string().max(255).optional(),
});

export function userTaskRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/search', async (req, res) => {
    const { filter, page, sort } = parseInput(userTaskSearchBody, req.body ?? {});
    const { tenantId: _tenantId, ...ours } = filter;
    res.json(await searchUserTasks(deps, caller(req), { filter: ours, page, sort }));
  });

  router.get('/:key', async (req, res) => {
    res.json(await getUserTask(deps, caller(req), keyParam(req.params.key, 'userTaskKey')));
  });

  router.get('/:key/form', async (req, res) => {
    const form = await getUserTaskForm(deps, caller(req), keyParam(req.params.key, 'userTaskKey'));
    if (form) res.json(form);
    else res.status(204).end();
  });

  router.post('/:key/completion', async (req, res) => {
    const { variables } = parseInput(completionBody, req.body ?? {});
    await completeUserTask(deps, caller(req), keyParam(req.params.key, 'userTaskKey'), variables);
    res.status(204).end();
  });

  router.post('/:key/assignment', async (req, res) => {
    const { assignee, allowOverride } = parseInput(assignmentBody, req.body ?? {});
    await assignUserTask(deps, caller(req), keyParam(req.params.key, 'userTaskKey'), { assignee, allowOverride });
    res.status(204).end();
  });

  router.delete('/:key/assignee', async (req, res) => {
    await unassignUserTask(deps, caller(req), keyParam(req.params.key, 'userTaskKey'));
    res.status(204).end();
  });

  return router;
}
