/**
 * The Camunda 8 Orchestration Cluster REST API, the subset that clients and job workers use (docs/camunda-api.md):
 * Camunda's paths, request and response shapes, and its error format (RFC 9457 problem+json), over this engine.
 */
import { Router } from 'express';
import type { AppDeps } from '../../deps';
import { jobRoutes } from './jobs';

export function camundaApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/jobs', jobRoutes(deps));
  return router;
}
