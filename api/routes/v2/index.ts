/**
 * The Camunda 8 Orchestration Cluster REST API, the subset that clients and job workers use (docs/camunda-api.md):
 * Camunda's paths, request and response shapes, and its error format (RFC 9457 problem+json), over this engine.
 * It authenticates with a session token or HTTP Basic, never a cookie, and parses its own JSON bodies, so that even
 * malformed JSON is answered as a problem.
 */
import express, { Router, type RequestHandler } from 'express';
import { AppError } from '../../../shared/app-error';
import type { AppDeps } from '../../deps';
import { authenticateClient } from '../../auth/client-credentials';
import type { VerificationSlots } from '../../auth/verification-slots';
import { errorHandler } from '../../errors';
import { assertShallowJson } from '../../json-depth';
import { deploymentRoutes } from './deployments';
import { incidentRoutes } from './incidents';
import { jobRoutes } from './jobs';
import { messageRoutes, signalRoutes } from './messages';
import { processInstanceRoutes } from './process-instances';
import { writeProblem } from './problem';
import { topologyRoutes } from './topology';
import { userTaskRoutes } from './user-tasks';

export function camundaApiRoutes(deps: AppDeps, passwordChecks: VerificationSlots, admit: RequestHandler): Router {
  const router = Router();
  // Inside the router, so that a refusal is answered as a problem too.
  router.use(admit);
  router.use(authenticateClient(deps, passwordChecks));
  router.use(express.json({ limit: '1mb', verify: assertShallowJson }));
  router.use('/topology', topologyRoutes());
  router.use('/deployments', deploymentRoutes(deps));
  router.use('/process-instances', processInstanceRoutes(deps));
  router.use('/messages', messageRoutes(deps));
  router.use('/signals', signalRoutes(deps));
  router.use('/user-tasks', userTaskRoutes(deps));
  router.use('/incidents', incidentRoutes(deps));
  router.use('/jobs', jobRoutes(deps));
  router.use((req) => {
    throw new AppError(
      'NOT_FOUND',
      `This engine does not serve ${req.method} ${req.originalUrl} (docs/camunda-api.md).`,
    );
  });
  router.use(errorHandler(deps, writeProblem));
  return router;
}
