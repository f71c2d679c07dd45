/**
 * The Camunda API's part of /api/openapi.json: each /v2 path we serve, with its request schema and its answers in
 * Camunda 8.8's shapes, as the services build them (docs/camunda-api.md); errors are problem+json.
 */
import { z } from 'zod';
import { MAX_DEPLOYMENT_RESOURCES } from '../deployments';
import { deploymentAnswer } from '../../services/camunda/deployments';
import { incidentSearchAnswer } from '../../services/camunda/incidents';
import { broadcastAnswer, correlationAnswer, publicationAnswer } from '../../services/camunda/messages';
import { createdInstanceAnswer, instanceSearchAnswer } from '../../services/camunda/process-instances';
import { userTaskAnswer, userTaskFormAnswer, userTaskSearchAnswer } from '../../services/camunda/user-tasks';
import { incidentSearchBody } from './incidents';
import {
  activateJobsBody,
  activatedJobsAnswer,
  completeJobBody,
  failJobBody,
  throwJobErrorBody,
  updateJobBody,
} from './jobs';
import { broadcastBody, correlationBody, publicationBody } from './messages';
import { createInstanceBody, instanceSearchBody } from './process-instances';
import { idempotencyKeyHeader } from '../../services/start-keys';
import { jsonAnswer, jsonBody as json } from '../openapi-schema';
import { problemAnswer } from './problem';
import { topologyAnswer } from './topology';
import { assignmentBody, completionBody, userTaskSearchBody } from './user-tasks';

export const problem = jsonAnswer(
  'A problem (RFC 9457): {type, title, status, detail, instance, code, and the details of some errors}',
  problemAnswer,
  'application/problem+json',
);
const ok = (description: string) => ({ description });
const keyParam = (name: string) => [
  { name, in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,19}$' }, description: 'A key' },
];
const tags = ['Camunda REST API'];
/** HTTP Basic checks the password on every request, on the login throttle (docs/camunda-api.md): 429 anywhere. */
const throttled = { 429: problem };
const security = [{ bearer: [] }, { basic: [] }];

