/** GET /api/openapi.json: the API described from the same zod schemas that validate requests. */
import { Router } from 'express';
import { z } from 'zod';
import { ruleNames } from '../../gov/calendar';
import { CASE_TRACKS, COURT_LEVELS, MAX_CLAIM_AMOUNT, MAX_PARTIES, SMALL_CLAIM_LIMIT } from '../../gov/e-court';
import { errorStatus } from '../../shared/app-error';
import { absenceBody, delegationRulesBody, receiptUpdateBody, resendBody, submitApprovalBody } from './approvals';
import { loginAnswer, loginBody, meAnswer } from './auth';
import { declareHolidayBody } from './calendar';
import { fileCaseBody } from './e-court';
import { referencePriceBody, referencePriceView } from './procurement';
import { bidBody, objectionBody } from './procurement-biddings';
import { MAX_DEPLOYMENT_RESOURCES } from './deployments';
import { camundaApiPaths, problem } from './v2/openapi';
import { withCommonResponses } from './openapi-responses';
import { jsonAnswer, jsonBody as json } from './openapi-schema';
import { healthAnswer } from './health';
import { itemsOf } from '../services/answer-fields';
import { batchAnswer } from '../services/batches';
import { definitionAnswer, definitionSummaryAnswer, definitionStatisticsAnswer } from '../services/definitions';
import { deploymentAnswer } from '../services/deployments';
import { incidentAnswer } from '../services/incidents';
import { instanceAuditAnswer, openTaskAnswer, variableChangeAnswer } from '../services/instance-record';
import { instanceCountAnswer, instancePageAnswer } from '../services/instance-search';
import { elementRunAnswer, instanceAnswer } from '../services/instances';
import { broadcastSignalAnswer, publishedMessageAnswer } from '../services/messages';
import { ownersAnswer, startPermissionsAnswer } from '../services/process-access';
import { catalogueAnswer } from '../services/processes';
import { savedFilterAnswer } from '../services/saved-filters';
import { bulkAnswer } from '../services/task-assignment';
import { attachmentAnswer } from '../services/task-attachments';
import { commentAnswer } from '../services/task-comments';
import { queueAnswer } from '../services/task-queue';
import { completedTaskAnswer, taskDetailAnswer } from '../services/tasks';
import {
  DASHBOARD_PARTS,
  dashboardListAnswer,
  departmentDashboardAnswer,
  processDashboardAnswer,
} from '../services/dashboards/dashboards';
import { dashboardAnswer } from './dashboards';
import { draftAnswer, draftListAnswer } from '../services/drafts';
import { formAnswer } from '../services/forms';
import { notificationPreferencesAnswer } from '../services/notification-preferences';
import { auditPageAnswer } from '../../engine/audit-trail';
import { chainVerdictAnswer } from '../../engine/audit-chain';
import { absenceListAnswer, absenceAnswer, delegationTableAnswer } from '../services/approval-settings';
import { documentListAnswer, documentAnswer } from '../services/approvals';
import { declaredHolidayAnswer, deadlineAnswer, holidayListAnswer } from '../services/calendar';
import { documentAttachmentAnswer, receiptAnswer, resendAnswer } from '../services/document-dispatch';
import { courtFeesAnswer } from '../services/e-court';
import { courtCaseListAnswer, courtCaseAnswer } from '../services/e-court-cases';
import {
  groupListAnswer,
  groupAnswer,
  handoverAnswer,
  movedPersonAnswer,
  personDetailAnswer,
  personListAnswer,
  personAnswer,
  positionListAnswer,
  positionAnswer,
  rankListAnswer,
  rankAnswer,
  unitListAnswer,
  unitAnswer,
} from '../services/org';
import { petitionDetailAnswer, petitionFiledAnswer, petitionListAnswer } from '../services/petition-cases';
import { objectionFiledAnswer } from '../services/petition-objections';
import { petitionDeadlineAnswer, petitionTypeListAnswer, petitionTypeAnswer } from '../services/petitions';
import {
  announcementPeriodAnswer,
  bidObjectionAnswer,
  biddingDetailAnswer,
  biddingListAnswer,
  bidAnswer,
} from '../services/procurement-biddings';
import { retentionPageAnswer } from '../services/records';
import {
  classifiedCopyAnswer,
  classifiedDispatchAnswer,
  clearanceListAnswer,
  clearanceAnswer,
  needToKnowListAnswer,
  readingRecordListAnswer,
  registerEntryAnswer,
} from '../services/security';
import { draftKey, saveDraftBody } from './drafts';
import { resolveIncidentBody } from './incidents';
import { notificationPreferencesBody } from './me';
import { publishMessageBody } from './messages';
import {
  createGroupBody,
  createPersonBody,
  createPositionBody,
  createRankBody,
  createUnitBody,
  handoverBody,
  movePersonBody,
  updatePersonBody,
  updateUnitBody,
} from './org';
import { fileObjectionBody } from './petition-objections';
import { addPetitionTypeBody, filePetitionBody } from './petitions';
import {
  cancelInstanceBody,
  migrateInstanceBody,
  modifyInstanceBody,
  startInstanceBody,
  suspensionBody,
} from './process-instances';
import { idempotencyKeyHeader } from '../services/start-keys';
import { createBatchBody } from './batches';
import { ownerBody, startPermissionsBody } from './processes';
import { clearanceBody, copyBody, dispatchBody, needToKnowBody } from './security';
import { broadcastSignalBody } from './signals';
import { taskFilterBody } from './task-filters';
import {
  bulkAssignBody,
  bulkClaimBody,
  commentBody,
  completeTaskBody,
  planTaskBody,
  resolveTaskBody,
  toUserBody,
} from './tasks';

