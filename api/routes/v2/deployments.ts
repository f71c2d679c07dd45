/**
 * POST /v2/deployments: multipart files in the field `resources` (BPMN, DMN, `.form`), with the limits and the
 * authorization of /api/deployments.
 */
import { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError } from '../../../shared/app-error';
import type { AppDeps } from '../../deps';
import { caller } from '../../auth/authenticate';
import { deployCamundaResources } from '../../services/camunda/deployments';
import { tenantId } from '../../services/camunda/search';
import { assertMayDeploy } from '../../services/deployments';
import { parseInput } from '../../validation';
import { MAX_DEPLOYMENT_RESOURCES, toUploadError } from '../deployments';

const deploymentFields = z.object({ tenantId: tenantId.optional() });

export function deploymentRoutes(deps: AppDeps): Router {
  const router = Router();
  const limit = deps.config.MAX_BPMN_BYTES;
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limit, files: MAX_DEPLOYMENT_RESOURCES, fields: 5 },
    defParamCharset: 'utf8',
  }).array('resources', MAX_DEPLOYMENT_RESOURCES);

  router.post('/', (req, res, next) => {
    // Refused before the body is read, as on /api/deployments.
    try {
      assertMayDeploy(caller(req));
      if (!req.is('multipart/form-data'))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data in the field `resources`.');
    } catch (error) {
      return next(error);
    }
    multipart(req, res, (error: unknown) => {
      if (error) return next(toUploadError(error, limit, 'resources'));
      Promise.resolve()
        .then(() => {
          parseInput(deploymentFields, req.body ?? {}, 'deployment fields');
          const files = Array.isArray(req.files) ? req.files : [];
          const resources = files.map((file) => ({ name: file.originalname, content: file.buffer.toString('utf8') }));
          return deployCamundaResources(deps, caller(req), resources);
        })
        .then((deployment) => res.json(deployment), next);
    });
  });
  return router;
}
