/** The notifier's one activity: one scan of what is due (due.ts), each notice sent once (outbound-email.ts). */
import type { ActivityDeps } from '../deps';
import { sendOnce } from '../outbound-email';
import { findDueNotices, type NotificationSettings } from './due';
import { renderNotice } from './templates';

export function createNotificationActivities(deps: ActivityDeps) {
  return {
    /** Sends every notice due now; returns how many this attempt sent. A retry skips what an attempt sent. */
    async dispatchNotifications(settings: NotificationSettings): Promise<{ sent: number }> {
      const due = await findDueNotices(deps, settings, deps.now());
      let sent = 0;
      for (const { key, to, language, notice } of due) {
        const result = await sendOnce(deps, key, { to, ...renderNotice(notice, language) });
        if (!result.sent) continue;
        sent += 1;
        await deps.afterNotificationSent?.(key);
      }
      return { sent };
    },
  };
}
