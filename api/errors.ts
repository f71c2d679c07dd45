/**
 * The one place errors become HTTP responses: {code, message, elementId?} with the code's status, or, for the Camunda
 * API, the answer its writer makes of the same AppError.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../shared/app-error';
import { appendAudit } from '../engine/audit';
import type { ServiceDeps } from './deps';
import { DEPENDENCY_RETRY_AFTER_SECONDS, dependencyOutage } from './dependency-outage';
import { NotVisibleError } from './services/visible';
import { dataExceptionMessage, isPoolTimeout } from '../platform/db';

/** Writes the error's answer; the status and `Retry-After` are already set. */
export type ErrorWriter = (error: AppError, req: Request, res: Response) => void;

const writeJson: ErrorWriter = (error, _req, res) => {
  res.json(error.toJSON());
};

export function errorHandler({ logger, prisma }: Pick<ServiceDeps, 'logger' | 'prisma'>, write = writeJson) {
  return async (error: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> => {
    const appError = toAppError(error);
    // A refusal under overload is routine (the request log has it); logging each with its stack would add to the load.
    if (appError.status >= 500 && appError.code !== 'OVERLOADED') {
      logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    }
    if (req.principal && (appError.status === 403 || error instanceof NotVisibleError)) {
      // Its own one-statement transaction: a refused request wrote nothing else. The refusal is answered even when
      // the trail cannot be written (the failure is logged): a denial must not become a 500.
      await appendAudit(prisma, denial(req, appError)).catch((auditError: unknown) =>
        logger.error({ err: auditError, method: req.method, path: req.path }, 'could not record a denial'),
      );
    }
    // Every 503 says when to try again, including those the services raise themselves.
    const retryAfter =
      appError.details.retryAfterSeconds ?? (appError.status === 503 ? DEPENDENCY_RETRY_AFTER_SECONDS : undefined);
    if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    write(appError, req, res.status(appError.status));
  };
}

/** An authenticated caller refused (403) or shown nothing (404 from findVisible); anonymous 401s are not recorded. */
function denial(req: Request, appError: AppError) {
  const object =
    appError instanceof NotVisibleError
      ? { objectType: appError.objectType, objectId: appError.objectId }
      : { objectType: 'Request', objectId: `${req.method} ${req.baseUrl}${req.path}` };
  return {
    actor: req.principal?.username,
    sourceAddress: req.ip,
    action: 'access.denied',
    ...object,
    outcome: 'denied' as const,
    details: { method: req.method, path: `${req.baseUrl}${req.path}`, status: appError.status, code: appError.code },
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const outage = dependencyOutage(error);
  if (outage) return outage;
  // An update a workflow was still running when its instance was canceled (a race a fuzzer found).
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof CancelledFailure)
    return new AppError('CONFLICT', 'The instance was canceled while this request ran; nothing else was done.');
  const bodyError = error as { type?: string; status?: number; message?: string };
  // Errors raised by Express's own body parsers.
  if (bodyError.type === 'entity.too.large')
    return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than the limit.');
  if (bodyError.type === 'entity.parse.failed')
    return new AppError('BAD_REQUEST', `The request body is not valid JSON: ${bodyError.message ?? ''}`);
  if (bodyError.type === 'charset.unsupported' || bodyError.type === 'encoding.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', bodyError.message ?? 'Unsupported encoding.');
  }
  if (bodyError.type === 'request.aborted')
    return new AppError('BAD_REQUEST', 'The request body ended before its announced length.');
  if (bodyError.status === 404) return new AppError('NOT_FOUND', 'No such file.');
  const refusedValue = dataExceptionMessage(error);
  if (refusedValue) return new AppError('BAD_REQUEST', `A value in the request cannot be stored: ${refusedValue}.`);
  if (isPoolTimeout(error)) {
    return new AppError('OVERLOADED', 'Every database connection is busy; try again in a second.', {
      retryAfterSeconds: 1,
    });
  }
  return new AppError('INTERNAL', 'Something went wrong on our side; the error has been logged.');
}
