/**
 * The notifier's loop: scan for due notification mail, sleep, scan again; continues as new after a number of scans
 * to keep its history short. A scan that keeps failing is logged and the loop goes on: the next scan finds the
 * same notices, since only sent ones are recorded.
 */
import { ActivityFailure, continueAsNew, log, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { notificationSettingsSignal, type NotificationDispatcherInput } from '../shared/workflow-contract';
import type { Activities } from '../activities';

const { dispatchNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

const SCANS_PER_RUN = 200;

export async function runNotificationDispatcher(input: NotificationDispatcherInput): Promise<void> {
  let settings = input;
  setHandler(notificationSettingsSignal, (next) => {
    settings = next;
  });
  for (let scan = 0; scan < SCANS_PER_RUN; scan += 1) {
    try {
      await dispatchNotifications({
        reminderWorkingDays: settings.reminderWorkingDays,
        progressNoticeDays: settings.progressNoticeDays,
      });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.warn('a notification scan failed; the next scan tries again', { error: error.message });
    }
    await sleep(settings.intervalMs);
  }
  await continueAsNew<typeof runNotificationDispatcher>(settings);
}
