/**
 * The Camunda API's part of /api/openapi.json: each /v2 path we serve, with its request schema. The answers are
 * Camunda 8.8's shapes (docs/camunda-api.md); errors are problem+json.
 */
import { z } from 'zod';
import { MAX_DEPLOYMENT_RESOURCES } from '../deployments';
import { incidentSearchBody } from './incidents';
import { broadcastBody, correlationBody, publicationBody } from './messages';
import { createInstanceBody, instanceSearchBody } from './process-instances';
import { idempotencyKeyHeader } from '../../services/start-keys';
import { jsonBody as json } from '../openapi-schema';
import { assignmentBody, completionBody, userTaskSearchBody } from './user-tasks';

export const problem = {
  description: 'A problem (RFC 9457): {type, title, status, detail, instance, code}',
  content: {
    'application/problem+json': {
      schema: z.toJSONSchema(
        z.object({
          type: z.string(),
          title: z.string(),
          status: z.number(),
          detail: z.string(),
          instance: z.string(),
          code: z.string(),
        }),
      ),
    },
  },
};
const ok = (description: string) => ({ description });
const keyParam = (name: string) => [
  { name, in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,19}$' }, description: 'A key' },
];
const tags = ['Camunda REST API'];
const security = [{ bearer: [] }, { basic: [] }];

export function camundaApiPaths() {
  /** An action on one keyed object (`extra.parameters`) can find it in a state that refuses it: 409. */
  const post = (
    summary: string,
    body: z.ZodType | undefined,
    answer: string,
    extra: { parameters?: object[] } = {},
  ) => ({
    post: {
      tags,
      security,
      summary,
      ...(body && { requestBody: json(body) }),
      ...extra,
      responses: {
        [answer.startsWith('204') ? 204 : 200]: ok(answer),
        400: problem,
        401: problem,
        404: problem,
        ...(extra.parameters && { 409: problem }),
      },
    },
  });
  return {
    '/v2/topology': {
      get: { tags, security, summary: 'The cluster: one broker, one partition', responses: { 200: ok('Topology') } },
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
        responses: { 200: ok('{deploymentKey, tenantId, deployments}'), 400: problem, 403: problem, 422: problem },
      },
    },
    '/v2/process-instances': post(
      'Create an instance by processDefinitionId (+version) or processDefinitionKey; awaitCompletion answers its variables',
      createInstanceBody,
      '{processDefinitionKey, processDefinitionId, processDefinitionVersion, processInstanceKey, tenantId, variables?}',
      { parameters: [idempotencyKeyHeader] },
    ),
    '/v2/process-instances/search': post('Search instances', instanceSearchBody, '{items, page}'),
    '/v2/process-instances/{processInstanceKey}/cancellation': post('Cancel an instance', undefined, '204 Cancelled', {
      parameters: keyParam('processInstanceKey'),
    }),
    '/v2/messages/publication': post('Publish a message', publicationBody, '{messageKey, tenantId}'),
    '/v2/messages/correlation': post(
      'Correlate a message; 404 when nothing waits for it or starts with it',
      correlationBody,
      '{messageKey, processInstanceKey, tenantId}',
    ),
    '/v2/signals/broadcast': post('Broadcast a signal', broadcastBody, '{signalKey, tenantId}'),
    '/v2/user-tasks/search': post('Search user tasks', userTaskSearchBody, '{items, page}'),
    '/v2/user-tasks/{userTaskKey}': {
      get: {
        tags,
        security,
        summary: 'One user task',
        parameters: keyParam('userTaskKey'),
        responses: { 200: ok('The task'), 404: problem },
      },
    },
    '/v2/user-tasks/{userTaskKey}/form': {
      get: {
        tags,
        security,
        summary: "The task's linked form as bound at deployment; 204 when it has none",
        parameters: keyParam('userTaskKey'),
        responses: { 200: ok('{formKey, formId, version, schema, tenantId}'), 204: ok('No form'), 404: problem },
      },
    },
    '/v2/user-tasks/{userTaskKey}/completion': post('Complete a user task', completionBody, '204 Completed', {
      parameters: keyParam('userTaskKey'),
    }),
    '/v2/user-tasks/{userTaskKey}/assignment': post('Assign a user task', assignmentBody, '204 Assigned', {
      parameters: keyParam('userTaskKey'),
    }),
    '/v2/user-tasks/{userTaskKey}/assignee': {
      delete: {
        tags,
        security,
        summary: 'Unassign a user task',
        parameters: keyParam('userTaskKey'),
        responses: { 204: ok('Unassigned'), 404: problem, 409: problem },
      },
    },
    '/v2/incidents/search': post('Search incidents', incidentSearchBody, '{items, page}'),
    '/v2/incidents/{incidentKey}/resolution': post('Resolve an incident: the element runs again', undefined, '204', {
      parameters: keyParam('incidentKey'),
    }),
  };
}
