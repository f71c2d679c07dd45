/**
 * Every activity of the engine, built over injected dependencies (docs/conventions.md §3). Each first writes the element
 * history its input carries (activities/history.ts), then does its own work.
 */
import { createBatchActivities } from './batches';
import { createClassifiedReviewActivities } from './classified-review';
import { createDecisionActivities } from './decisions';
import type { ActivityDeps } from './deps';
import { createExternalJobActivities } from './external-jobs';
import { createHistoryActivities, withHistory } from './history';
import { createIncidentActivities } from './incidents';
import { createInstanceStartActivities } from './instance-starts';
import { createInstanceActivities } from './instances';
import { createJobActivities } from './jobs';
import { createNotificationActivities } from './notifications/dispatch';
import { createSubscriptionActivities } from './subscriptions';
import { createUserTaskActivities } from './user-tasks';

export type { ActivityDeps, Mailer } from './deps';
export type { RaiseIncidentInput, ResolveIncidentActivityInput } from './incidents';
export type { NotificationSettings } from './notifications/due';
export type {
  CalledProcessBinding,
  PrepareCalledInstanceInput,
  PreparedCalledInstance,
  StartTimerInstanceInput,
} from './instance-starts';
export type {
  BroadcastSignalActivityInput,
  CloseSubscriptionInput,
  PublishMessageActivityInput,
} from './subscriptions';

export function createActivities(deps: ActivityDeps) {
  return withHistory(deps, {
    ...createUserTaskActivities(deps),
    ...createInstanceActivities(deps),
    ...createJobActivities(deps),
    ...createExternalJobActivities(deps),
    ...createDecisionActivities(deps),
    ...createHistoryActivities(),
    ...createIncidentActivities(deps),
    ...createSubscriptionActivities(deps),
    ...createInstanceStartActivities(deps),
    ...createNotificationActivities(deps),
    ...createBatchActivities(deps),
    ...createClassifiedReviewActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
