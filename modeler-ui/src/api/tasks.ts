import { request } from './http';
import type { CompleteTaskResponse, Task, TaskList, Variables } from './types';

const base = '/api/tasks';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

/** The caller's queue. */
export async function listMyTasks(signal?: AbortSignal): Promise<Task[]> {
  const res = await request<TaskList>('GET', base, signal ? { signal } : {});
  return res.items;
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
