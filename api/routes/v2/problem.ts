/**
 * Errors of the Camunda API as RFC 9457 problem details, the format Camunda answers with: `title` is Camunda's name
 * for the kind of rejection, `detail` our message, and our `code` rides along as an extension member.
 */
import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../../../shared/app-error';
import type { ErrorWriter } from '../../errors';

/** A problem: RFC 9457's members, then ours: the code and the error's details (shared/app-error.ts). */
export const problemAnswer = z.object({
  type: z.literal('about:blank'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
  elementId: z.string().optional(),
  issues: z.array(z.object({ elementId: z.string().optional(), message: z.string() })).optional(),
  fields: z.array(z.object({ key: z.string(), message: z.string() })).optional(),
  retryAfterSeconds: z.number().optional(),
});

const PROBLEM_TITLES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'INVALID_STATE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export const writeProblem: ErrorWriter = (error, req, res) => {
  // The message is the detail; the code and the details (element id, field errors) are extension members.
  const problem: z.input<typeof problemAnswer> = {
    type: 'about:blank',
    title: PROBLEM_TITLES[error.status] ?? error.code,
    status: error.status,
    detail: error.message,
    instance: req.originalUrl.split('?')[0] ?? '',
    code: error.code,
    ...error.details,
  };
  res.type('application/problem+json').send(JSON.stringify(problem));
};
