/** Camunda's job endpoints: what external job workers activate, complete, fail and throw errors on. */
import { Router } from 'express';
import type { AppDeps } from '../../deps';

export function jobRoutes(_deps: AppDeps): Router {
  const router = Router();
  return router;
}
