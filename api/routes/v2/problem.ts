/**
 * Errors of the Camunda API as RFC 9457 problem details, the format Camunda answers with: `title` is Camunda's name
 * for the kind of rejection, `detail` our message, and our `code` rides along as an extension member.
 */
import type { ErrorWriter } from '../../errors';

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
  const { message: _message, ...extensions } = error.toJSON();
  const problem = {
    type: 'about:blank',
    title: PROBLEM_TITLES[error.status] ?? error.code,
    status: error.status,
    detail: error.message,
    instance: req.originalUrl.split('?')[0],
    ...extensions,
  };
  res.type('application/problem+json').send(JSON.stringify(problem));
};
