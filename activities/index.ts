/** Every activity of the engine, built over injected dependencies (CONVENTIONS.md §3). */
import type { ActivityDeps } from './deps';
import { createInstanceActivities } from './instances';
import { createJobActivities } from './jobs';
import { createUserTaskActivities } from './user-tasks';

export type { ActivityDeps, Mailer } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createUserTaskActivities(deps),
    ...createInstanceActivities(deps),
    ...createJobActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
