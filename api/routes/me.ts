/** What belongs to the caller: their notification preferences. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { getNotificationPreferences, updateNotificationPreferences } from '../services/notification-preferences';
import { parseInput } from '../validation';

export const notificationPreferencesBody = z
  .object({
    language: z.enum(['ko', 'en']),
    assigned: z.boolean(),
    reminder: z.boolean(),
    overdue: z.boolean(),
  })
  .partial()
  .strict();

export function meRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/notification-preferences', async (req, res) => {
    res.json(await getNotificationPreferences(deps, caller(req)));
  });

  router.put('/notification-preferences', async (req, res) => {
    const changes = parseInput(notificationPreferencesBody, req.body ?? {});
    res.json(await updateNotificationPreferences(deps, caller(req), changes));
  });

  return router;
}