const error = {
  description: 'An error: {code, message, elementId?}',
  ...json(
    z.object({
      code: z.enum(Object.keys(errorStatus) as [string, ...string[]]),
      message: z.string(),
      elementId: z.string().optional(),
    }),
  ),
};
const ok = (description: string) => ({ description });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
const userIdParam = { name: 'userId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const keyParam = [{ name: 'key', in: 'path', required: true, schema: z.toJSONSchema(draftKey) }];
const secured = [{ bearer: [] }, { cookie: [] }];
const query = (name: string, description: string, schema: object, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const courtFeeParams = [
  query(
    'claimAmount',
    'The claim value (소송목적의 값), whole won',
    { type: 'integer', minimum: 1, maximum: MAX_CLAIM_AMOUNT },
    true,
  ),
  query('level', 'first (소장), appeal (항소장) or final (상고장)', { type: 'string', enum: COURT_LEVELS }, true),
  query('electronic', 'Filed through the e-court system (전자소송)', { type: 'string', enum: ['true', 'false'] }, true),
  query('parties', 'Parties served', { type: 'integer', minimum: 1, maximum: MAX_PARTIES }, true),
  query(
    'track',
    `civil, or small-claims (first instance, at most ${SMALL_CLAIM_LIMIT} won)`,
    { type: 'string', enum: CASE_TRACKS },
    true,
  ),
  query('filedOn', 'The filing date; picks the fee per service round (default: today in Korea)', {
    type: 'string',
    format: 'date',
  }),
];
const instanceSearchParams = [
  query('processId', 'BPMN process id', { type: 'string' }),
  query('version', 'Deployed version', { type: 'integer' }),
  query('state', 'ACTIVE, COMPLETED, CANCELED, INCIDENT (comma-separated or repeated)', { type: 'string' }),
  query('businessKey', 'Business key, exact', { type: 'string' }),
  query('businessKeyPrefix', 'Business key, beginning', { type: 'string' }),
  ...['startedAfter', 'startedBefore', 'endedAfter', 'endedBefore'].map((name) =>
    query(name, 'ISO 8601 date or instant (window at most 10 years)', { type: 'string' }),
  ),
  query('orgUnitId', 'Department with subunits: started by its people or with a task of its units', {
    type: 'string',
    format: 'uuid',
  }),
  query('overdue', 'Has an open task past due', { type: 'boolean' }),
  query('incident', 'Has an open incident', { type: 'boolean' }),
  query('var.<name>', 'A variable of the snapshot equals the value (JSON scalar or text)', { type: 'string' }),
  query('sort', 'startedAt, endedAt or businessKey', { type: 'string' }),
  query('order', 'asc or desc', { type: 'string' }),
  query('cursor', 'nextCursor of the previous page', { type: 'string' }),
  query('limit', '1-200, default 50', { type: 'integer' }),
];
const deadlineParams = [
  query('receivedAt', 'The receipt instant, ISO 8601 with an offset', { type: 'string', format: 'date-time' }, true),
  query('rule', 'The statutory counting rule', { type: 'string', enum: ruleNames }, true),
  ...['days', 'hours', 'weeks', 'months', 'years'].map((unit) =>
    query(unit, `The period in ${unit} (give exactly one period)`, { type: 'integer', minimum: 1 }),
  ),
  query('immediately', 'The period "immediately" (즉시)', { type: 'string', enum: ['true'] }),
  {
    ...query('excluded', 'A clock-stop: YYYY-MM-DD/YYYY-MM-DD or <ISO>/<ISO>; repeatable', {
      type: 'array',
      items: { type: 'string' },
    }),
    explode: true,
  },
];

const announcementParams = [
  query('kind', 'Contract kind', { type: 'string', enum: ['goods', 'services', 'works'] }, true),
  query('estimatedPrice', '추정가격 in won; required for works without a site briefing', {
    type: 'integer',
    minimum: 0,
  }),
  query('siteBriefing', 'A site briefing is held (works: the period counts to it)', { type: 'boolean' }),
  query('urgent', 'Re-announcement or urgent case of §35④ (5 days)', { type: 'boolean' }),
  query('negotiated', '협상에 의한 계약 (§35⑤: 40 days, 10 when urgent)', { type: 'boolean' }),
  query('bidDeadline', 'The submission deadline: ISO 8601 date, or date-time with an offset', { type: 'string' }, true),
  query('siteBriefingDate', 'The site briefing day (works with siteBriefing=true): ISO 8601', { type: 'string' }),
];

const dashboardParams = [
  query('from', 'First Korean day of the window, YYYY-MM-DD (default: 29 days before to)', {
    type: 'string',
    format: 'date',
  }),
  query('to', 'Last Korean day of the window, YYYY-MM-DD (default: today); at most 731 days in all', {
    type: 'string',
    format: 'date',
  }),
  query('bucket', 'Throughput per day (default) or per week', { type: 'string', enum: ['day', 'week'] }),
  query('format', 'json (default) or csv (one part, with part=)', { type: 'string', enum: ['json', 'csv'] }),
  query('part', 'The part a CSV answer holds', { type: 'string', enum: [...DASHBOARD_PARTS] }),
];

const queueParams = [
  query('scope', 'mine, groups or department; none is mine and groups together', {
    type: 'string',
    enum: ['mine', 'groups', 'department'],
  }),
  query('cursor', 'The nextCursor of the previous page', { type: 'string' }),
  query('limit', 'Tasks per page', { type: 'integer', minimum: 1, maximum: 200 }),
  query('filter', 'A saved filter of the caller', { type: 'string', format: 'uuid' }),
  query('processId', 'Only this process', { type: 'string' }),
  query('dueAfter', 'Due at or after', { type: 'string', format: 'date-time' }),
  query('dueBefore', 'Due at or before', { type: 'string', format: 'date-time' }),
  query('priorityMin', 'Priority at least', { type: 'integer', minimum: 0, maximum: 100 }),
  query('priorityMax', 'Priority at most', { type: 'integer', minimum: 0, maximum: 100 }),
  query('var.<name>', 'A process variable equal to the value', { type: 'string' }),
  query('sort', 'The sort key', { type: 'string', enum: ['due', 'priority', 'created'] }),
  query('order', 'The direction', { type: 'string', enum: ['asc', 'desc'] }),
];

const processIdParam = { name: 'processId', in: 'path', required: true, schema: { type: 'string' } };

/** A task operation: POST with a JSON body, answering the task. */
const taskOperation = (summary: string, body: z.ZodType) => ({
  post: {
    summary,
    parameters: idParam,
    requestBody: json(body),
    responses: {
      200: jsonAnswer('The task', taskDetailAnswer),
      400: error,
      403: error,
      404: error,
      409: error,
      422: error,
    },
  },
});

export function buildOpenApi() {
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'On-Nara BPS core API',
      version: '0.1.0',
      description: 'BPMN process engine for Korean government work. Errors are {code, message, elementId?}.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'bps_session' },
        // The Camunda API (/v2) only: the login's username and password on every request.
        basic: { type: 'http', scheme: 'basic' },
      },
    },
    security: secured,
    paths: {
      '/api/auth/login': {
        post: {
          summary: 'Log in; returns a bearer token and sets the session cookie',
          security: [],
          requestBody: json(loginBody),
          responses: {
            200: jsonAnswer('Logged in', loginAnswer),
            401: error,
            429: {
              ...error,
              description:
                'Too many failed logins for the account or from the address (TOO_MANY_ATTEMPTS; see Retry-After)',
            },
          },
        },
      },
      '/api/auth/logout': { post: { summary: 'End the session', responses: { 204: ok('Logged out') } } },
      '/api/auth/logout-all': {
        post: { summary: "End every one of the caller's sessions", responses: { 204: ok('Logged out everywhere') } },
      },
      '/api/auth/me': {
        get: { summary: 'The caller', responses: { 200: jsonAnswer('The caller', meAnswer), 401: error } },
      },
      '/api/health': {
        get: {
          summary: 'Reachability of Temporal, PostgreSQL and SMTP: up or down per part, the reasons only in the log',
          security: [],
          responses: {
            200: jsonAnswer('All reachable', healthAnswer),
            503: jsonAnswer('Something is down', healthAnswer),
          },
        },
      },
      '/api/deployments': {
        post: {
          summary: `Deploy BPMN XML (raw body), or up to ${MAX_DEPLOYMENT_RESOURCES} files in the multipart field \`resource\` (\`*.bpmn\`, \`*.form\` form-js schemas whose \`id\` is the form id, and \`*.dmn\` DMN 1.3 decisions), all or nothing. A user task's zeebe:formId must name a form, and a business rule task's zeebe:calledDecision a decision, of the deployment or deployed before (422 with its elementId)`,
          requestBody: {
            content: {
              'application/xml': { schema: { type: 'string' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    resource: {
                      type: 'array',
                      items: { type: 'string', format: 'binary' },
                      maxItems: MAX_DEPLOYMENT_RESOURCES,
                    },
                  },
                  required: ['resource'],
                },
              },
            },
          },
          responses: {
            201: jsonAnswer('The versions made, or found identical (created: false)', deploymentAnswer),
            400: error,
            403: error,
            413: error,
            415: error,
            422: error,
          },
        },
      },
      '/api/processes': {
        get: {
          summary:
            'Every deployed process with its versions, newest first: [{processId, name, latest: {definitionId, version}, versions: [{definitionId, version, versionTag, deployedBy: {username, displayName} | null, deployedAt, instances: {active, completed, incident, cancelled, total}}]}]',
          responses: { 200: jsonAnswer('The processes', catalogueAnswer) },
        },
      },
      '/api/processes/{processId}/owners': {
        get: {
          summary:
            "A process's owners (docs/access.md), for its owners and administrators: {processId, owners: [{id, username, displayName, grantedAt}]}",
          parameters: [processIdParam],
          responses: { 200: jsonAnswer('The owners', ownersAnswer), 403: error, 404: error },
        },
        post: {
          summary: 'Adds an owner (administrators); answers the owners',
          parameters: [processIdParam],
          requestBody: json(ownerBody),
          responses: { 201: jsonAnswer('The owners', ownersAnswer), 400: error, 403: error, 404: error, 422: error },
        },
      },
      '/api/processes/{processId}/owners/{userId}': {
        delete: {
          summary: 'Removes an owner (administrators); answers the owners',
          parameters: [processIdParam, { name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: jsonAnswer('The owners', ownersAnswer), 403: error, 404: error },
        },
      },
      '/api/processes/{processId}/start-permissions': {
        get: {
          summary:
            'The org units whose people may start the process, each with the units under it; none: every civil servant. {processId, orgUnits: [{id, code, name}]}',
          parameters: [processIdParam],
          responses: { 200: jsonAnswer('The start permissions', startPermissionsAnswer), 403: error, 404: error },
        },
        put: {
          summary: "Replaces the process's start permissions (its owners, administrators)",
          parameters: [processIdParam],
          requestBody: json(startPermissionsBody),
          responses: {
            200: jsonAnswer('The start permissions', startPermissionsAnswer),
            400: error,
            403: error,
            404: error,
            422: error,
          },
        },
      },
      '/api/forms/{formId}': {
        get: {
          summary: 'The latest version of a deployed form: {id, formId, version, schema}',
          parameters: [{ name: 'formId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: jsonAnswer('The form', formAnswer), 404: error },
        },
      },
      '/api/drafts': {
        get: {
          summary: "The caller's drafts, last saved first: [{key, name, updatedAt}] (empty for who keeps none)",
          responses: { 200: jsonAnswer('The drafts', draftListAnswer) },
        },
      },
      '/api/drafts/{key}': {
        get: {
          summary: "One of the caller's drafts: {key, xml, forms: {[formId]: schema}, updatedAt}",
          parameters: keyParam,
          responses: { 200: jsonAnswer('The draft', draftAnswer), 400: error, 404: error },
        },
        put: {
          summary: 'Save a draft under a key (the process id, or new-<uuid>); analysts and administrators',
          parameters: keyParam,
          requestBody: json(saveDraftBody),
          responses: { 200: jsonAnswer('The saved draft', draftAnswer), 400: error, 403: error, 413: error },
        },
        delete: {
          summary: "Delete one of the caller's drafts",
          parameters: keyParam,
          responses: { 204: ok('Deleted'), 400: error, 404: error },
        },
      },
      '/api/process-definitions': {
        get: {
          summary: 'Deployed process definitions',
          responses: { 200: jsonAnswer('The definitions', itemsOf(definitionSummaryAnswer)) },
        },
      },
      '/api/process-definitions/{id}': {
        get: {
          summary: 'One definition with its XML and graph',
          parameters: idParam,
          responses: { 200: jsonAnswer('The definition', definitionAnswer), 404: error },
        },
      },
      '/api/process-definitions/{id}/xml': {
        get: {
          summary: 'The deployed BPMN XML of one version',
          parameters: idParam,
          responses: {
            200: { description: 'The XML', content: { 'application/xml': { schema: { type: 'string' } } } },
            404: error,
          },
        },
      },
      '/api/process-definitions/{id}/statistics': {
        get: {
          summary:
            "Per element of this version, all time (the heatmap's data): [{elementId, active, completed, incidents, meanDurationMs}] (managers of units its tasks reached, analysts, administrators)",
          parameters: idParam,
          responses: { 200: jsonAnswer('The figures per element', definitionStatisticsAnswer), 404: error },
        },
      },
      '/api/dashboards': {
        get: {
          summary:
            'The processes and org units whose dashboards the caller may open: {processes, departments}; 404 for who reads no dashboard',
          responses: { 200: jsonAnswer('The dashboards the caller may open', dashboardListAnswer), 404: error },
        },
      },
      '/api/dashboards/process/{processId}': {
        get: {
          summary:
            'A process dashboard: {window, throughput, cycleTime: {endToEnd, perElement}, sla, backlog, overdue, bottlenecks, heatmap}; a manager sees the task figures of their units only',
          parameters: [
            { name: 'processId', in: 'path', required: true, schema: { type: 'string' } },
            ...dashboardParams,
            query('version', 'Only this version (default: all; the heatmap shows the latest)', {
              type: 'integer',
              minimum: 1,
            }),
          ],
          responses: {
            200: dashboardAnswer('The dashboard, or one part as text/csv', processDashboardAnswer),
            400: error,
            404: error,
          },
        },
      },
      '/api/dashboards/department/{orgUnitId}': {
        get: {
          summary: 'A department dashboard over the tasks of the unit and the units under it (heatmap: null)',
          parameters: [
            { name: 'orgUnitId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            ...dashboardParams,
          ],
          responses: {
            200: dashboardAnswer('The dashboard, or one part as text/csv', departmentDashboardAnswer),
            400: error,
            404: error,
          },
        },
      },
      '/api/process-instances': {
        get: {
          summary:
            'Search instances (docs/instances.md): {items: [{id, processId, version, businessKey, state, startedAt, endedAt, startedBy, openTasks, openIncidents}], nextCursor}; the whole result as CSV with Accept: text/csv or format=csv',
          parameters: instanceSearchParams,
          responses: {
            200: {
              description: '{items, nextCursor}, or CSV',
              content: {
                ...jsonAnswer('', instancePageAnswer).content,
                'text/csv': { schema: { type: 'string' } },
              },
            },
            400: error,
          },
        },
        post: {
          summary:
            'Start an instance of the latest (or a given) version; with Idempotency-Key, repeats answer the same instance (docs/reliability.md)',
          parameters: [idempotencyKeyHeader],
          requestBody: json(startInstanceBody),
          responses: {
            201: jsonAnswer('The instance', instanceAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
            503: error,
          },
        },
      },
      '/api/process-instances/{id}/cancel': {
        post: {
          summary: 'Cancel a running instance with a reason (administrators)',
          parameters: idParam,
          requestBody: json(cancelInstanceBody),
          responses: { 200: jsonAnswer('The instance, CANCELED', instanceAnswer), 400: error, 404: error, 409: error },
        },
      },
      '/api/process-instances/{id}/modify': {
        post: {
          summary:
            'Cancel the tokens waiting at elements and start tokens at others, with variables (analysts, administrators); 422 names the element in the way',
          parameters: idParam,
          requestBody: json(modifyInstanceBody),
          responses: {
            200: jsonAnswer('The instance', instanceAnswer),
            400: error,
            404: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/process-instances/{id}/migrate': {
        post: {
          summary:
            'Move a running instance to a newer version of its process, mapping old element ids to new ones (analysts, administrators); 422 names an active element without a target',
          parameters: idParam,
          requestBody: json(migrateInstanceBody),
          responses: {
            200: jsonAnswer('The instance, on the new version', instanceAnswer),
            400: error,
            404: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/process-instances/{id}/suspend': {
        post: {
          summary:
            'Hold a running instance where it is (analysts, administrators): timers and messages that come due wait, task completions answer 409 INSTANCE_SUSPENDED',
          parameters: idParam,
          requestBody: json(suspensionBody),
          responses: {
            200: jsonAnswer('The instance, with suspendedAt', instanceAnswer),
            400: error,
            404: error,
            409: error,
          },
        },
      },
      '/api/process-instances/{id}/resume': {
        post: {
          summary: 'Let a suspended instance move again; what came due while it was held happens now, once',
          parameters: idParam,
          requestBody: json(suspensionBody),
          responses: {
            200: jsonAnswer('The instance, suspendedAt cleared', instanceAnswer),
            400: error,
            404: error,
            409: error,
          },
        },
      },
      '/api/batches': {
        post: {
          summary:
            'Cancel, retry (resolve open incidents) or migrate up to 10,000 instances; instances the caller may not operate on are counted as failed',
          requestBody: json(createBatchBody),
          responses: { 202: jsonAnswer('The batch, RUNNING', batchAnswer), 400: error, 403: error },
        },
        get: {
          summary: 'My batches, newest first: {items}',
          responses: { 200: jsonAnswer('My batches', itemsOf(batchAnswer)) },
        },
      },
      '/api/batches/{id}': {
        get: {
          summary: 'A batch with its progress (total, done, failed, state) and its failed items: {instanceId, error}',
          parameters: idParam,
          responses: { 200: jsonAnswer('The batch', batchAnswer), 404: error },
        },
      },
      '/api/process-instances/{id}': {
        get: {
          summary: 'One instance',
          parameters: idParam,
          responses: { 200: jsonAnswer('The instance', instanceAnswer), 404: error },
        },
      },
      '/api/process-instances/count': {
        get: {
          summary: 'How many instances match the search filters: {total, byState}',
          parameters: instanceSearchParams,
          responses: { 200: jsonAnswer('{total, byState}', instanceCountAnswer), 400: error },
        },
      },
      '/api/process-instances/{id}/variables/history': {
        get: {
          summary:
            'Every variable change, oldest first: {items: [{id, name, value, previous, changedBy, at, source, sourceId}]}',
          parameters: idParam,
          responses: { 200: jsonAnswer('{items}', itemsOf(variableChangeAnswer)), 404: error },
        },
      },
      '/api/process-instances/{id}/tasks': {
        get: {
          summary: 'The open tasks with assignee and working time left: {items}',
          parameters: idParam,
          responses: { 200: jsonAnswer('{items}', itemsOf(openTaskAnswer)), 404: error },
        },
      },
      '/api/process-instances/{id}/audit': {
        get: {
          summary: 'The audit rows of the instance and its tasks, oldest first: {items}',
          parameters: idParam,
          responses: { 200: jsonAnswer('{items}', itemsOf(instanceAuditAnswer)), 404: error },
        },
      },
      '/api/process-instances/{id}/history': {
        get: {
          summary:
            'The element instances the instance has run, in start order: {items: [{elementInstanceId, elementId, elementType, state, startedAt, endedAt}]}',
          parameters: idParam,
          responses: { 200: jsonAnswer('{items}', itemsOf(elementRunAnswer)), 404: error },
        },
      },
      '/api/messages': {
        post: {
          summary:
            'Publish a message: delivered to the instances waiting for its name and correlation key, starts processes with a message start event of that name, and with a timeToLive (ISO 8601 duration or milliseconds) waits for subscriptions opened later',
          requestBody: json(publishMessageBody),
          responses: {
            200: jsonAnswer('Where the message went', publishedMessageAnswer),
            400: error,
            403: error,
            503: error,
          },
        },
      },
      '/api/signals': {
        post: {
          summary:
            'Broadcast a signal to every instance waiting for it; starts processes with a signal start event of that name',
          requestBody: json(broadcastSignalBody),
          responses: {
            200: jsonAnswer('Where the signal went', broadcastSignalAnswer),
            400: error,
            403: error,
            503: error,
          },
        },
      },
      '/api/incidents': {
        get: {
          summary: 'Incidents of the instances visible to the caller',
          parameters: [
            query('state', 'OPEN (default), RESOLVED or CANCELED', {
              type: 'string',
              enum: ['OPEN', 'RESOLVED', 'CANCELED'],
            }),
            query('processInstanceId', 'Only this instance', { type: 'string', format: 'uuid' }),
          ],
          responses: { 200: jsonAnswer('The incidents', itemsOf(incidentAnswer)), 400: error, 403: error },
        },
      },
      '/api/incidents/{id}': {
        get: {
          summary: 'One incident',
          parameters: idParam,
          responses: { 200: jsonAnswer('The incident', incidentAnswer), 404: error },
        },
      },
      '/api/incidents/{id}/resolve': {
        post: {
          summary: 'Resolve an open incident: the element is retried, with the variables given set first',
          parameters: idParam,
          requestBody: json(resolveIncidentBody),
          responses: {
            200: jsonAnswer('The incident, RESOLVED', incidentAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
          },
        },
      },
      '/api/approvals': {
        get: {
          summary:
            'Approval documents the caller drafted (role=drafted), stands on the line of (role=on-line), or that were sent to their unit (role=received)',
          parameters: [
            query('role', 'drafted (default), on-line or received', { enum: ['drafted', 'on-line', 'received'] }),
          ],
          responses: { 200: jsonAnswer('{items}', documentListAnswer), 400: error },
        },
        post: {
          summary: 'Submit a document for approval: the line is routed (전결, 대결, 후결), stored and started',
          requestBody: json(submitApprovalBody),
          responses: {
            201: jsonAnswer('The document with its steps', documentAnswer),
            400: error,
            403: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/approvals/{id}': {
        get: {
          summary: 'One approval document with its record (the steps of every round)',
          parameters: idParam,
          responses: { 200: jsonAnswer('The document', documentAnswer), 404: error },
        },
      },
      '/api/approvals/{id}/withdraw': {
        post: {
          summary: '회수: the drafter withdraws the document while no one on the line has acted',
          parameters: idParam,
          responses: { 200: jsonAnswer('The document, WITHDRAWN', documentAnswer), 403: error, 404: error, 409: error },
        },
      },
      // Document approval end to end: processes/document-approval/README.md
      '/api/approvals/{id}/resend': {
        post: {
          summary: 'Ask to send a dispatched document to a new recipient; the 처리과 head approves it in a task (§15④)',
          parameters: idParam,
          requestBody: json(resendBody),
          responses: {
            202: jsonAnswer('{dispatchId}', resendAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/approvals/{id}/receipts/{receiptId}': {
        patch: {
          summary: 'The receiving unit head sets the 공람 due date and/or reassigns the handler (§18⑤)',
          parameters: [
            ...idParam,
            { name: 'receiptId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          requestBody: json(receiptUpdateBody),
          responses: {
            200: jsonAnswer('The receipt with its readings', receiptAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
          },
        },
      },
      '/api/approvals/{id}/attachments': {
        post: {
          summary: 'The drafter attaches a file (multipart field `file`) while the document is on its line',
          parameters: idParam,
          responses: {
            201: jsonAnswer('The attachment', documentAttachmentAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
            413: error,
            415: error,
          },
        },
      },
      '/api/approvals/{id}/attachments/{attachmentId}': {
        get: {
          summary: "Download a document's attachment, with its stored type",
          parameters: [
            ...idParam,
            { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            200: {
              description: 'The file, with the media type it was stored with',
              content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
            },
            404: error,
          },
        },
      },
      '/api/approvals/delegation-rules': {
        get: {
          summary: 'The delegation table (administrators)',
          responses: { 200: jsonAnswer('{items}', delegationTableAnswer), 403: error },
        },
        put: {
          summary: 'Replace the delegation table (administrators); refused when it has a gap or an overlap',
          requestBody: json(delegationRulesBody),
          responses: { 200: jsonAnswer('{items}', delegationTableAnswer), 400: error, 403: error, 422: error },
        },
      },
      '/api/approvals/absences': {
        get: {
          summary: "The caller's absences and those they stand in for",
          responses: { 200: jsonAnswer('{items}', absenceListAnswer) },
        },
        post: {
          summary: 'Record an absence with its proxy (one’s own; administrators anyone’s)',
          requestBody: json(absenceBody),
          responses: { 201: jsonAnswer('The absence', absenceAnswer), 400: error, 403: error, 422: error },
        },
      },
      '/api/approvals/absences/{id}': {
        delete: { summary: 'Delete an absence', parameters: idParam, responses: { 204: ok('Deleted'), 404: error } },
      },
      '/api/records/retention': {
        get: {
          summary:
            'Approved documents whose retention ends before a date, soonest first (records officer: administrators); docs/records.md',
          parameters: [
            query(
              'expiringBefore',
              'Lists documents whose last day of retention is before this date',
              {
                type: 'string',
                format: 'date',
              },
              true,
            ),
            query('cursor', 'The nextCursor of the previous page', { type: 'string' }),
            query('limit', 'Page size, 1–500 (default 100)', { type: 'integer', minimum: 1, maximum: 500 }),
            query('format', 'json (default) or csv (the whole list, up to 10,000 documents)', {
              type: 'string',
              enum: ['json', 'csv'],
            }),
          ],
          responses: {
            200: {
              description: '{items, nextCursor}, or (format=csv) the whole list as CSV',
              content: {
                ...jsonAnswer('', retentionPageAnswer).content,
                'text/csv': { schema: { type: 'string' } },
              },
            },
            400: error,
            403: error,
          },
        },
      },
      '/api/tasks': {
        get: {
          summary: 'A work queue, one page at a time (docs/work-queues.md)',
          parameters: queueParams,
          responses: { 200: jsonAnswer('{items, nextCursor}', queueAnswer), 400: error, 404: error },
        },
      },
      '/api/tasks/{id}': {
        get: {
          summary:
            'One task with `accepts`, what completing it takes: {kind: "form"} with formSchema (form-js; a deployed form in the version bound at its process\'s deployment, or one embedded in the process), {kind: "names", names}, or {kind: "decision"} ({approved, comment})',
          parameters: idParam,
          responses: { 200: jsonAnswer('The task', taskDetailAnswer), 404: error },
        },
        patch: {
          summary: 'Set the follow-up date and priority',
          parameters: idParam,
          requestBody: json(planTaskBody),
          responses: { 200: jsonAnswer('The task', taskDetailAnswer), 400: error, 403: error, 404: error, 409: error },
        },
      },
      '/api/tasks/{id}/claim': {
        post: {
          summary: 'Claim a task',
          parameters: idParam,
          responses: { 200: jsonAnswer('The task', taskDetailAnswer), 404: error, 409: error },
        },
      },
      '/api/tasks/{id}/unclaim': {
        post: {
          summary: 'Release a claimed task',
          parameters: idParam,
          responses: { 200: jsonAnswer('The task', taskDetailAnswer), 404: error, 409: error },
        },
      },
      '/api/calendar/deadline': {
        get: {
          summary: 'A statutory deadline with the explanation of its count: {dueAt, rule, unit, period, explanation}',
          parameters: deadlineParams,
          responses: { 200: jsonAnswer('The deadline', deadlineAnswer), 400: error, 422: error },
        },
      },
      '/api/calendar/holidays': {
        get: {
          summary: "A year's holidays: statutory, declared and withdrawn",
          parameters: [query('year', 'The year', { type: 'integer' }, true)],
          responses: { 200: jsonAnswer('{year, source, items}', holidayListAnswer), 400: error, 422: error },
        },
        post: {
          summary: 'Declare a holiday (administrators); audited',
          requestBody: json(declareHolidayBody),
          responses: {
            201: jsonAnswer('The holiday', declaredHolidayAnswer),
            400: error,
            403: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/calendar/holidays/{date}': {
        delete: {
          summary: 'Withdraw a declared or statutory holiday (administrators); audited',
          parameters: [{ name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } }],
          responses: { 204: ok('Withdrawn'), 400: error, 403: error, 404: error, 409: error, 422: error },
        },
      },
      '/api/petitions': {
        get: {
          summary:
            'The civil petitions within reach (the petitioner their own, the receiving unit its own, managers their subtree): {items: [{id, receiptNumber, typeCode, title, state, receivedAt, dueAt, supplementRequests, extensions, decidedAt, outcome, workingMinutesTaken}]}',
          responses: { 200: jsonAnswer('The petitions', petitionListAnswer) },
        },
        post: {
          summary:
            "File a petition (a petitioner) or register one received at the counter (a clerk, who may stamp receivedAt): checked against the form 'petition-filing', starts the civil-petition process",
          requestBody: json(filePetitionBody),
          responses: {
            201: jsonAnswer('{processInstanceId}', petitionFiledAnswer),
            400: error,
            403: error,
            404: error,
          },
        },
      },
      '/api/petitions/{id}': {
        get: {
          summary: 'One petition with its history [{at, event}]; 404 when it is not within reach',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: jsonAnswer('The petition', petitionDetailAnswer), 404: error },
        },
      },
      '/api/petitions/types': {
        get: {
          summary:
            'The civil-petition types with their limits: the general types of the decree, then the statutory ones',
          responses: {
            200: jsonAnswer('{items: [{code, name, limit: {unit, amount?}, basis, kind}]}', petitionTypeListAnswer),
          },
        },
        post: {
          summary: 'Add a statutory petition type (법정민원) with its limit (administrators); audited',
          requestBody: json(addPetitionTypeBody),
          responses: { 201: jsonAnswer('The type', petitionTypeAnswer), 400: error, 403: error, 409: error },
        },
      },
      '/api/petitions/types/{code}': {
        get: {
          summary: 'One petition type',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: jsonAnswer('The type', petitionTypeAnswer), 404: error },
        },
      },
      '/api/petitions/deadline': {
        get: {
          summary:
            'When a petition of the type is due, counted on the calendar of /api/calendar: {dueAt, rule: {code, name, limit, basis}, explanation}',
          parameters: [
            query('type', 'A petition type code (GET /api/petitions/types)', { type: 'string' }, true),
            query(
              'receivedAt',
              'The receipt instant, ISO 8601 with an offset',
              { type: 'string', format: 'date-time' },
              true,
            ),
          ],
          responses: { 200: jsonAnswer('The deadline', petitionDeadlineAnswer), 400: error, 422: error },
        },
      },
      '/api/petitions/{id}/objections': {
        post: {
          summary:
            '이의신청: the petitioner objects to the decision on their refused or partly accepted petition within 60 days (민원처리법 §35); starts petition-objection: {processInstanceId, petitionId, filedAt, lastDayToObject}',
          parameters: idParam,
          requestBody: json(fileObjectionBody),
          responses: {
            202: jsonAnswer('The objection is filed', objectionFiledAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/procurement/announcement': {
        get: {
          summary:
            'The legal minimum period of a bid announcement (국가계약법 시행령 §35): {announceBy, days, article, countedFrom, lastDayOfPeriod, explanation}',
          parameters: announcementParams,
          responses: { 200: jsonAnswer('The announcement period', announcementPeriodAnswer), 400: error, 401: error },
        },
      },
      '/api/procurement/reference-price': {
        post: {
          summary:
            "예정가격 from the 15 preliminary prices and the bidders' picks: {referencePrice, averaged, pickCounts, explanation}",
          requestBody: json(referencePriceBody),
          responses: { 200: jsonAnswer('The reference price', referencePriceView), 400: error, 401: error },
        },
      },
      '/api/procurement/biddings': {
        get: {
          summary: 'The bid announcements of the procurement-bidding process, latest first',
          responses: { 200: jsonAnswer('{items}', biddingListAnswer), 401: error },
        },
      },
      '/api/procurement/biddings/{id}': {
        get: {
          summary:
            'A bidding with the bids and objections the caller may see; prices, bonds and picks stay null until the opening, for every role',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: jsonAnswer('The bidding', biddingDetailAnswer), 404: error },
        },
      },
      '/api/procurement/biddings/{id}/bids': {
        post: {
          summary:
            "A bidder's sealed bid (price, 5% bond, 2 of the 15 preliminary prices) before the deadline; answers its commitment",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: json(bidBody),
          responses: { 201: jsonAnswer('The sealed bid', bidAnswer), 400: error, 403: error, 404: error, 409: error },
        },
      },
      '/api/procurement/biddings/{id}/bids/{bidId}': {
        get: {
          summary: 'One bid: its bidder and the contracting unit only (404 for anyone else)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'bidId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { 200: jsonAnswer('The bid', bidAnswer), 404: error },
        },
      },
      '/api/procurement/biddings/{id}/objections': {
        post: {
          summary: "A bidder's objection to the award, within the window; the officer answers it in a task",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: json(objectionBody),
          responses: {
            201: jsonAnswer('The objection', bidObjectionAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
          },
        },
      },
      '/api/e-court/fees': {
        get: {
          summary:
            'What filing a civil case costs, in won: {stampFee (인지), serviceFee (송달료), explanation: {steps, text}}, each step citing its article',
          parameters: courtFeeParams,
          responses: { 200: jsonAnswer('The fees', courtFeesAnswer), 400: error, 401: error },
        },
      },
      '/api/e-court/cases': {
        get: {
          summary: "The court cases the caller may read: a party's own cases, or the court's docket",
          responses: { 200: jsonAnswer('{items}', courtCaseListAnswer), 401: error },
        },
        post: {
          summary:
            'File a complaint (e-court-filing): priced (first instance, e-filed, two parties) and signed by the password re-entered; starts the process',
          requestBody: json(fileCaseBody),
          responses: {
            201: jsonAnswer('The case with its fees and signature digest', courtCaseAnswer),
            400: error,
            403: error,
            422: error,
            429: error,
          },
        },
      },
      '/api/e-court/cases/{id}': {
        get: {
          summary:
            'One case with its fees, periods and notices (parties and the court; the complaint hidden from the defendant until served)',
          parameters: idParam,
          responses: { 200: jsonAnswer('The case', courtCaseAnswer), 404: error },
        },
      },
      '/api/e-court/cases/{id}/open': {
        post: {
          summary:
            'The defendant opens the served complaint: the first opening after the notice serves it (전자문서법 §11④)',
          parameters: idParam,
          responses: {
            200: jsonAnswer('The case with the complaint', courtCaseAnswer),
            403: error,
            404: error,
            409: error,
          },
        },
      },
      '/api/me/notification-preferences': {
        get: {
          summary: "The caller's notification mail preferences: {language: ko|en, assigned, reminder, overdue}",
          responses: { 200: jsonAnswer('The preferences', notificationPreferencesAnswer), 401: error },
        },
        put: {
          summary: "Change the caller's notification preferences (the fields given); audited",
          requestBody: json(notificationPreferencesBody),
          responses: { 200: jsonAnswer('The preferences', notificationPreferencesAnswer), 400: error, 401: error },
        },
      },
      '/api/org/units': {
        get: {
          summary: 'The org units in tree order, each with its head',
          responses: { 200: jsonAnswer('{items}', unitListAnswer) },
        },
        post: {
          summary: 'Create a unit (administrators); a department or team gets a candidate group of its code',
          requestBody: json(createUnitBody),
          responses: { 201: jsonAnswer('The unit', unitAnswer), 400: error, 403: error, 409: error, 422: error },
        },
      },
      '/api/org/units/{id}': {
        patch: {
          summary: 'Rename, re-parent or set the head of a unit (administrators); a cycle is refused',
          parameters: idParam,
          requestBody: json(updateUnitBody),
          responses: { 200: jsonAnswer('The unit', unitAnswer), 400: error, 403: error, 404: error, 422: error },
        },
      },
      '/api/org/people': {
        get: {
          summary: 'People with unit, position, rank and groups',
          parameters: [
            query('unitId', 'Only the people of this unit', { type: 'string', format: 'uuid' }),
            query('includeSubunits', "With the unit's subunits", { type: 'string', enum: ['true', 'false'] }),
            query('q', 'Part of a username or display name', { type: 'string' }),
          ],
          responses: { 200: jsonAnswer('{items}', personListAnswer), 400: error, 404: error },
        },
        post: {
          summary: 'Add a person with an initial password (administrators)',
          requestBody: json(createPersonBody),
          responses: { 201: jsonAnswer('The person', personAnswer), 400: error, 403: error, 409: error, 422: error },
        },
      },
      '/api/org/people/{id}': {
        get: {
          summary: 'One person, with their history and handovers',
          parameters: idParam,
          responses: { 200: jsonAnswer('The person', personDetailAnswer), 404: error },
        },
        patch: {
          summary: 'Change a person (administrators)',
          parameters: idParam,
          requestBody: json(updatePersonBody),
          responses: { 200: jsonAnswer('The person', personAnswer), 400: error, 403: error, 404: error, 422: error },
        },
      },
      '/api/org/people/{id}/move': {
        post: {
          summary: 'Move a person to another unit (administrators); with successorId their open tasks are handed over',
          parameters: idParam,
          requestBody: json(movePersonBody),
          responses: {
            200: jsonAnswer('{person, handover}', movedPersonAnswer),
            400: error,
            403: error,
            404: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/org/people/{id}/handover': {
        post: {
          summary: "Hand a person's open tasks to a successor (administrators)",
          parameters: idParam,
          requestBody: json(handoverBody),
          responses: { 200: jsonAnswer('{handover}', handoverAnswer), 400: error, 403: error, 404: error, 422: error },
        },
      },
      '/api/org/positions': {
        get: { summary: 'Positions (직위) by level', responses: { 200: jsonAnswer('{items}', positionListAnswer) } },
        post: {
          summary: 'Add a position (administrators)',
          requestBody: json(createPositionBody),
          responses: { 201: jsonAnswer('The position', positionAnswer), 400: error, 403: error, 409: error },
        },
      },
      '/api/org/ranks': {
        get: { summary: 'Ranks (직급), most junior first', responses: { 200: jsonAnswer('{items}', rankListAnswer) } },
        post: {
          summary: 'Add a rank (administrators)',
          requestBody: json(createRankBody),
          responses: { 201: jsonAnswer('The rank', rankAnswer), 400: error, 403: error, 409: error },
        },
      },
      '/api/org/groups': {
        get: { summary: 'Candidate groups', responses: { 200: jsonAnswer('{items}', groupListAnswer) } },
        post: {
          summary: 'Add a candidate group (administrators), optionally tied to a unit',
          requestBody: json(createGroupBody),
          responses: { 201: jsonAnswer('The group', groupAnswer), 400: error, 403: error, 409: error, 422: error },
        },
      },
      '/api/tasks/{id}/complete': {
        post: {
          summary:
            'Complete a task with variables: only the fields its form names (else what its output mappings read, else {approved, comment}); 400 FORM_INVALID with fields: [{key, message}] otherwise, the task staying open',
          parameters: idParam,
          requestBody: json(completeTaskBody),
          responses: { 200: jsonAnswer('{id, state}', completedTaskAnswer), 400: error, 404: error, 409: error },
        },
      },
      '/api/tasks/{id}/assign': taskOperation('Assign or reassign to a candidate', toUserBody),
      '/api/tasks/{id}/delegate': taskOperation('Delegate, keeping ownership', toUserBody),
      '/api/tasks/{id}/resolve': taskOperation('Hand a delegated task back to its owner', resolveTaskBody),
      '/api/tasks/bulk/claim': {
        post: {
          summary: 'Claim several tasks; each result says whether it worked and why not',
          requestBody: json(bulkClaimBody),
          responses: { 200: jsonAnswer('{results: [{id, ok, code?, message?}]}', bulkAnswer), 400: error },
        },
      },
      '/api/tasks/bulk/assign': {
        post: {
          summary: 'Assign several tasks to one person; each result says whether it worked and why not',
          requestBody: json(bulkAssignBody),
          responses: { 200: jsonAnswer('{results: [{id, ok, code?, message?}]}', bulkAnswer), 400: error },
        },
      },
      '/api/tasks/{id}/comments': {
        get: {
          summary: "A task's comments",
          parameters: idParam,
          responses: { 200: jsonAnswer('{items}', itemsOf(commentAnswer)), 404: error },
        },
        post: {
          summary: 'Comment on an open task',
          parameters: idParam,
          requestBody: json(commentBody),
          responses: { 201: jsonAnswer('The comment', commentAnswer), 400: error, 404: error, 409: error },
        },
      },
      '/api/tasks/{id}/attachments': {
        get: {
          summary: "A task's attachments",
          parameters: idParam,
          responses: { 200: jsonAnswer('{items}', itemsOf(attachmentAnswer)), 404: error },
        },
        post: {
          summary: 'Attach a file (multipart field `file`) to an open task',
          parameters: idParam,
          responses: {
            201: jsonAnswer('The attachment', attachmentAnswer),
            400: error,
            404: error,
            409: error,
            413: error,
            415: error,
          },
        },
      },
      '/api/tasks/{id}/attachments/{attachmentId}': {
        get: {
          summary: 'Download an attachment, with its stored type',
          parameters: [
            ...idParam,
            { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            200: {
              description: 'The file, as its stored type',
              content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
            },
            404: error,
          },
        },
      },
      '/api/task-filters': {
        get: {
          summary: "The caller's saved queue filters",
          responses: { 200: jsonAnswer('{items}', itemsOf(savedFilterAnswer)) },
        },
        post: {
          summary: 'Save a queue filter',
          requestBody: json(taskFilterBody),
          responses: { 201: jsonAnswer('The saved filter', savedFilterAnswer), 400: error, 409: error },
        },
      },
      '/api/task-filters/{id}': {
        delete: {
          summary: 'Delete a saved filter',
          parameters: idParam,
          responses: { 204: ok('Deleted'), 404: error },
        },
      },
      '/api/audit': {
        get: {
          summary:
            'The audit trail, newest first (auditors; others 404): {items: [{id, at, actor, sourceAddress, subject, action, objectType, objectId, outcome, details, prevHash, hash}], nextCursor}',
          parameters: [
            ...['actor', 'action', 'objectType', 'objectId'].map((name) =>
              query(name, 'Exact match', { type: 'string' }),
            ),
            query('from', 'ISO 8601 instant, inclusive', { type: 'string', format: 'date-time' }),
            query('to', 'ISO 8601 instant, exclusive', { type: 'string', format: 'date-time' }),
            query('cursor', 'nextCursor of the previous page', { type: 'string' }),
            query('limit', 'Rows per page, 1 to 200 (50)', { type: 'integer' }),
          ],
          responses: { 200: jsonAnswer('A page of the trail', auditPageAnswer), 400: error, 404: error },
        },
      },
      '/api/audit/verify': {
        get: {
          summary:
            'Walks the hash chain (auditors; others 404): {ok, checked, firstBrokenId?, head?: {id, hash}} (docs/audit.md)',
          responses: { 200: jsonAnswer('The verdict', chainVerdictAnswer), 404: error },
        },
      },
      // Classified handling (docs/classified.md).
      '/api/security/clearances': {
        get: {
          summary: 'Every clearance (security officer)',
          responses: { 200: jsonAnswer('{items}', clearanceListAnswer), 403: error },
        },
      },
      '/api/security/clearances/{userId}': {
        put: {
          summary: 'Grant or replace a clearance: a grade and an expiry in the future (security officer)',
          parameters: [userIdParam],
          requestBody: json(clearanceBody),
          responses: { 200: jsonAnswer('The clearance', clearanceAnswer), 400: error, 403: error, 404: error },
        },
        delete: {
          summary: 'Revoke a clearance (security officer)',
          parameters: [userIdParam],
          responses: { 204: ok('Revoked'), 403: error, 404: error },
        },
      },
      '/api/security/reading-records': {
        get: {
          summary: '비밀열람기록전: the reading records, each with whether its signature verifies (security officer)',
          parameters: [query('instanceId', 'Only this instance’s records', { type: 'string', format: 'uuid' })],
          responses: { 200: jsonAnswer('{items}', readingRecordListAnswer), 403: error },
        },
      },
      '/api/security/register/{id}': {
        get: {
          summary: '비밀관리기록부: a classified instance’s entry, its 예고문 and its copies (security officer)',
          parameters: idParam,
          responses: { 200: jsonAnswer('The entry', registerEntryAnswer), 403: error, 404: error },
        },
      },
      '/api/security/register/{id}/copies': {
        post: {
          summary: 'Make the next numbered copy for a cleared holder (an I급 item: with the originator’s permission)',
          parameters: idParam,
          requestBody: json(copyBody),
          responses: {
            201: jsonAnswer('The copy', classifiedCopyAnswer),
            400: error,
            403: error,
            404: error,
            422: error,
          },
        },
      },
      '/api/security/register/{id}/copy-permission': {
        post: {
          summary: 'The originator permits further copies of an I급 item',
          parameters: idParam,
          responses: { 200: jsonAnswer('The entry', registerEntryAnswer), 404: error },
        },
      },
      '/api/security/register/{id}/dispatches': {
        post: {
          summary: 'Dispatch a held copy by a channel its grade allows',
          parameters: idParam,
          requestBody: json(dispatchBody),
          responses: {
            201: jsonAnswer('The dispatch', classifiedDispatchAnswer),
            400: error,
            404: error,
            409: error,
            422: error,
          },
        },
      },
      '/api/process-instances/{id}/need-to-know': {
        get: {
          summary: 'Who needs to know a classified instance (security officer, classifier)',
          parameters: idParam,
          responses: { 200: jsonAnswer('{items}', needToKnowListAnswer), 404: error },
        },
        post: {
          summary: 'Put a person cleared for the grade on the list; 422 names one who is not',
          parameters: idParam,
          requestBody: json(needToKnowBody),
          responses: { 201: jsonAnswer('{items}', needToKnowListAnswer), 400: error, 404: error, 422: error },
        },
      },
      '/api/process-instances/{id}/need-to-know/{userId}': {
        delete: {
          summary: 'Take a person off the list',
          parameters: [...idParam, userIdParam],
          responses: { 204: ok('Removed'), 404: error },
        },
      },
      ...camundaApiPaths(),
    },
  };
  withCommonResponses(document.paths, { api: error, v2: problem });
  return document;
}

export function openApiRoutes(): Router {
  const router = Router();
  const document = buildOpenApi();
  router.get('/', (_req, res) => {
    res.json(document);
  });
  return router;
}
