import express, { Router, type Request } from 'express';
import multer from 'multer';
import { malformedMultipart } from './attachment-files';
import { AppError } from '../../shared/app-error';
import type { DeploymentResource } from '../../engine/deployments';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { assertMayDeploy, deploy } from '../services/deployments';

/** How many files one deployment may carry: a process with its forms, or a few processes. */
export const MAX_DEPLOYMENT_RESOURCES = 20;

/**
 * POST /api/deployments: BPMN XML as the raw body (application/xml, text/xml), or multipart files in the field
 * `resource` (`*.bpmn`, `*.form` and `*.dmn`), each within the upload limit.
 */
export function deploymentRoutes(deps: AppDeps): Router {
  const router = Router();
  const limit = deps.config.MAX_BPMN_BYTES;
  const rawXml = express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit });
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limit, files: MAX_DEPLOYMENT_RESOURCES, fields: 5 },
    // Korean file names arrive as UTF-8 without a charset parameter.
    defParamCharset: 'utf8',
  }).array('resource', MAX_DEPLOYMENT_RESOURCES);

  router.post('/', (req, res, next) => {
    // Refused before the body is read: a caller who may never deploy must not make the API parse megabytes.
    try {
      assertMayDeploy(caller(req));
    } catch (error) {
      return next(error);
    }
    const parser = req.is('multipart/form-data') ? multipart : rawXml;
    parser(req, res, (error: unknown) => {
      if (error) return next(toUploadError(error, limit));
      // Inside the promise chain, so that a refused upload reaches next() from this callback too.
      Promise.resolve()
        .then(() => deploy(deps, caller(req), uploadedResources(req)))
        .then((deployment) => res.status(201).json(deployment), next);
    });
  });
  return router;
}

function uploadedResources(req: Request): DeploymentResource[] {
  const files = Array.isArray(req.files) ? req.files : [];
  if (files.length > 0)
    return files.map((file) => ({ name: file.originalname, content: file.buffer.toString('utf8') }));
  if (typeof req.body === 'string') return [{ content: req.body }];
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the BPMN XML as the body (Content-Type: application/xml) or files in the multipart field `resource`.',
  );
}

/** A refused upload as an AppError naming the limit; `field` is the multipart field the files belong in. */
export function toUploadError(error: unknown, limit: number, field = 'resource'): unknown {
  // Body-parser's errors (the raw XML branch) carry a `type` the error handler answers; the others are multipart's.
  if (!(error instanceof multer.MulterError))
    return (error as { type?: string }).type ? error : malformedMultipart(error);
  // Multer names the file it was reading; its type declarations do not say so.
  const { filename } = error as multer.MulterError & { filename?: string };
  if (error.code === 'LIMIT_FILE_SIZE') {
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      `${filename ?? 'A file'} is larger than the upload limit (${limit} bytes).`,
    );
  }
  if (error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE') {
    return new AppError(
      'BAD_REQUEST',
      `Send at most ${MAX_DEPLOYMENT_RESOURCES} files, all in the multipart field \`${field}\` (${error.message}).`,
    );
  }
  return new AppError('BAD_REQUEST', `The upload is malformed: ${error.message}.`);
}
