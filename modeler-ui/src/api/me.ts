import { request } from './http';
import type { NotificationPreferences } from './types';

const preferences = '/api/me/notification-preferences';

export function getNotificationPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return request<NotificationPreferences>('GET', preferences, signal ? { signal } : {});
}

/** Changes the fields given; answers the preferences as stored. */
export function updateNotificationPreferences(
  changes: Partial<NotificationPreferences>,
): Promise<NotificationPreferences> {
  return request<NotificationPreferences>('PUT', preferences, { body: changes });
}
