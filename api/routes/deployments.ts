import express, { Router, type Request } from 'express';
import multer from 'multer';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { assertMayDeploy, deploy } from '../services/deployments';

/** POST /api/deployments: BPMN XML as the raw body (application/xml, text/xml) or as multipart field `resource`. */
export function deploymentRoutes(deps: AppDeps): Router {
  const router = Router();
  const limit = deps.config.MAX_BPMN_BYTES;
  const rawXml = express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit });
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limit, files: 1, fields: 5 },
  }).single('resource');

  router.post('/', (req, res, next) => {
    // Refused before the body is read: a caller who may never deploy must not make the API parse megabytes.
    try {
      assertMayDeploy(caller(req));
    } catch (error) {
      return next(error);
    }
    const parser = req.is('multipart/form-data') ? multipart : rawXml;
    parser(req, res, (error: unknown) => {
      if (error) return next(toUploadError(error));
      // Inside the promise chain, so that a refused upload reaches next() from this callback too.
      Promise.resolve()
        .then(() => deploy(deps, caller(req), uploadedXml(req)))
        .then((processes) => res.status(201).json({ processes }), next);
    });
  });
  return router;
}

function uploadedXml(req: Request): { xml: string; resourceName?: string } {
  const file = req.file;
  const xml = file ? file.buffer.toString('utf8') : typeof req.body === 'string' ? req.body : undefined;
  if (xml === undefined) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the BPMN XML as the body (Content-Type: application/xml) or as the multipart file field `resource`.',
    );
  }
  return { xml, resourceName: file?.originalname };
}

function toUploadError(error: unknown): unknown {
  if (error instanceof multer.MulterError) {
    return error.code === 'LIMIT_FILE_SIZE'
      ? new AppError('PAYLOAD_TOO_LARGE', 'The BPMN file is larger than the upload limit.')
      : new AppError(
          'BAD_REQUEST',
          `The upload is malformed: ${error.message}. Send one file in the field \`resource\`.`,
        );
  }
  return error;
}
