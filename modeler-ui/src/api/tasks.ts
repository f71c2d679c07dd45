import { request } from './http';
import type {
  BulkResult,
  CompleteTaskResponse,
  PersonRef,
  QueueCriteria,
  SavedFilter,
  Task,
  TaskAttachment,
  TaskComment,
  TaskList,
  Variables,
} from './types';

const base = '/api/tasks';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

/** One page of a queue: the criteria, plus the cursor of the page before (none for the first page). */
export function listTasks(
  criteria: QueueCriteria,
  page: { cursor?: string | null; limit?: number; filter?: string } = {},
  signal?: AbortSignal,
): Promise<TaskList> {
  const query = new URLSearchParams();
  const { variables = {}, ...plain } = criteria;
  for (const [key, value] of Object.entries({ ...plain, ...page })) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  for (const [name, value] of Object.entries(variables)) query.set(`var.${name}`, value);
  const search = query.toString();
  return request<TaskList>('GET', search ? `${base}?${search}` : base, signal ? { signal } : {});
}

export function getTask(id: string, signal?: AbortSignal): Promise<Task> {
  return request<Task>('GET', one(id), signal ? { signal } : {});
}

export function claimTask(id: string): Promise<Task> {
  return request<Task>('POST', `${one(id)}/claim`);
}

export function unclaimTask(id: string): Promise<Task> {
  return request<Task>('POST', `${one(id)}/unclaim`);
}

export function completeTask(id: string, variables: Variables): Promise<CompleteTaskResponse> {
  return request<CompleteTaskResponse>('POST', `${one(id)}/complete`, { body: { variables } });
}

export function delegateTask(id: string, userId: string): Promise<Task> {
  return request<Task>('POST', `${one(id)}/delegate`, { body: { userId } });
}

export function resolveTask(id: string, variables?: Variables): Promise<Task> {
  return request<Task>('POST', `${one(id)}/resolve`, { body: variables ? { variables } : {} });
}

export function planTask(id: string, plan: { followUpAt?: string | null; priority?: number }): Promise<Task> {
  return request<Task>('PATCH', one(id), { body: plan });
}

export async function bulkClaim(taskIds: string[]): Promise<BulkResult[]> {
  return (await request<{ results: BulkResult[] }>('POST', `${base}/bulk/claim`, { body: { taskIds } })).results;
}

export function addComment(id: string, text: string): Promise<TaskComment> {
  return request<TaskComment>('POST', `${one(id)}/comments`, { body: { text } });
}

export function attachFile(id: string, file: File): Promise<TaskAttachment> {
  const body = new FormData();
  body.append('file', file);
  return request<TaskAttachment>('POST', `${one(id)}/attachments`, { body });
}

export function attachmentUrl(taskId: string, attachmentId: string): string {
  return `${one(taskId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

export async function listSavedFilters(signal?: AbortSignal): Promise<SavedFilter[]> {
  return (await request<{ items: SavedFilter[] }>('GET', '/api/task-filters', signal ? { signal } : {})).items;
}

export function saveFilter(name: string, criteria: QueueCriteria): Promise<SavedFilter> {
  return request<SavedFilter>('POST', '/api/task-filters', { body: { name, criteria } });
}

export function deleteSavedFilter(id: string): Promise<void> {
  return request<void>('DELETE', `/api/task-filters/${encodeURIComponent(id)}`);
}

/** The people of the org chart, to hand a task to; an empty list when the org chart cannot be read. */
export async function listPeople(signal?: AbortSignal): Promise<PersonRef[]> {
  try {
    const answer = await request<{ items?: PersonRef[] } | PersonRef[]>(
      'GET',
      '/api/org/people',
      signal ? { signal } : {},
    );
    return Array.isArray(answer) ? answer : (answer?.items ?? []);
  } catch {
    return [];
  }
}
