/**
 * Starting the notifier (workflows/notification-dispatcher.ts): one per task queue, started by every worker at
 * start-up. Signal-with-start makes it idempotent: a running notifier is not started twice, only handed the
 * starting worker's settings.
 */
import {
  NOTIFICATION_DISPATCHER_WORKFLOW,
  notificationDispatcherWorkflowId,
  notificationSettingsSignal,
  type NotificationDispatcherInput,
} from '../shared/workflow-contract';
import type { EngineDeps } from './deps';

export async function startNotificationDispatcher(
  { temporal, taskQueue }: Pick<EngineDeps, 'temporal' | 'taskQueue'>,
  settings: NotificationDispatcherInput,
): Promise<void> {
  await temporal.workflow.signalWithStart(NOTIFICATION_DISPATCHER_WORKFLOW, {
    workflowId: notificationDispatcherWorkflowId(taskQueue),
    taskQueue,
    args: [settings],
    signal: notificationSettingsSignal,
    signalArgs: [settings],
  });
}
