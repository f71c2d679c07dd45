/**
 * A person's notification preferences: which kinds of mail they get and in which language. Each person reads and
 * changes only their own; without a row they get every kind, in Korean.
 */
import { z } from 'zod';
import { NotificationLanguage } from '../../prisma/generated/enums';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { appendAudit } from '../../engine/audit';

export const notificationPreferencesAnswer = z.object({
  language: z.enum(NotificationLanguage),
  assigned: z.boolean(),
  reminder: z.boolean(),
  overdue: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesAnswer>;

const DEFAULTS: NotificationPreferences = { language: 'ko', assigned: true, reminder: true, overdue: true };
const select = { language: true, assigned: true, reminder: true, overdue: true } as const;

export async function getNotificationPreferences(
  { prisma }: ServiceDeps,
  { principal }: Caller,
): Promise<NotificationPreferences> {
  const stored = await prisma.notificationPreference.findUnique({ where: { userId: principal.id }, select });
  return stored ?? DEFAULTS;
}

/** Changes the fields given, keeping the others; audited. */
export async function updateNotificationPreferences(
  { prisma }: ServiceDeps,
  { principal, sourceAddress }: Caller,
  changes: Partial<NotificationPreferences>,
): Promise<NotificationPreferences> {
  return prisma.$transaction(async (tx) => {
    const saved = await tx.notificationPreference.upsert({
      where: { userId: principal.id },
      create: { ...DEFAULTS, ...changes, userId: principal.id },
      update: changes,
      select,
    });
    await appendAudit(tx, {
      actor: principal.username,
      sourceAddress,
      action: 'notification-preferences.updated',
      objectType: 'User',
      objectId: principal.id,
      details: changes,
    });
    return saved;
  });
}
