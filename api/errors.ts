/** The one place errors become HTTP responses: {code, message, elementId?} with the code's status. */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../shared/app-error';
import type { Logger } from '../platform/logger';

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = toAppError(error);
    if (appError.status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (appError.details.retryAfterSeconds) res.setHeader('Retry-After', String(appError.details.retryAfterSeconds));
    res.status(appError.status).json(appError.toJSON());
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const bodyError = error as { type?: string; status?: number; message?: string };
  // Errors raised by Express's own body parsers.
  if (bodyError.type === 'entity.too.large')
    return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than the limit.');
  if (bodyError.type === 'entity.parse.failed')
    return new AppError('BAD_REQUEST', `The request body is not valid JSON: ${bodyError.message ?? ''}`);
  if (bodyError.type === 'charset.unsupported' || bodyError.type === 'encoding.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', bodyError.message ?? 'Unsupported encoding.');
  }
  if (bodyError.status === 404) return new AppError('NOT_FOUND', 'No such file.');
  return new AppError('INTERNAL', 'Something went wrong on our side; the error has been logged.');
}
