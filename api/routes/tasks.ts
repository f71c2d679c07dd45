import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { savedCriteria } from '../services/saved-filters';
import {
  assignTask,
  claimTask,
  delegateTask,
  forEachTask,
  resolveTask,
  unclaimTask,
  updateTask,
} from '../services/task-assignment';
import { addComment, commentsOf, MAX_COMMENT_LENGTH } from '../services/task-comments';
import { listQueue, MAX_LIMIT, queueCriteria, type QueueCriteria } from '../services/task-queue';
import { completeTask, getTask } from '../services/tasks';
import { parseInput, variablesObject } from '../validation';
import { taskAttachmentRoutes } from './task-attachments';

export const completeTaskBody = z.object({
  variables: variablesObject.default({}),
});

const queuePage = z.object({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
  filter: z.string().optional(),
});
const VARIABLE_PREFIX = 'var.';

export const toUserBody = z.object({ userId: z.string().min(1).max(200).describe('The username') });
const taskIds = z.array(z.string().min(1).max(100)).min(1).max(100);
export const bulkClaimBody = z.object({ taskIds });
export const bulkAssignBody = toUserBody.extend({ taskIds });
export const resolveTaskBody = z.object({ variables: variablesObject.optional() });
/** An instant with an offset that stays within year 9999 in UTC, so that its answer is an ISO 8601 instant too. */
const instantUpTo9999 = z.iso
  .datetime({ offset: true })
  .refine((at) => new Date(at).getUTCFullYear() <= 9999, 'must be before 10000-01-01T00:00:00Z');
export const planTaskBody = z
  .object({
    followUpAt: instantUpTo9999.nullable().optional(),
    priority: z.number().int().min(0).max(100).optional(),
  })
  .strict()
  .refine((plan) => plan.followUpAt !== undefined || plan.priority !== undefined, {
    message: 'give followUpAt or priority',
  });
export const commentBody = z.object({ text: z.string().trim().min(1).max(MAX_COMMENT_LENGTH) });

export function taskRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { criteria, page, filter } = queueQuery(req);
    const saved = filter ? await savedCriteria(deps, caller(req), filter) : {};
    const merged = { ...saved, ...criteria, variables: { ...saved.variables, ...criteria.variables } };
    res.json(await listQueue(deps, caller(req), merged, page));
  });

  // Before the `/:id` routes, which would take "bulk" for a task id.
  router.post('/bulk/claim', async (req, res) => {
    const ids = parseInput(bulkClaimBody, req.body ?? {}).taskIds;
    res.json(await forEachTask(ids, (id) => claimTask(deps, caller(req), id)));
  });

  router.post('/bulk/assign', async (req, res) => {
    const { taskIds: ids, userId } = parseInput(bulkAssignBody, req.body ?? {});
    res.json(await forEachTask(ids, (id) => assignTask(deps, caller(req), { id, userId })));
  });

  router.get('/:id', async (req, res) => {
    res.json(await getTask(deps, caller(req), req.params.id));
  });

  router.patch('/:id', async (req, res) => {
    const { followUpAt, priority } = parseInput(planTaskBody, req.body ?? {});
    const plan = {
      priority,
      followUpAt: followUpAt === undefined || followUpAt === null ? followUpAt : new Date(followUpAt),
    };
    res.json(await updateTask(deps, caller(req), { id: req.params.id, ...plan }));
  });

  router.post('/:id/claim', async (req, res) => {
    res.json(await claimTask(deps, caller(req), req.params.id));
  });

  router.post('/:id/unclaim', async (req, res) => {
    res.json(await unclaimTask(deps, caller(req), req.params.id));
  });

  router.post('/:id/assign', async (req, res) => {
    const { userId } = parseInput(toUserBody, req.body ?? {});
    res.json(await assignTask(deps, caller(req), { id: req.params.id, userId }));
  });

  router.post('/:id/delegate', async (req, res) => {
    const { userId } = parseInput(toUserBody, req.body ?? {});
    res.json(await delegateTask(deps, caller(req), { id: req.params.id, userId }));
  });

  router.post('/:id/resolve', async (req, res) => {
    const { variables } = parseInput(resolveTaskBody, req.body ?? {});
    res.json(await resolveTask(deps, caller(req), { id: req.params.id, variables }));
  });

  router.post('/:id/complete', async (req, res) => {
    const { variables } = parseInput(completeTaskBody, req.body ?? {});
    res.json(await completeTask(deps, caller(req), { id: req.params.id, variables }));
  });

  router.get('/:id/comments', async (req, res) => {
    res.json({ items: await commentsOf(deps, caller(req), req.params.id) });
  });

  router.post('/:id/comments', async (req, res) => {
    const { text } = parseInput(commentBody, req.body ?? {});
    res.status(201).json(await addComment(deps, caller(req), { taskId: req.params.id, text }));
  });

  router.use('/:id/attachments', taskAttachmentRoutes(deps));
  return router;
}

/** The queue's query string: `var.<name>=<value>` pairs become variable criteria, the rest is criteria or paging. */
function queueQuery(req: Request): { criteria: QueueCriteria; page: z.infer<typeof queuePage>; filter?: string } {
  const variables: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (key.startsWith(VARIABLE_PREFIX)) variables[key.slice(VARIABLE_PREFIX.length)] = value;
    else rest[key] = value;
  }
  const { cursor, limit, filter, ...criteria } = rest;
  const page = parseInput(queuePage, { cursor, limit, filter }, 'query');
  const parsed = parseInput(queueCriteria, { ...criteria, variables }, 'query');
  return { criteria: parsed, page: { cursor: page.cursor, limit: page.limit }, filter: page.filter };
}