export function camundaApiPaths() {
  /** An action on one keyed object (`extra.parameters`) can find it in a state that refuses it: 409. */
  const operation = (
    summary: string,
    body: z.ZodType | undefined,
    answers: Record<number, object>,
    extra: { parameters?: object[] } = {},
  ) => ({
    tags,
    security,
    summary,
    ...(body && { requestBody: json(body) }),
    ...extra,
    responses: {
      ...answers,
      ...throttled,
      400: problem,
      401: problem,
      404: problem,
      ...(extra.parameters && { 409: problem }),
    },
  });
  const post = (...args: Parameters<typeof operation>) => ({ post: operation(...args) });
  const jobAction = (summary: string, body: z.ZodType) =>
    post(summary, body, { 204: ok('Done') }, { parameters: keyParam('jobKey') });
  return {
    '/v2/topology': {
      get: {
        tags,
        security,
        summary: 'The cluster: one broker, one partition',
        responses: { 200: jsonAnswer('Topology', topologyAnswer), ...throttled },
      },
    },
    '/v2/deployments': {
      post: {
        tags,
        security,
        summary: `Deploy BPMN, DMN and form files together (multipart field \`resources\`, at most ${MAX_DEPLOYMENT_RESOURCES})`,
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  resources: { type: 'array', items: { type: 'string', format: 'binary' } },
                  tenantId: { type: 'string', enum: ['<default>'] },
                },
              },
            },
          },
        },
        responses: {
          200: jsonAnswer('What was deployed, one entry per definition and form', deploymentAnswer),
          400: problem,
          403: problem,
          422: problem,
          ...throttled,
        },
      },
    },
    '/v2/process-instances': post(
      'Create an instance by processDefinitionId (+version) or processDefinitionKey; awaitCompletion answers its variables (504 when requestTimeout runs out first)',
      createInstanceBody,
      { 200: jsonAnswer('The instance', createdInstanceAnswer), 504: problem },
      { parameters: [idempotencyKeyHeader] },
    ),
    '/v2/process-instances/search': post('Search instances', instanceSearchBody, {
      200: jsonAnswer('A page of instances', instanceSearchAnswer),
    }),
    '/v2/process-instances/{processInstanceKey}/cancellation': post(
      'Cancel an instance',
      undefined,
      { 204: ok('Cancelled') },
      { parameters: keyParam('processInstanceKey') },
    ),
    '/v2/messages/publication': post('Publish a message', publicationBody, {
      200: jsonAnswer('The published message', publicationAnswer),
    }),
    '/v2/messages/correlation': post(
      'Correlate a message; 404 when nothing waits for it or starts with it',
      correlationBody,
      { 200: jsonAnswer('The message and the first instance it reached', correlationAnswer) },
    ),
    '/v2/signals/broadcast': post('Broadcast a signal', broadcastBody, {
      200: jsonAnswer('The broadcast signal', broadcastAnswer),
    }),
    '/v2/user-tasks/search': post('Search user tasks', userTaskSearchBody, {
      200: jsonAnswer('A page of user tasks', userTaskSearchAnswer),
    }),
    '/v2/user-tasks/{userTaskKey}': {
      get: {
        tags,
        security,
        summary: 'One user task',
        parameters: keyParam('userTaskKey'),
        responses: { 200: jsonAnswer('The task', userTaskAnswer), 404: problem, ...throttled },
      },
    },
    '/v2/user-tasks/{userTaskKey}/form': {
      get: {
        tags,
        security,
        summary: "The task's linked form as bound at deployment; 204 when it has none",
        parameters: keyParam('userTaskKey'),
        responses: {
          200: jsonAnswer('The form', userTaskFormAnswer),
          204: ok('No form'),
          404: problem,
          ...throttled,
        },
      },
    },
    '/v2/user-tasks/{userTaskKey}/completion': post(
      'Complete a user task',
      completionBody,
      { 204: ok('Completed') },
      { parameters: keyParam('userTaskKey') },
    ),
    '/v2/user-tasks/{userTaskKey}/assignment': post(
      'Assign a user task',
      assignmentBody,
      { 204: ok('Assigned') },
      { parameters: keyParam('userTaskKey') },
    ),
    '/v2/user-tasks/{userTaskKey}/assignee': {
      delete: {
        tags,
        security,
        summary: 'Unassign a user task',
        parameters: keyParam('userTaskKey'),
        responses: { 204: ok('Unassigned'), 404: problem, 409: problem, ...throttled },
      },
    },
    '/v2/incidents/search': post('Search incidents', incidentSearchBody, {
      200: jsonAnswer('A page of incidents', incidentSearchAnswer),
    }),
    '/v2/incidents/{incidentKey}/resolution': post(
      'Resolve an incident: the element runs again',
      undefined,
      { 204: ok('Resolved') },
      { parameters: keyParam('incidentKey') },
    ),
    // External job workers (docs/external-jobs.md): job workers and administrators only.
    '/v2/jobs/activation': post(
      'Activate jobs of a type, locked for the worker until their deadline; waits up to requestTimeout for one',
      activateJobsBody,
      { 200: jsonAnswer('The activated jobs (none when the wait ran out)', activatedJobsAnswer), 403: problem },
    ),
    '/v2/jobs/{jobKey}/completion': jobAction('Complete a job, merging its variables', completeJobBody),
    '/v2/jobs/{jobKey}/failure': jobAction(
      'Fail a job: retried after retryBackOff while retries remain, else an incident',
      failJobBody,
    ),
    '/v2/jobs/{jobKey}/error': jobAction('Throw a BPMN error from a job', throwJobErrorBody),
    '/v2/jobs/{jobKey}': {
      patch: operation(
        'Change a job: its retries, its timeout or both',
        updateJobBody,
        { 204: ok('Changed') },
        {
          parameters: keyParam('jobKey'),
        },
      ),
    },
  };
}
