/** POST /api/messages: publish a message to the instances waiting for it (and buffer it for a time to live). */
import { Router } from 'express';
import { Duration } from 'luxon';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { publishMessage } from '../services/messages';
import { parseInput, variablesObject } from '../validation';

/** A century: longer than any process lives, and short enough that the expiry stays a valid date. */
export const MAX_TIME_TO_LIVE_MS = 100 * 365 * 24 * 3600 * 1000;
const TTL_MESSAGE =
  'must be an ISO 8601 duration such as PT1H or P2D, or a number of milliseconds (0 or more, at most a century)';

/** An ISO 8601 duration (months and years counted as 30 and 365 days) or milliseconds, as milliseconds. */
export const timeToLive = z.union([z.number(), z.string()], { error: TTL_MESSAGE }).transform((value, context) => {
  const ms = typeof value === 'number' ? value : Duration.fromISO(value).toMillis();
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME_TO_LIVE_MS) {
    context.addIssue({ code: 'custom', message: TTL_MESSAGE });
    return z.NEVER;
  }
  return ms;
});

export const variablesField = variablesObject.default({});

export const publishMessageBody = z.object({
  name: z.string({ error: 'is required: the message name' }).trim().min(1, 'must not be empty').max(255),
  correlationKey: z.string({ error: 'is required: the correlation key (a string)' }).max(255),
  variables: variablesField,
  timeToLive: timeToLive.optional(),
});

export function messageRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { timeToLive: timeToLiveMs = 0, ...message } = parseInput(publishMessageBody, req.body ?? {});
    res.json(await publishMessage(deps, caller(req), { ...message, timeToLiveMs }));
  });
  return router;
}
