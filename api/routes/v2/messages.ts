/** /v2/messages (publication, correlation) and /v2/signals/broadcast. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { caller } from '../../auth/authenticate';
import {
  broadcastCamundaSignal,
  correlateCamundaMessage,
  publishCamundaMessage,
} from '../../services/camunda/messages';
import { tenantId } from '../../services/camunda/search';
import { parseInput } from '../../validation';
import { MAX_TIME_TO_LIVE_MS, variablesField } from '../messages';

const messageName = z.string({ error: 'is required: the message name' }).trim().min(1).max(255);
// Camunda lets a message without a correlation key start instances; an empty key correlates with nothing waiting.
const correlationKey = z.string().max(255).default('');

export const publicationBody = z.object({
  name: messageName,
  correlationKey,
  timeToLive: z.number().int().min(0).max(MAX_TIME_TO_LIVE_MS).default(0),
  // This engine keeps a published message under its id, a UUID (docs/camunda-api.md).
  messageId: z.uuid('must be a UUID').optional(),
  variables: variablesField,
  tenantId: tenantId.optional(),
});

export const correlationBody = z.object({
  name: messageName,
  correlationKey,
  variables: variablesField,
  tenantId: tenantId.optional(),
});

export const broadcastBody = z.object({
  signalName: z.string({ error: 'is required: the signal name' }).trim().min(1).max(255),
  variables: variablesField,
  tenantId: tenantId.optional(),
});

export function messageRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/publication', async (req, res) => {
    const { timeToLive, tenantId: _tenantId, ...message } = parseInput(publicationBody, req.body ?? {});
    res.json(await publishCamundaMessage(deps, caller(req), { ...message, timeToLiveMs: timeToLive }));
  });
  router.post('/correlation', async (req, res) => {
    const { tenantId: _tenantId, ...message } = parseInput(correlationBody, req.body ?? {});
    res.json(await correlateCamundaMessage(deps, caller(req), message));
  });
  return router;
}

export function signalRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/broadcast', async (req, res) => {
    const { tenantId: _tenantId, ...signal } = parseInput(broadcastBody, req.body ?? {});
    res.json(await broadcastCamundaSignal(deps, caller(req), signal));
  });
  return router;
}
